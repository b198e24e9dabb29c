/**
 * Which inspector fields the current settings make irrelevant, and why: a cache in hit-ratio
 * mode has no keys to start warm, a breaker in Hystrix mode sends one probe whatever
 * halfOpenProbes says. The form still shows them (a user looking for `start` finds it) but dimmed,
 * with the reason. Only choices within a setting count: a group that is off already says so in
 * its title. Keys are dot-joined field paths (`params.deadline.budgetMs`).
 */
import type { DocEdge, DocNode } from '../../model/index.ts';

type Notes = Map<string, string>;

function set(out: Notes, when: boolean, paths: readonly string[], why: string): void {
  if (when) for (const p of paths) out.set(p, why);
}

/** Shedding's concurrency limit: the AIMD fields only matter to an AIMD limit. */
function concurrencyLimitNotes(out: Notes, mode: string): void {
  const base = 'params.shedding.concurrencyLimit';
  set(out, mode !== 'aimd', [`${base}.minLimit`, `${base}.maxLimit`, `${base}.backoffRatio`, `${base}.slowMs`], 'aimd mode only');
}

/** Notes for a node's fields that do nothing with its current parameters. */
export function nodeFieldNotes(node: DocNode): Notes {
  const out: Notes = new Map();
  switch (node.kind) {
    case 'cache': {
      const keyspace = node.params.mode === 'keyspace';
      set(out, keyspace, ['params.hitRatio'], 'hitRatio mode only: in keyspace mode it follows from the keys');
      set(
        out,
        !keyspace,
        ['params.keys', 'params.zipfS', 'params.capacity', 'params.ttlS', 'params.start', 'params.coalesce'],
        'keyspace mode only',
      );
      break;
    }
    case 'client': {
      const a = node.params.arrival;
      set(out, a === 'closed' || a === 'replay', ['params.rateRps'], `not used by ${a === 'closed' ? 'a closed loop' : 'a replay'}`);
      set(out, a !== 'closed', ['params.users', 'params.thinkTimeMs'], 'closed loop only');
      break;
    }
    case 'service':
    case 'database': {
      concurrencyLimitNotes(out, node.params.shedding.concurrencyLimit.mode);
      if (node.kind === 'service') {
        const m = node.params.autoscale.metric;
        set(out, m !== 'utilization', ['params.autoscale.targetUtilization'], 'utilization metric only');
        set(out, m !== 'queuePerInstance', ['params.autoscale.targetQueuePerInstance'], 'queuePerInstance metric only');
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** Notes for a call's fields that do nothing with its current policy. */
export function edgeFieldNotes(edge: DocEdge): Notes {
  const out: Notes = new Map();
  const p = edge.params;
  const b = p.breaker;
  set(out, b.mode === 'consecutive', ['params.breaker.windowSize', 'params.breaker.minimumCalls'], 'failureRate mode only');
  set(out, b.mode === 'failureRate', ['params.breaker.consecutiveFailures'], 'consecutive mode only');
  set(out, b.halfOpenMode === 'hystrix', ['params.breaker.halfOpenProbes'], 'ignored by hystrix: one trial call');
  set(out, p.deadline.mode !== 'budget', ['params.deadline.budgetMs'], 'budget mode only');
  return out;
}
