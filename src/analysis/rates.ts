/**
 * Rate rules of the traffic equations: a client's schedule over time, and retry amplification.
 * Pure: no DOM, no store.
 */
import type { SchedulePoint } from '../model/schema.ts';

/**
 * Open-loop rate (rps) of a client at time `atS` seconds.
 * `baseRps` holds from t = 0 until the first point. A 'step' point jumps to its rate at its time
 * (inclusive); a 'ramp' point moves linearly from the previous point's (time, rate) — for the
 * first point, from (0, baseRps) — reaching its rate at its time. After the last point its rate holds.
 * Points are taken in time order (ties keep document order, the later one wins).
 * @example clientRateAt(100, [{ atS: 10, rateRps: 300, shape: 'ramp' }], 5) // 200
 */
export function clientRateAt(baseRps: number, schedule: readonly SchedulePoint[], atS: number): number {
  const points = [...schedule].sort((p, q) => p.atS - q.atS);
  let prevT = 0;
  let prevR = baseRps;
  for (const p of points) {
    if (atS < p.atS) {
      if (p.shape === 'ramp' && p.atS > prevT) return prevR + ((p.rateRps - prevR) * (atS - prevT)) / (p.atS - prevT);
      return prevR;
    }
    prevT = p.atS;
    prevR = p.rateRps;
  }
  return prevR;
}

/**
 * Highest open-loop rate of a client over [0, durationS] and when it first occurs — the number to
 * size for. The rate is piecewise linear, so its maximum is at 0, at a point's time, or at the end.
 * @example clientPeakRate(100, [{ atS: 30, rateRps: 500, shape: 'step' }], 60) // { rps: 500, atS: 30 }
 */
export function clientPeakRate(baseRps: number, schedule: readonly SchedulePoint[], durationS: number): { rps: number; atS: number } {
  const times = [0, ...schedule.map((p) => p.atS).filter((t) => t <= durationS), durationS].sort((x, y) => x - y);
  let best = { rps: clientRateAt(baseRps, schedule, 0), atS: 0 };
  for (const t of times) {
    const r = clientRateAt(baseRps, schedule, t);
    if (r > best.rps) best = { rps: r, atS: t };
  }
  return best;
}

/**
 * Expected attempts per call when each attempt fails independently with probability p and a
 * failure is retried up to `maxAttempts` attempts in all: `(1 − pⁿ)/(1 − p)` (n when p = 1).
 * @example retryAttemptsPerCall(0.5, 3) // 1.75
 */
export function retryAttemptsPerCall(p: number, maxAttempts: number): number {
  if (maxAttempts <= 1 || p <= 0) return 1;
  if (p >= 1) return maxAttempts;
  return (1 - Math.pow(p, maxAttempts)) / (1 - p);
}
