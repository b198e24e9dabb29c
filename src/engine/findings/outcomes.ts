/**
 * Outcome findings, so a run never looks clean when it is not:
 *   requestsFailed  a source's failed requests, end to end (a run with failures always has a finding)
 *   conflicts       409 "in progress" answers of an atomic idempotency store: expected, reported as info
 *   occConflicts    conditional writes that lost a version race on a database's hot rows: wasted
 *                   work, a warning once the losers outnumber the commits
 *   hang            a node or edge that stopped answering (down or partition in hang mode), named,
 *                   with what its callers did (timed out, or wait forever with no timeout)
 */
import type { ArchDocument } from '../../model/schema.ts';
import type { Finding, SimResult } from '../types.ts';
import { ms, num, pct, spanWhere } from './util.ts';

export function outcomeFindings(doc: ArchDocument, r: SimResult): Finding[] {
  const out: Finding[] = [];
  const label = (id: string) => r.nodes[id]?.label ?? id;
  for (const [id, s] of Object.entries(r.sources)) {
    if (s.failed <= 0) continue;
    const ratio = s.failed / Math.max(1, s.succeeded + s.failed);
    const calls = Object.values(r.edges).filter((e) => e.source === id);
    const sum = (k: 'timeouts' | 'errors' | 'breakerRejected' | 'budgetDenied') => calls.reduce((a, e) => a + e[k], 0);
    const parts = [
      [sum('timeouts'), 'timeouts'],
      [sum('errors'), 'error answers'],
      [sum('breakerRejected'), 'calls refused by an open breaker'],
      [sum('budgetDenied'), 'retries denied by the budget'],
    ]
      .filter(([v]) => (v as number) > 0)
      .map(([v, t]) => `${num(v as number)} ${t}`);
    const series = r.series.sources[id]!.failed;
    const span = spanWhere(r, (b) => series[b]! > 0) ?? [r.warmupS, r.simulatedS];
    out.push({
      kind: 'requestsFailed',
      severity: ratio > 0.05 ? 'critical' : ratio > 0.001 || s.failed >= 1000 ? 'warning' : 'info',
      nodes: [id],
      fromS: span[0],
      toS: span[1],
      message: `${label(id)}: ${num(s.failed)} of ${num(s.succeeded + s.failed)} requests failed end to end (${pct(ratio, ratio < 0.01 ? 2 : 1)})${parts.length ? `; its calls saw ${parts.join(', ')} (counted per attempt, retries included)` : ''}.`,
      suggestion: 'The other findings say where the failures start; a requirement on successRatio turns this into a pass/fail check.',
    });
  }
  for (const node of doc.nodes) {
    const n = r.nodes[node.id];
    if (!n || n.conflicts <= 0) continue;
    out.push({
      kind: 'conflicts',
      severity: 'info',
      nodes: [node.id],
      fromS: r.warmupS,
      toS: r.simulatedS,
      message: `${n.label} answered ${num(n.conflicts)} attempts with 409 "in progress" (${pct(n.conflicts / Math.max(1, n.arrivals), 2)} of arrivals): its idempotency store refused a retry while the first attempt with that key was still running. This is the store working as intended (Stripe answers the same): no work was done twice.`,
      suggestion:
        'Callers should retry a 409 after a backoff; if many requests still fail, lengthen the caller’s timeout so fewer retries overlap the first attempt.',
    });
  }
  for (const node of doc.nodes) {
    const o = r.nodes[node.id]?.occ;
    if (!o || o.conflicts <= 0) continue;
    const n = r.nodes[node.id]!;
    const attempts = o.commits + o.conflicts;
    out.push({
      kind: 'occConflicts',
      severity: o.conflicts > o.commits ? 'warning' : 'info',
      nodes: [node.id],
      fromS: r.warmupS,
      toS: r.simulatedS,
      message: `${n.label}: ${num(o.conflicts)} of ${num(attempts)} conditional writes to its hot rows failed with a version conflict (${pct(o.conflicts / Math.max(1, attempts))}): another write to the row committed after they read it, so each held a connection for nothing. That is ${num(o.conflicts / Math.max(1, o.commits))} wasted attempts per committed write.`,
      suggestion:
        'Contention on a few rows: callers that retry with backoff without jitter collide again in lockstep (Brooker 2015); full or decorrelated jitter spreads them out. Fewer writers per row (more hot keys, batching updates) or a queue in front cut the contention itself.',
    });
  }
  // Hang-mode outages: the callee takes attempts and never answers.
  for (const f of doc.scenario.failures) {
    if (f.mode !== 'hang' || (f.kind !== 'down' && f.kind !== 'partition')) continue;
    const edge = f.kind === 'partition' ? doc.edges.find((e) => e.id === f.target) : undefined;
    const target = edge ? edge.target : f.target;
    const callers = doc.edges.filter((e) => (edge ? e.id === edge.id : e.target === target));
    const timed = callers.filter((e) => e.params.timeoutMs > 0);
    const untimed = callers.filter((e) => e.params.timeoutMs <= 0 && !e.params.async);
    const timeouts = timed.reduce((a, e) => a + (r.edges[e.id]?.timeouts ?? 0), 0);
    const what = edge
      ? `The network between ${label(edge.source)} and ${label(target)} (edge ${edge.id}) swallowed every call`
      : `${label(target)} hung`;
    const to = f.atS + f.durationS;
    out.push({
      kind: 'hang',
      severity: untimed.length > 0 || timeouts > 0 ? 'critical' : 'warning',
      nodes: [target, ...callers.map((e) => e.source)],
      fromS: f.atS,
      toS: Math.min(r.simulatedS, to),
      message: `${what} from ${num(f.atS)} to ${num(to)} s (${f.kind}, hang mode): attempts got no answer at all, neither success nor error.${timed.length ? ` Callers with a timeout gave up ${num(timeouts)} times (${timed.map((e) => `${label(e.source)} after ${ms(e.params.timeoutMs)}`).join(', ')}), each holding its attempt until then.` : ''}${untimed.length ? ` ${untimed.map((e) => label(e.source)).join(', ')} call${untimed.length > 1 ? '' : 's'} it with no timeout, so those requests wait forever.` : ''}`,
      suggestion:
        'A hung dependency is worse than a failing one: every caller holds its attempt until its timeout. Put a timeout on every call (from the callee’s p99.9), and a circuit breaker that counts timeouts as failures.',
    });
  }
  return out;
}
