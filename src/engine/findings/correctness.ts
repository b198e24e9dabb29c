/**
 * Correctness findings: duplicate side effects (with their cause), dead-lettered messages,
 * misnested timeouts (a caller that gives up before the work it waits for can finish),
 * and failed requirements (SLO misses).
 */
import type { ArchDocument } from '../../model/schema.ts';
import type { DuplicateCause, Finding, SimResult } from '../types.ts';
import { ms, num, pct, spanWhere } from './util.ts';
import { findingsOf } from './kinds.ts';

const CAUSE_TEXT: Record<DuplicateCause, string> = {
  retryAfterTimeout: 'retries after a timeout (the first attempt was still running)',
  retryAfterError: 'retries after an error that happened after the side effect',
  redelivery: 'redelivery after the visibility timeout expired while a consumer was still working',
  crashBeforeAck: 'a consumer crashing after the side effect and before the ack',
  newKey: 'retries that sent a new idempotency key, so deduplication could not match them',
};

const CAUSE_FIX: Record<DuplicateCause, string> = {
  retryAfterTimeout: 'add an idempotency-key store (atomic claim) in front of the side effect, or a unique constraint on the key',
  retryAfterError: 'make the side effect idempotent (idempotency key / unique constraint)',
  redelivery:
    'raise the visibility timeout above the worst-case processing time (or extend it while working) and deduplicate by message id',
  crashBeforeAck: 'deduplicate by message id at the receiver (idempotent consumer)',
  newKey: 'reuse the same idempotency key on every retry of one operation',
};

function fmtMetric(metric: string, v: number): string {
  if (metric === 'successRatio' || metric === 'utilization') return pct(v, 2);
  if (metric.startsWith('latency')) return ms(v);
  return num(v);
}

export function correctnessFindings(doc: ArchDocument, r: SimResult): Finding[] {
  const out: Finding[] = [];
  for (const node of doc.nodes) {
    const n = r.nodes[node.id];
    if (!n) continue;
    if (n.duplicates > 0) {
      const causes = (Object.entries(n.duplicatesByCause) as [DuplicateCause, number][])
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1]);
      const top = causes[0]?.[0] ?? 'retryAfterTimeout';
      const span = spanWhere(r, (b) => r.series.nodes[node.id]!.duplicates[b]! > 0) ?? [r.warmupS, r.simulatedS];
      out.push({
        kind: 'duplicateSideEffects',
        severity: 'critical',
        nodes: [node.id],
        fromS: span[0],
        toS: span[1],
        message: `${n.label} applied ${num(n.duplicates)} duplicate side effects (${pct(n.duplicates / Math.max(1, n.sideEffects), 2)} of ${num(n.sideEffects)}), caused by ${causes.map(([c, v]) => `${CAUSE_TEXT[c]}: ${num(v)}`).join('; ')}.`,
        suggestion: `To stop them: ${CAUSE_FIX[top]}.`,
      });
    }
    if (n.dlq > 0 && 'maxReceiveCount' in node.params) {
      const span = spanWhere(r, (b) => r.series.nodes[node.id]!.dlq[b]! > 0) ?? [r.warmupS, r.simulatedS];
      out.push({
        kind: 'deadLettered',
        severity: 'critical',
        nodes: [node.id],
        fromS: span[0],
        toS: span[1],
        message: `${n.label} sent ${num(n.dlq)} messages to the dead-letter queue after ${node.params.maxReceiveCount} failed deliveries each (${num(n.deliveries)} deliveries in all).`,
        suggestion:
          'Find why consumers fail (downstream outage? poison messages?), make the retry window outlast the outage (more receives, longer visibility timeout), and redrive the DLQ once fixed.',
      });
    }
  }
  // Misnested timeouts: an inner call chain whose worst case exceeds the outer timeout.
  for (const outer of doc.edges) {
    const tOuter = outer.params.timeoutMs;
    if (tOuter <= 0) continue;
    // A queue answers its producer with an ack; its latency is message age, not a wait.
    const backlog = (id: string) => {
      const n = doc.nodes.find((x) => x.id === id);
      return n !== undefined && findingsOf(n).backlog === true;
    };
    for (const inner of doc.edges.filter((e) => e.source === outer.target && !backlog(e.target) && !backlog(e.source))) {
      const t = inner.params.timeoutMs;
      const a = inner.params.retry.maxAttempts;
      const worst = t > 0 ? t * a : Infinity;
      // With no inner timeout, only what was seen counts: the callee's slowest answer.
      const seenMax = r.nodes[inner.target]?.latencyMs.max ?? 0;
      if (worst > tOuter && (t > 0 || seenMax > tOuter)) {
        out.push({
          kind: 'misnestedTimeouts',
          severity: 'warning',
          nodes: [outer.source, outer.target, inner.target],
          fromS: 0,
          toS: r.simulatedS,
          message: `${r.nodes[outer.source]?.label ?? outer.source} gives up on ${r.nodes[outer.target]?.label ?? outer.target} after ${ms(tOuter)}, but ${r.nodes[outer.target]?.label ?? outer.target} may wait ${t > 0 ? `${a} × ${ms(t)} = ${ms(worst)}` : 'forever (no timeout)'} on ${r.nodes[inner.target]?.label ?? inner.target}: the inner work outlives the caller and is wasted${a > 1 ? ', and its retries run after nobody is waiting' : ''}.`,
          suggestion: `Nest timeouts: each layer's total (attempts × timeout + backoff) must fit inside its caller's timeout; propagate a deadline.`,
        });
      }
    }
  }
  for (const q of r.requirements) {
    if (q.pass) continue;
    out.push({
      kind: 'sloMiss',
      severity: 'critical',
      nodes: [q.target],
      fromS: r.warmupS,
      toS: r.simulatedS,
      message: `Requirement missed: ${q.text} — measured ${Number.isFinite(q.measured) ? fmtMetric(q.metric, q.measured) : 'nothing (no successful requests)'} (${q.metric} ${q.op} ${q.value}).`,
      suggestion: 'See the other findings for the cause.',
    });
  }
  return out;
}
