/**
 * Circuit breaker half-open decision: resilience4j (permitted calls, decided by their failure
 * rate once all have answered) and Hystrix (one trial call). Exact transition checks on the
 * breaker itself, and exact counts on a deterministic outage (scenarios/breaker-half-open).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { compile } from './compile.ts';
import { Metrics } from './stats/Metrics.ts';
import { Resilience } from './Resilience.ts';
import { loadScenario } from './testing/replicate.ts';
import { parseDocument } from '../model/index.ts';

const CLOSED = 0,
  OPEN = 1,
  HALF_OPEN = 2;

/** A breaker on one edge, opened by a run of failures, then past its wait: the next admit half-opens it. */
function halfOpenBreaker(breaker: Record<string, unknown>) {
  const p = parseDocument({
    version: 1,
    nodes: [
      { id: 'c', kind: 'client' },
      { id: 's', kind: 'service' },
    ],
    edges: [
      {
        id: 'e',
        source: 'c',
        target: 's',
        params: {
          breaker: { enabled: true, mode: 'consecutive', consecutiveFailures: 3, openMs: 1000, failureRatePercent: 50, ...breaker },
        },
      },
    ],
  });
  if (!p.ok) throw new Error('invalid');
  const m = compile(p.doc);
  const res = new Resilience(m, new Metrics(m.n, m.sources.length, m.m, m.buckets));
  for (let k = 0; k < 3; k++) res.record(0, 0, false, res.admit(0, 0));
  expect(res.breakerState(0)).toBe(OPEN);
  expect(res.admit(0, 999)).toBe(-1); // still open
  return res;
}

/** Admit `n` calls at t = 1000 (the first half-opens it); their tags. */
const admitN = (res: Resilience, n: number) => Array.from({ length: n }, () => res.admit(0, 1000));

describe('circuit breaker half-open, resilience4j (permitted calls)', () => {
  it('admits exactly halfOpenProbes = 10 calls and refuses the 11th until they have answered', () => {
    const res = halfOpenBreaker({ halfOpenProbes: 10 });
    const tags = admitN(res, 10);
    expect(tags.every((t) => t >= 0)).toBe(true);
    expect(res.breakerState(0)).toBe(HALF_OPEN);
    expect(res.admit(0, 1000)).toBe(-1);
  });
  it('4 failures of 10 (40 % < 50 %): stays half-open through every answer, even failures first, then closes at the 10th', () => {
    const res = halfOpenBreaker({ halfOpenProbes: 10 });
    const tags = admitN(res, 10);
    tags.forEach((t, k) => {
      res.record(0, 1001 + k, k >= 4, t); // the first four fail
      expect(res.breakerState(0)).toBe(k < 9 ? HALF_OPEN : CLOSED);
    });
  });
  it('5 failures of 10 (50 % ≥ 50 %): opens again at the 10th answer, not at the first failure', () => {
    const res = halfOpenBreaker({ halfOpenProbes: 10 });
    const tags = admitN(res, 10);
    tags.forEach((t, k) => {
      res.record(0, 1001 + k, k % 2 === 0, t);
      expect(res.breakerState(0)).toBe(k < 9 ? HALF_OPEN : OPEN);
    });
    expect(res.admit(0, 1010 + 999)).toBe(-1); // a new wait of openMs from the 10th answer
    expect(res.admit(0, 1010 + 1000)).toBeGreaterThanOrEqual(0);
  });
  it('the threshold is failureRatePercent: 3 of 10 reopen it at 30 %', () => {
    const res = halfOpenBreaker({ halfOpenProbes: 10, failureRatePercent: 30 });
    admitN(res, 10).forEach((t, k) => res.record(0, 1001 + k, k >= 3, t));
    expect(res.breakerState(0)).toBe(OPEN);
  });
  it('answers of calls sent before the breaker half-opened are ignored', () => {
    const res = halfOpenBreaker({ halfOpenProbes: 2 });
    const tags = admitN(res, 2);
    res.record(0, 1001, false, 0); // a straggler from the closed epoch
    expect(res.breakerState(0)).toBe(HALF_OPEN);
    tags.forEach((t) => res.record(0, 1002, true, t));
    expect(res.breakerState(0)).toBe(CLOSED);
  });
});

describe('circuit breaker half-open, hystrix (single trial)', () => {
  it('admits one trial call whatever halfOpenProbes says; its failure reopens at once', () => {
    const res = halfOpenBreaker({ halfOpenProbes: 10, halfOpenMode: 'hystrix' });
    const t = res.admit(0, 1000);
    expect(t).toBeGreaterThanOrEqual(0);
    expect(res.admit(0, 1000)).toBe(-1);
    res.record(0, 1001, false, t);
    expect(res.breakerState(0)).toBe(OPEN);
  });
  it('its success closes', () => {
    const res = halfOpenBreaker({ halfOpenMode: 'hystrix' });
    res.record(0, 1001, true, res.admit(0, 1000));
    expect(res.breakerState(0)).toBe(CLOSED);
  });
});

describe('a 30 s hard outage at 100 calls/s (scenarios/breaker-half-open)', () => {
  // Opens after 10 failures (the 20-call window holds 10 successes: 50 %). Each half-open window
  // starts 4.995 s after the last answer, at the next 10 ms tick, and lasts 10 ticks: one window
  // every 5.09 s at 15.10, 20.19, 25.28, 30.37 and 35.46 s, all inside the outage.
  it('resilience4j, 10 permitted calls: exactly 10 + 5 × 10 = 60 failed calls, then the first window after the outage closes it', () => {
    const r = simulate(loadScenario('breaker-half-open'));
    const e = r.edges['checkout-fraud']!;
    expect(e.errors).toBe(60);
    // Open from 10.102 s to the 10th success of the window at 40.552 s: 40.552 + 0.09 + 0.02 (latency).
    expect(e.breakerOpenS).toBeCloseTo(40.662 - 10.102, 6);
    expect(r.series.nodes.fraud!.arrivals[42]).toBe(100);
  });
  it('hystrix: one trial per window, exactly 10 + 5 = 15 failed calls', () => {
    const d = loadScenario('breaker-half-open');
    d.edges[1]!.params.breaker.halfOpenMode = 'hystrix';
    const e = simulate(d).edges['checkout-fraud']!;
    expect(e.errors).toBe(15);
  });
});
