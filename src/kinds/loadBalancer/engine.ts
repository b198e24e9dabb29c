/**
 * Load-balancer engine: one backend per call (PLAN_PICK) by smooth weighted round robin
 * (nginx), weighted random, least outstanding per weight, or power of two choices; health
 * checks eject a backend after consecutive failures for ejectS.
 *
 * State per balancer, indexed by the backend's position k among its out-edges:
 *   current[k]      smooth-WRR running weight       ejectedUntil[k]  ms, 0 = in rotation
 *   fails[k]        consecutive failures (health checks)
 */
import type { KindEngine } from '../types.ts';
import { PLAN_PICK } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import type { LoadBalancerParams } from './params.ts';

const POLICY = { roundRobin: 0, random: 1, leastOutstanding: 2, p2c: 3 } as const;

interface LbState {
  policy: number;
  s0: number;
  health: boolean;
  failuresToEject: number;
  ejectMs: number;
  current: Float64Array;
  ejectedUntil: Float64Array;
  fails: Int32Array;
}

export const loadBalancerEngine: KindEngine<LbState, LoadBalancerParams> = {
  compile(p, i, c) {
    workSet(c, i, 0, { type: 'constant', ms: p.overheadMs });
    c.plan[i] = PLAN_PICK;
  },
  init(p, i, m) {
    const s0 = m.outStart[i]!,
      k = m.outStart[i + 1]! - s0;
    return {
      policy: POLICY[p.policy],
      s0,
      health: p.healthCheck.enabled,
      failuresToEject: p.healthCheck.consecutiveFailures,
      ejectMs: p.healthCheck.ejectS * 1000,
      current: new Float64Array(k),
      ejectedUntil: new Float64Array(k),
      fails: new Int32Array(k),
    };
  },
  pick(ctx, i, st) {
    const m = ctx.model,
      now = ctx.now;
    const s0 = st.s0,
      n = m.outStart[i + 1]! - s0;
    const ej = st.ejectedUntil;
    let healthy = 0;
    for (let k = 0; k < n; k++) if (ej[k]! <= now) healthy++;
    const all = healthy === 0; // nobody healthy: use them all
    switch (st.policy) {
      case 0: {
        // smooth weighted round robin (nginx)
        let total = 0,
          best = -1;
        for (let k = 0; k < n; k++) {
          if (!all && ej[k]! > now) continue;
          const w = m.weight[m.outEdges[s0 + k]!]!;
          st.current[k]! += w;
          total += w;
          if (best < 0 || st.current[k]! > st.current[best]!) best = k;
        }
        st.current[best]! -= total;
        return m.outEdges[s0 + best]!;
      }
      case 1: {
        // weighted random
        let total = 0;
        for (let k = 0; k < n; k++) if (all || ej[k]! <= now) total += m.weight[m.outEdges[s0 + k]!]!;
        let u = ctx.rng.next() * total;
        let last = m.outEdges[s0]!;
        for (let k = 0; k < n; k++) {
          if (!all && ej[k]! > now) continue;
          const e = m.outEdges[s0 + k]!;
          last = e;
          u -= m.weight[e]!;
          if (u < 0) return e;
        }
        return last;
      }
      case 2: {
        // least outstanding (per unit weight); ties go to the first
        let best = -1,
          bestV = Infinity;
        for (let k = 0; k < n; k++) {
          if (!all && ej[k]! > now) continue;
          const e = m.outEdges[s0 + k]!;
          const v = ctx.outstanding[e]! / (m.weight[e]! || 1e-9);
          if (v < bestV) {
            bestV = v;
            best = e;
          }
        }
        return best;
      }
      default: {
        // power of two choices among the healthy backends
        const count = all ? n : healthy;
        if (count === 1) return nthEligible(st, m.outEdges, n, all, now, 0);
        const a = ctx.rng.int(count);
        let b = ctx.rng.int(count - 1);
        if (b >= a) b++;
        const ea = nthEligible(st, m.outEdges, n, all, now, a),
          eb = nthEligible(st, m.outEdges, n, all, now, b);
        return ctx.outstanding[eb]! < ctx.outstanding[ea]! ? eb : ea;
      }
    }
  },
  wantsOutcomes: (st) => st.health,
  callOutcome(ctx, e, ok, st) {
    const k = ctx.model.outEdges.indexOf(e, st.s0) - st.s0;
    if (ok) {
      st.fails[k] = 0;
      return;
    }
    if (++st.fails[k]! >= st.failuresToEject) {
      st.fails[k] = 0;
      st.ejectedUntil[k] = ctx.now + st.ejectMs;
    }
  },
};

/** The edge of the j-th backend still in rotation (or of all of them when none is). */
function nthEligible(st: LbState, outEdges: Int32Array, n: number, all: boolean, now: number, j: number): number {
  for (let k = 0; k < n; k++) if ((all || st.ejectedUntil[k]! <= now) && j-- === 0) return outEdges[st.s0 + k]!;
  return outEdges[st.s0]!;
}
