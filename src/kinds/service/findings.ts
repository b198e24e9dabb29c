/**
 * Autoscaling findings: a group that served fewer instances than it had decided it needs
 * while a backlog built up (scaling lagged the load: scale-out lag + cold start is too long
 * for the ramp, or the group hit its maximum).
 */
import type { DocEdge } from '../../model/schema.ts';
import type { Finding, SimResult } from '../../engine/types.ts';
import { num } from '../../engine/findings/util.ts';
import type { ServiceParams } from './params.ts';

export function serviceFindings(node: { id: string; params: ServiceParams }, _doc: { edges: readonly DocEdge[] }, r: SimResult): Finding[] {
  const out: Finding[] = [];
  const n = r.nodes[node.id];
  const g = n?.autoscale;
  if (!n || !g || g.lagS <= 0 || n.queue.max < 1) return out;
  const a = node.params.autoscale;
  const readyS = a.scaleOutLagS + a.coldStartS;
  const atMax = g.instancesMax >= a.maxInstances;
  out.push({
    kind: 'autoscalingLag',
    severity: 'warning',
    nodes: [node.id],
    fromS: g.lagFromS,
    toS: Math.min(r.simulatedS, g.lagToS + readyS),
    message: `${n.label}: autoscaling lagged the load from ${num(g.lagFromS)} s to ${num(g.lagToS)} s — for ${num(g.lagS)} s of evaluations it served up to ${num(g.shortfallMax)} instance${g.shortfallMax === 1 ? '' : 's'} fewer than it had decided it needs (a new one serves ${num(readyS)} s after the decision), and its queue peaked at ${num(n.queue.max)}${atMax ? `; it reached its maximum of ${a.maxInstances} instances` : ''}.`,
    suggestion: atMax
      ? 'Raise maxInstances, or shed or queue the excess load: the group cannot grow further.'
      : 'Keep headroom (a lower target utilization, or a higher minInstances ahead of a known peak), shorten the path to serving (a warm pool, a smaller image, a faster readiness check), or scale on queue depth, which sees a backlog that utilization caps at 100 %.',
  });
  return out;
}
