/**
 * What `--json` prints. Every number in it is finite: where the engine keeps NaN for "nothing
 * to measure" the JSON says so in words instead (JSON has no NaN, and a silent `null` in a
 * numeric field reads as a number that got lost):
 *  - a requirement with nothing to grade (a latency bound when no request finished) has
 *    `measured: null` and `notMeasured` giving the reason;
 *  - a `…Ci95` half-width needs two replications: with one it is left out.
 */
import type { ReplicationSummary, SimResult } from '../engine/index.ts';
import type { TheoryRow } from '../analysis/index.ts';

/** JSON-friendly copy of a result: series as plain arrays (only with `withSeries`), traces only with `withTraces`. */
export function resultToJson(r: SimResult, withSeries = false, withTraces = withSeries): Record<string, unknown> {
  const { series, traces, ...base } = r;
  const rest: Record<string, unknown> = withTraces ? { ...base, traces } : { ...base };
  rest.requirements = requirementsJson(r.requirements);
  if (!withSeries) return rest;
  const conv = (o: Record<string, Record<string, Float64Array>>) =>
    Object.fromEntries(
      Object.entries(o).map(([id, m]) => [
        id,
        Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Array.from(v, (x) => (Number.isFinite(x) ? x : null))])),
      ]),
    );
  const plain = (o: Record<string, Float64Array>) => Object.fromEntries(Object.entries(o).map(([id, v]) => [id, Array.from(v)]));
  const instances = series.instances ? { instances: plain(series.instances) } : {};
  return { ...rest, series: { ...series, nodes: conv(series.nodes), sources: conv(series.sources), ...instances } };
}

const NOT_MEASURED = 'no request finished in the measured period, so there is no latency to grade';
const NOT_MEASURED_ALL = 'not measured in every replication (a latency needs a finished request)';

function requirementsJson<T extends { measured: number }>(
  reqs: readonly T[],
  why = NOT_MEASURED,
): (Omit<T, 'measured'> & { measured: number | null; notMeasured?: string })[] {
  return reqs.map((q) => (Number.isFinite(q.measured) ? q : { ...q, measured: null, notMeasured: why }));
}

/** `run --json`: the result (series only with `--series`) and theory beside simulation. */
export function runJson(r: SimResult, theory: readonly TheoryRow[], withTraces: boolean, withSeries = false): Record<string, unknown> {
  return { ...resultToJson(r, withSeries, withTraces), theory };
}

/** Drop `…Ci95` keys that are not finite (fewer than two replications), recursively. */
function intervalsJson(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k.endsWith('Ci95') && typeof v === 'number' && !Number.isFinite(v)) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? intervalsJson(v as Record<string, unknown>) : v;
  }
  return out;
}

/** `run --replications N --json` and each sweep point: the summary with only the intervals that exist. */
export function summaryJson(s: ReplicationSummary): Record<string, unknown> {
  const out = intervalsJson(s as unknown as Record<string, unknown>);
  out.requirements = requirementsJson(s.requirements, NOT_MEASURED_ALL).map((q) => intervalsJson(q as unknown as Record<string, unknown>));
  return out;
}
