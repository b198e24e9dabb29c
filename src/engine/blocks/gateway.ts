/**
 * API gateway: token bucket with continuous refill (rate, burst), global or per client; 429
 * with Retry-After.
 * Functions over the Simulation's state; no DOM, no allocation per event on the hot paths.
 */
import type { Simulation } from '../Simulation.ts';
import { ST_RATE } from '../constants.ts';

export function gatewayTakeToken(sim: Simulation, j: number, i: number): boolean {
  const node = sim.model.doc.nodes[i]!;
  if (node.kind !== 'gateway') return true;
  const p = node.params;
  const k = p.scope === 'perClient' ? sim.req.source[sim.job.req[j]!]! : 0;
  const tk = sim.tokens[i]!, at = sim.tokensAt[i]!;
  const rate = p.rateRps / 1000;
  let t = tk[k]! + (sim.now - at[k]!) * rate;
  if (t > p.burst) t = p.burst;
  at[k] = sim.now;
  if (t >= 1) {
    tk[k] = t - 1;
    return true;
  }
  tk[k] = t;
  const call = sim.job.call[j]!;
  if (call >= 0) sim.call.retryAfter[call] = p.retryAfterMs > 0 ? p.retryAfterMs : rate > 0 ? (1 - t) / rate : 1000;
  sim.finishJob(j, ST_RATE);
  return false;
}
