/**
 * Traffic sources against exact counts: evenly spaced arrivals on a rate schedule (the
 * integrated rate Λ(t) = ∫ r decides every arrival time, so the k-th arrival is where Λ = k).
 */
import { describe, expect, it } from 'vitest';
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { simulate } from './index.ts';
import { constantNextArrival, scheduleCompile } from '../kinds/client/engine.ts';
import type { SchedulePoint } from '../kinds/client/params.ts';
import { loadScenario } from './testing/replicate.ts';

function makeDoc(client: object, durationS: number): ArchDocument {
  const p = parseDocument({
    version: 1,
    nodes: [
      { id: 'c', kind: 'client', params: client },
      { id: 's', kind: 'service', params: { workers: 1000, serviceTime: { type: 'constant', ms: 1 } } },
    ],
    edges: [{ id: 'e', source: 'c', target: 's' }],
    scenario: { durationS, seed: 3, bucketS: 1 },
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.doc;
}

/** Every arrival time (ms) in [0, untilMs) of an evenly spaced client on this schedule. */
function arrivals(rateRps: number, schedule: Partial<SchedulePoint>[], untilMs: number): number[] {
  const sch = scheduleCompile(
    rateRps,
    schedule.map((p) => ({ shape: 'step', ...p }) as SchedulePoint),
  );
  const out: number[] = [];
  let seg = 0;
  for (let t = constantNextArrival(sch, 0, 0); t < untilMs; ) {
    out.push(t);
    while (sch.end[seg]! <= t) seg++;
    t = constantNextArrival(sch, seg, t);
  }
  return out;
}

describe('constant arrivals on a schedule (issue #11 bug: overshoot at a rate change)', () => {
  it('a step to 0 at 10.5 s stops arrivals exactly at the step: 10 requests, the last at 10 s', () => {
    const a = arrivals(1, [{ atS: 10.5, rateRps: 0 }], 60_000);
    expect(a).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
    const r = simulate(makeDoc({ arrival: 'constant', rateRps: 1, schedule: [{ atS: 10.5, rateRps: 0 }] }, 60));
    expect(r.sources.c!.requests).toBe(10);
    expect(r.series.sources.c!.requests.slice(11).every((x) => x === 0)).toBe(true);
  });
  it('an arrival due exactly at the step is sent (Λ reaches 1 there): 10/s stepping to 0 at 1 s sends 10', () => {
    expect(arrivals(10, [{ atS: 1, rateRps: 0 }], 5000)).toHaveLength(10);
  });
  it('a step up takes effect at the step, not one old interval later', () => {
    // 1/s until 10.5 s (Λ = 10.5), then 10/s: the 11th arrival needs 0.5 more, at 10.5 + 0.05 s.
    const a = arrivals(1, [{ atS: 10.5, rateRps: 10 }], 12_000);
    expect(a.slice(0, 10)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
    const after = a.slice(10);
    expect(after[0]).toBeCloseTo(10_550, 9);
    // Then every 100 ms: Λ(12 s) = 10.5 + 15 = 25.5, so 25 arrivals before 12 s in all.
    expect(a).toHaveLength(25);
    for (let k = 1; k < after.length; k++) expect(after[k]! - after[k - 1]!).toBeCloseTo(100, 9);
  });
  it('on ramps and steps, the k-th arrival is where the integrated rate reaches k (to 1e-9), and the count is ⌊Λ(T)⌋', () => {
    const schedule: Partial<SchedulePoint>[] = [
      { atS: 5, rateRps: 20, shape: 'ramp' },
      { atS: 8, rateRps: 3 },
      { atS: 12, rateRps: 0, shape: 'ramp' },
      { atS: 15, rateRps: 7, shape: 'ramp' },
    ];
    // The rate as linear pieces [from s, to s, rate at from, rate at to] (start rate 2/s).
    const pieces = [
      [0, 5, 2, 20],
      [5, 8, 20, 20],
      [8, 12, 3, 0],
      [12, 15, 0, 7],
      [15, Infinity, 7, 7],
    ] as const;
    // Λ(t) in arrivals, t in s: trapezoids are exact on linear pieces.
    const lambda = (t: number) => {
      let s = 0;
      for (const [a, b, ra, rb] of pieces) {
        if (t <= a) break;
        const e = Math.min(t, b);
        const re = b === Infinity ? ra : ra + ((rb - ra) * (e - a)) / (b - a);
        s += ((ra + re) / 2) * (e - a);
      }
      return s;
    };
    const a = arrivals(2, schedule, 20_000);
    a.forEach((t, k) => expect(lambda(t / 1000)).toBeCloseTo(k + 1, 9));
    expect(a).toHaveLength(Math.floor(lambda(20) + 1e-9));
    const r = simulate(makeDoc({ arrival: 'constant', rateRps: 2, schedule }, 20));
    expect(r.sources.c!.requests).toBe(a.length);
  });
  it('with no schedule the spacing is exactly 1/r (unchanged)', () => {
    const a = arrivals(4, [], 2000);
    expect(a).toEqual([250, 500, 750, 1000, 1250, 1500, 1750]);
  });
  it('scenarios/constant-steps: exactly ⌊Λ(60 s)⌋ = 2,512 requests, none between 20.5 s and 30 s', () => {
    const r = simulate(loadScenario('constant-steps'));
    expect(r.sources.client!.requests).toBe(2512);
    const perS = r.series.sources.client!.requests;
    expect(Array.from(perS.slice(21, 30))).toEqual(new Array(9).fill(0));
    // Bucket [10 s, 11 s): Λ goes 250 → 262.5 → 312.5, so arrivals 250 (at exactly 10 s) … 312.
    expect(perS[10]).toBe(63);
  });
});

describe('bursts (issue #11 item 6)', () => {
  it('count requests at exactly atS: 500 at 2.5 s and 7 at 5.5 s, nothing else', () => {
    const r = simulate(
      makeDoc(
        {
          rateRps: 0,
          bursts: [
            { atS: 2.5, count: 500 },
            { atS: 5.5, count: 7 },
          ],
        },
        10,
      ),
    );
    expect(r.sources.c!.requests).toBe(507);
    const s = r.series.sources.c!.requests;
    expect(s[2]).toBe(500);
    expect(s[5]).toBe(7);
    expect(s.reduce((a, b) => a + b, 0)).toBe(507);
    expect(r.nodes.s!.arrivals).toBe(507);
  });
  it('on top of constant arrivals, and a burst at or after the end is not sent', () => {
    const r = simulate(
      makeDoc(
        {
          arrival: 'constant',
          rateRps: 10,
          bursts: [
            { atS: 3.25, count: 40 },
            { atS: 10, count: 99 },
          ],
        },
        10,
      ),
    );
    // 10/s over [0, 10): arrivals at 0.1 … 9.9 s = 99, plus 40 at 3.25 s.
    expect(r.sources.c!.requests).toBe(99 + 40);
    expect(r.series.sources.c!.requests[3]).toBe(10 + 40);
  });
  it('a burst at exactly a bucket boundary counts in the bucket that starts there ([start, end)), like any arrival', () => {
    const r = simulate(makeDoc({ arrival: 'constant', rateRps: 1, bursts: [{ atS: 4, count: 30 }] }, 10));
    // Constant 1/s arrives at 1, 2, …, 9 s; the burst adds 30 at 4 s: bucket [4, 5) holds 31.
    expect(Array.from(r.series.sources.c!.requests)).toEqual([0, 1, 1, 1, 31, 1, 1, 1, 1, 1]);
  });
  it('a closed loop keeps its users and adds the burst once', () => {
    const r = simulate(makeDoc({ arrival: 'closed', users: 1, thinkTimeMs: 1_000_000, bursts: [{ atS: 1.5, count: 25 }] }, 10));
    // The single user's think (mean 1000 s) is most likely beyond the run; the burst is 25 exactly.
    expect(r.series.sources.c!.requests[1]).toBe(25);
  });
});

describe('scenario burst', () => {
  it('the 3,000-request burst queues at once: max queue = 3,000 − 20 in service (± the few Poisson arrivals meanwhile)', () => {
    const r = simulate(loadScenario('burst'));
    expect(r.nodes.api!.queue.max).toBeGreaterThanOrEqual(2980);
    expect(r.nodes.api!.queue.max).toBeLessThan(2980 + 20);
    // The drain takes 3,000 / (2,000 − 200) ≈ 1.7 s: the worst waits ≈ 1.5 s (constant 10 ms work, ±10 %).
    expect(Math.abs(r.nodes.api!.latencyMs.max - 1500)).toBeLessThan(150);
  });
});

describe('replay of recorded arrivals (issue #11 item 6)', () => {
  it('a second,rps CSV replays its count in every second exactly, and a timestamp CSV each arrival at its time', async () => {
    const { parseArrivalsCsv } = await import('../model/arrivalsCsv.ts');
    const rates = [3, 0, 17, 250, 1, 0, 0, 42, 8, 5];
    const csv = parseArrivalsCsv(`second,rps\n${rates.map((r, s) => `${s},${r}`).join('\n')}\n`);
    if (!csv.ok) throw new Error(csv.message);
    const r = simulate(makeDoc({ arrival: 'replay', replay: { atS: csv.atS } }, 12));
    expect([...r.series.sources.c!.requests.slice(0, 12)]).toEqual([...rates, 0, 0]);
    expect(r.sources.c!.requests).toBe(rates.reduce((a, b) => a + b, 0));
    const ts = parseArrivalsCsv('0.001\n0.002\n0.002\n3.9\n11.999\n12\n');
    if (!ts.ok) throw new Error(ts.message);
    const t = simulate(makeDoc({ arrival: 'replay', replay: { atS: ts.atS } }, 12));
    // 12 s is the run's end: not sent. The rest, to the bucket.
    expect(t.sources.c!.requests).toBe(5);
    expect(t.series.sources.c!.requests[0]).toBe(3);
    expect(t.series.sources.c!.requests[3]).toBe(1);
    expect(t.series.sources.c!.requests[11]).toBe(1);
  });
  it('an unsorted embedded replay is refused, naming the arrival', () => {
    const p = parseDocument({
      version: 1,
      nodes: [{ id: 'c', kind: 'client', params: { arrival: 'replay', replay: { atS: [1, 2, 1.5] } } }],
    });
    expect(p.ok).toBe(false);
    if (!p.ok)
      expect(p.errors.map((e) => e.message).join('\n')).toMatch(/replay arrivals must be sorted: #3 \(1.5 s\) is before #2 \(2 s\)/);
  });
});
