/** Terminal formatting for the CLI summary table. */
import type { SimResult } from '../engine/types.ts';
import { formatMs } from '../lib/formatMs.ts';
import { KIND_INDEX, KINDS } from '../kinds/registry.ts';

/** The kind's display name ("API gateway"), from the kind modules. */
const kindName = (kind: string): string => KINDS[KIND_INDEX[kind as keyof typeof KIND_INDEX]]?.meta.name ?? kind;
import type { TheoryRow } from '../analysis/theoryCompare.ts';
import { SOURCE_KINDS, type NodeKind } from '../model/index.ts';

const isSourceKind = (kind: string): boolean => SOURCE_KINDS.includes(kind as NodeKind);

export function fmtNum(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (Math.abs(x) >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/** The shared ms format (lib/formatMs.ts). */
export const fmtMs = formatMs;

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

export function summaryText(title: string, r: SimResult, theory: TheoryRow[] = []): string {
  const out: string[] = [];
  out.push(`${title} — ${r.simulatedS} s simulated (warm-up ${r.warmupS} s), seed ${r.seed}, ${fmtNum(r.events)} events in ${r.wallMs} ms`);
  out.push('');
  const srcRows = Object.entries(r.sources).map(([id, s]) => [
    id,
    fmtNum(s.requests, 0),
    `${(s.successRatio * 100).toFixed(2)} %`,
    `${s.goodputRps.toFixed(1)}/s`,
    fmtMs(s.latencyMs.mean),
    fmtMs(s.latencyMs.p50),
    fmtMs(s.latencyMs.p99),
    fmtMs(s.latencyMs.p999),
  ]);
  if (srcRows.length) {
    out.push('End to end');
    out.push(table(['source', 'requests', 'success', 'goodput', 'mean', 'p50', 'p99', 'p99.9'], srcRows));
    out.push('');
  }
  const nodeRows = Object.entries(r.nodes)
    .filter(([, n]) => !isSourceKind(n.kind))
    .map(([id, n]) => [
      id,
      kindName(n.kind),
      fmtNum(n.arrivals, 0),
      fmtNum(n.completed, 0),
      fmtNum(n.errors, 0),
      fmtNum(n.rejected, 0),
      fmtNum(n.timeouts, 0),
      fmtNum(n.retries, 0),
      n.workers ? `${(n.utilization * 100).toFixed(1)} %` : '–',
      `${n.queue.mean.toFixed(1)}/${fmtNum(n.queue.max, 0)}`,
      fmtMs(n.latencyMs.mean),
      fmtMs(n.latencyMs.p99),
      fmtNum(n.sideEffects, 0),
      fmtNum(n.duplicates, 0),
      n.kind === 'queue' ? fmtNum(n.dlq, 0) : '',
    ]);
  out.push('Nodes');
  out.push(
    table(
      [
        'node',
        'kind',
        'arrivals',
        'done',
        'errors',
        'rejected',
        'timeouts',
        'retries',
        'util',
        'queue avg/max',
        'mean',
        'p99',
        'effects',
        'dups',
        'dlq',
      ],
      nodeRows,
    ),
  );
  const th = theory.filter((t) => t.metric !== 'arrivalRps' || t.flagged);
  if (th.length) {
    out.push('');
    out.push('Theory beside simulation');
    const f = (m: TheoryRow['metric'], x: number) =>
      m === 'utilization' || m === 'blocking' ? `${(x * 100).toFixed(1)} %` : m === 'arrivalRps' ? `${x.toFixed(1)}/s` : fmtMs(x);
    out.push(
      table(
        ['node', 'metric', 'model', 'theory', 'simulated', 'diff', ''],
        th.map((t) => [
          t.node,
          t.metric,
          t.model,
          f(t.metric, t.theory),
          f(t.metric, t.simulated),
          `${(t.relDiff * 100).toFixed(1)} %`,
          t.flagged ? `← ${t.why}` : '',
        ]),
      ),
    );
  }
  if (r.requirements.length) {
    out.push('');
    out.push('Requirements');
    for (const q of r.requirements) out.push(`  ${q.pass ? 'PASS' : 'FAIL'}  ${q.text}  (measured ${fmtNum(q.measured, 3)})`);
  }
  if (r.findings.length) {
    out.push('');
    out.push('Findings');
    for (const f of r.findings) {
      out.push(`  [${f.severity}] ${f.message} (${f.fromS.toFixed(0)}–${f.toS.toFixed(0)} s)`);
      if (f.suggestion) out.push(`      → ${f.suggestion}`);
    }
  }
  return out.join('\n');
}

type Num = Record<string, unknown>;
const get = (o: Num, path: string): number => path.split('.').reduce<unknown>((x, k) => (x as Num | undefined)?.[k], o) as number;
const pm = (o: Num, path: string, f: (x: number) => string) => {
  const v = get(o, path),
    h = get(o, `${path}Ci95`);
  return Number.isFinite(h) ? `${f(v)} ± ${f(h).replace(/ (ms|s)$/, '')}` : f(v);
};

export function replicationsText(
  title: string,
  s: import('../engine/replications.ts').ReplicationSummary & { parallelWallMs: number },
): string {
  const out: string[] = [];
  out.push(
    `${title} — ${s.replications} replications (seeds ${s.seeds[0]}–${s.seeds[s.seeds.length - 1]}), ${s.simulatedS} s each (warm-up ${s.warmupS} s); ${fmtNum(s.events)} events, ${s.parallelWallMs} ms wall (${s.wallMs} ms of simulation)`,
  );
  out.push('Values are means over replications ± the 95 % confidence half-width (Student t).');
  out.push('');
  const srcRows = Object.entries(s.sources).map(([id, x]) => [
    id,
    pm(x, 'successRatio', (v) => `${(v * 100).toFixed(2)} %`),
    pm(x, 'goodputRps', (v) => v.toFixed(1)),
    pm(x, 'latencyMs.mean', fmtMs),
    pm(x, 'latencyMs.p50', fmtMs),
    pm(x, 'latencyMs.p99', fmtMs),
  ]);
  if (srcRows.length) {
    out.push('End to end');
    out.push(table(['source', 'success', 'goodput/s', 'mean', 'p50', 'p99'], srcRows));
    out.push('');
  }
  const nodeRows = Object.entries(s.nodes)
    .filter(([, x]) => !isSourceKind(String(x.kind)))
    .map(([id, x]) => [
      id,
      kindName(String(x.kind)),
      pm(x, 'utilization', (v) => `${(v * 100).toFixed(1)} %`),
      pm(x, 'queue.mean', (v) => v.toFixed(2)),
      pm(x, 'latencyMs.mean', fmtMs),
      pm(x, 'latencyMs.p99', fmtMs),
      pm(x, 'errors', (v) => fmtNum(v, 0)),
      pm(x, 'duplicates', (v) => fmtNum(v, 0)),
    ]);
  out.push('Nodes');
  out.push(table(['node', 'kind', 'util', 'queue', 'mean', 'p99', 'errors', 'dups'], nodeRows));
  if (s.requirements.length) {
    out.push('');
    out.push('Requirements (pass rate over replications)');
    for (const q of s.requirements)
      out.push(
        `  ${(q.passRate * 100).toFixed(0).padStart(3)} %  ${q.text}  (measured ${fmtNum(q.measured, 3)}${Number.isFinite(q.measuredCi95) ? ` ± ${fmtNum(q.measuredCi95, 3)}` : ''})`,
      );
  }
  return out.join('\n');
}

export function sweepText(
  title: string,
  param: string,
  points: { value: number; summary: import('../engine/replications.ts').ReplicationSummary }[],
  wallMs: number,
): string {
  const out: string[] = [];
  const reps = points[0]?.summary.replications ?? 1;
  out.push(`${title} — sweep of ${param} over ${points.length} values, ${reps} run${reps > 1 ? 's' : ''} per point, ${wallMs} ms wall`);
  out.push('');
  const sources = Object.keys(points[0]?.summary.sources ?? {});
  const nodes = Object.entries(points[0]?.summary.nodes ?? {})
    .filter(([, x]) => Number(x.workers) > 0)
    .map(([id]) => id);
  const head = [
    param.split('.').slice(-1)[0]!,
    ...sources.flatMap((s) => [`${s} success`, `${s} goodput/s`, `${s} p50`, `${s} p99`]),
    ...nodes.map((n) => `${n} util`),
  ];
  const rows = points.map(({ value, summary }) => [
    fmtNum(value, 3),
    ...sources.flatMap((s) => {
      const x = summary.sources[s]!;
      return [
        pm(x, 'successRatio', (v) => `${(v * 100).toFixed(1)} %`),
        pm(x, 'goodputRps', (v) => v.toFixed(1)),
        pm(x, 'latencyMs.p50', fmtMs),
        pm(x, 'latencyMs.p99', fmtMs),
      ];
    }),
    ...nodes.map((n) => pm(summary.nodes[n]!, 'utilization', (v) => `${(v * 100).toFixed(0)} %`)),
  ]);
  out.push(table(head, rows));
  return out.join('\n');
}
