/**
 * Theory beside simulation: the analytic value (M/M/c, M/D/1, M/G/c, M/M/c/K, traffic
 * equations) next to the simulated one per node and metric; large disagreements are flagged
 * with the likely reason. The analysis is pure and runs here; the result is the run's.
 */
import { useMemo } from 'react';
import { theoryCompare, type TheoryRow } from '../../analysis/theoryCompare.ts';
import type { ArchDocument } from '../../model/index.ts';
import type { NodeResult, ReplicationSummary, SimResult } from '../../worker/protocol.ts';
import { formatMs, formatPercent } from './format.ts';

const METRIC: Record<TheoryRow['metric'], string> = {
  arrivalRps: 'Arrival rate',
  utilization: 'Utilization',
  waitMs: 'Wait for a worker',
  responseMs: 'Response time',
  blocking: 'Blocking (rejected)',
};

function value(metric: TheoryRow['metric'], v: number, digits = 4): string {
  if (!Number.isFinite(v)) return '–';
  if (metric === 'utilization' || metric === 'blocking') return digits < 4 ? `${+(v * 100).toPrecision(digits)} %` : formatPercent(v);
  if (metric === 'arrivalRps') return `${+v.toPrecision(digits)} /s`;
  return digits < 4 ? `${+v.toPrecision(digits)} ms` : formatMs(v);
}

/** The 95 % half-width of a simulated value, from the replication summary. */
function halfWidth(r: TheoryRow, summary: ReplicationSummary, measuredS: number): number {
  const n = summary.nodes[r.node] as Record<string, unknown> | undefined;
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  switch (r.metric) {
    case 'arrivalRps':
      return num(n?.arrivalsCi95) / measuredS;
    case 'utilization':
      return num(n?.utilizationCi95);
    case 'waitMs':
      return num(n?.waitMsCi95);
    case 'responseMs':
      return num((n?.latencyMs as Record<string, unknown> | undefined)?.meanCi95);
    default:
      return NaN;
  }
}

export function TheoryTable({ doc, result, summary }: { doc: ArchDocument; result: SimResult; summary?: ReplicationSummary }) {
  // With replications, simulated values are the means across them (the summary has every node field).
  const rows = useMemo(
    () => theoryCompare(doc, summary ? { ...result, nodes: summary.nodes as unknown as Record<string, NodeResult> } : result),
    [doc, result, summary],
  );
  const measuredS = Math.max(1e-9, result.simulatedS - result.warmupS);
  const name = (id: string) => result.nodes[id]?.label ?? id;
  const flagged = rows.filter((r) => r.flagged).length;
  if (!rows.length)
    return (
      <p className="empty view-scroll" data-testid="theory-view">
        No node here has a closed form to compare with (theory covers services, databases and queues fed by sources).
      </p>
    );
  return (
    <div className="view-scroll" data-testid="theory-view">
      <p className="view-note">
        What queueing theory expects for this design, next to what the simulation measured
        {summary ? ` (mean ± 95 % CI of ${summary.replications} replications)` : ''}.{' '}
        {flagged ? (
          <>
            <b>
              {flagged} row{flagged === 1 ? '' : 's'} differ by more than 20 %
            </b>
            : a modelling surprise worth explaining (the reason is given).
          </>
        ) : (
          'Every row agrees within 20 %.'
        )}
      </p>
      <table className="theory-table" data-testid="theory-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Metric</th>
            <th className="num">Theory</th>
            <th className="num">Simulated</th>
            <th className="num">Diff</th>
            <th>Model</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.flagged ? 'theory-flagged' : undefined} data-flagged={r.flagged}>
              <td>{name(r.node)}</td>
              <td>{METRIC[r.metric]}</td>
              <td className="num">{value(r.metric, r.theory)}</td>
              <td className="num">
                {value(r.metric, r.simulated)}
                {summary && Number.isFinite(halfWidth(r, summary, measuredS)) && (
                  <span className="theory-ci"> ± {value(r.metric, halfWidth(r, summary, measuredS), 2)}</span>
                )}
              </td>
              <td className="num">
                {r.flagged && '⚑ '}
                {Number.isFinite(r.relDiff) ? `${(r.relDiff * 100).toFixed(r.relDiff < 0.1 ? 1 : 0)} %` : '–'}
              </td>
              <td className="theory-model">
                {r.model}
                {r.why && <span className="theory-why">{r.why}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
