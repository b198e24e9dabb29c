/** The static analysis' view of a client: an open-loop rate schedule, or a closed loop of users. */
import { clientPeakRate, clientRateAt } from '../../analysis/rates.ts';
import { fmt } from '../../analysis/fmt.ts';
import type { KindAnalysis } from '../types.ts';
import { MIN_THINK_MS } from './engine.ts';
import type { ClientParams } from './params.ts';

export const clientAnalysis: KindAnalysis<ClientParams> = {
  nonLinear: (p) => p.arrival === 'closed',
  sourceRate(p, durationS, atS) {
    if (p.arrival === 'closed') return null;
    if (p.arrival === 'replay') {
      const n = p.replay.atS.filter((t) => t < durationS).length;
      return {
        rps: n / durationS,
        note: `Replay of ${n} recorded arrivals${p.replay.source ? ` from ${p.replay.source}` : ''}: their mean rate over the run.`,
      };
    }
    if (atS !== undefined)
      return { rps: clientRateAt(p.rateRps, p.schedule, atS), note: p.schedule.length ? `Rate of the schedule at t = ${fmt(atS)} s.` : '' };
    if (!p.schedule.length) return { rps: p.rateRps, note: '' };
    const peak = clientPeakRate(p.rateRps, p.schedule, durationS);
    return { rps: peak.rps, note: `Peak of the schedule (first reached at t = ${fmt(peak.atS)} s), the rate to size for.` };
  },
  closedLoop: (p) => (p.arrival === 'closed' ? { users: p.users, thinkMs: p.thinkTimeMs } : null),
  arrivalNote(p, id) {
    if (p.arrival === 'constant') return `constant arrivals from "${id}"`;
    if (p.arrival === 'closed') return `closed-loop users at "${id}"`;
    return null;
  },
  requestsOver(p, durationS) {
    // The schedule is linear between its points: the midpoint rule is exact on each piece.
    const cuts = [...new Set([0, durationS, ...p.schedule.map((x) => x.atS).filter((t) => t > 0 && t < durationS)])].sort((x, y) => x - y);
    if (p.arrival === 'replay')
      return p.replay.atS.filter((t) => t < durationS).length + p.bursts.reduce((a, b) => a + (b.atS < durationS ? b.count : 0), 0);
    let sum = p.bursts.reduce((a, b) => a + (b.atS < durationS ? b.count : 0), 0);
    for (let i = 0; i + 1 < cuts.length; i++)
      sum += clientRateAt(p.rateRps, p.schedule, (cuts[i]! + cuts[i + 1]!) / 2) * (cuts[i + 1]! - cuts[i]!);
    return sum;
  },
  // One request per second (or none): a replay becomes that open rate too, its own count is requestsOver's.
  unitRate: (p, emit) => ({ ...p, arrival: p.arrival === 'replay' ? 'poisson' : p.arrival, rateRps: emit ? 1 : 0, schedule: [] }),
  ratePoints: (p) => p.schedule.map((x) => x.atS),
  timeVarying: (p) => p.schedule.length > 0 || p.bursts.length > 0 || p.arrival === 'replay',
  // A closed loop's users each start with a think timer.
  fixedEvents: (p) => (p.arrival === 'closed' ? p.users : 0),
  unbounded(p, id) {
    // Below a microsecond, `now + think` rounds to `now` once the clock has moved: zero time per cycle.
    if (p.arrival !== 'closed' || p.thinkTimeMs >= MIN_THINK_MS) return undefined;
    return `client "${id}" is a closed loop with thinkTimeMs ${p.thinkTimeMs}: when a request can fail at once (a full queue, a rate limit, an open breaker, an injected failure), its users send their next request in zero time and simulated time stops advancing; give it a think time of at least ${MIN_THINK_MS} ms`;
  },
};
