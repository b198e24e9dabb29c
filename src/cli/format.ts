/** Terminal formatting for the CLI summary table. */
import type { SimResult } from '../engine/types.ts';

export function fmtNum(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (Math.abs(x) >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

export function fmtMs(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

export function summaryText(title: string, r: SimResult): string {
  const out: string[] = [];
  out.push(`${title} — ${r.simulatedS} s simulated (warm-up ${r.warmupS} s), seed ${r.seed}, ${fmtNum(r.events)} events in ${r.wallMs} ms`);
  out.push('');
  const srcRows = Object.entries(r.sources).map(([id, s]) => [
    id, fmtNum(s.requests, 0), `${(s.successRatio * 100).toFixed(2)} %`, `${s.goodputRps.toFixed(1)}/s`,
    fmtMs(s.latencyMs.mean), fmtMs(s.latencyMs.p50), fmtMs(s.latencyMs.p99), fmtMs(s.latencyMs.p999),
  ]);
  if (srcRows.length) {
    out.push('End to end');
    out.push(table(['source', 'requests', 'success', 'goodput', 'mean', 'p50', 'p99', 'p99.9'], srcRows));
    out.push('');
  }
  const nodeRows = Object.entries(r.nodes).filter(([, n]) => n.kind !== 'client' && n.kind !== 'scheduler').map(([id, n]) => [
    id, n.kind, fmtNum(n.arrivals, 0), fmtNum(n.completed, 0), fmtNum(n.errors, 0), fmtNum(n.rejected, 0), fmtNum(n.timeouts, 0),
    fmtNum(n.retries, 0), n.workers ? `${(n.utilization * 100).toFixed(1)} %` : '–', `${n.queue.mean.toFixed(1)}/${fmtNum(n.queue.max, 0)}`,
    fmtMs(n.latencyMs.mean), fmtMs(n.latencyMs.p99), fmtNum(n.sideEffects, 0), fmtNum(n.duplicates, 0), n.kind === 'queue' ? fmtNum(n.dlq, 0) : '',
  ]);
  out.push('Nodes');
  out.push(table(['node', 'kind', 'arrivals', 'done', 'errors', 'rejected', 'timeouts', 'retries', 'util', 'queue avg/max', 'mean', 'p99', 'effects', 'dups', 'dlq'], nodeRows));
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
