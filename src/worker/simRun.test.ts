import { describe, expect, it } from 'vitest';
import type { ArchDocument } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import { loadScenario } from '../engine/testing/replicate.ts';
import { resultToJson } from '../cli/archsim.ts';
import { simRunStart, type SimRun } from './simRun.ts';
import type { FromWorker, LiveClock, Progress, RunOptions, SimResult } from './protocol.ts';
import { makeMm1 } from './testDocs.ts';

/** The whole result as `archsim run --json` would print it with series and traces, wall time zeroed. */
const canonical = (r: SimResult) => JSON.stringify(resultToJson(r, true, true), (k, v) => (k === 'wallMs' ? 0 : v));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A run through simRunStart with every message recorded, and a way to wait for one. */
function liveRun(doc: ArchDocument, options: RunOptions) {
  const msgs: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  const run: SimRun = simRunStart(1, doc, options, (m) => {
    msgs.push(m);
    for (const w of [...waiters])
      if (w.test(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  const until = (test: (m: FromWorker) => boolean) => new Promise<FromWorker>((resolve) => waiters.push({ test, resolve }));
  const lastProgress = (): { progress: Progress; clock: LiveClock } => {
    const p = [...msgs].reverse().find((m) => m.type === 'progress');
    if (p?.type !== 'progress') throw new Error('no progress yet');
    return p;
  };
  const done = () => until((m) => m.type === 'done').then((m) => (m as { result: SimResult }).result);
  return { run, msgs, until, lastProgress, done };
}

describe('simRunStart live playback', () => {
  it('a restart with an intervention at t ends exactly as the edited document run from the start', async () => {
    const doc = loadScenario('webhook-delivery');
    const edited: ArchDocument = {
      ...doc,
      scenario: {
        ...doc.scenario,
        failures: [...doc.scenario.failures, { ...doc.scenario.failures[0]!, id: 'live-1', target: 'workers', atS: 20.5, durationS: 10 }],
      },
    };
    const r = liveRun(doc, { durationS: 60, pace: { speed: Infinity, paused: true } });
    // Play to about 20 s, pause, intervene, go on.
    r.run.pace({ speed: Infinity, paused: false });
    r.run.pace({ speed: Infinity, paused: true });
    r.run.step('second');
    await r.until((m) => m.type === 'progress' && m.progress.simulatedS >= 1);
    r.run.restart(edited, 20_500);
    await r.until((m) => m.type === 'progress' && !m.clock.catchingUp && m.progress.simulatedS === 20.5);
    expect(r.lastProgress().clock.paused).toBe(true);
    r.run.pace({ speed: Infinity, paused: false });
    const live = await r.done();
    const direct = simulate(edited, { durationS: 60 });
    expect(canonical(live)).toBe(canonical(direct));
    expect(canonical(live)).not.toBe(canonical(simulate(doc, { durationS: 60 })));
  });

  it('paused, simulated time stands still; a step by one event moves to the next event, a step by one second 1 s on', async () => {
    const r = liveRun(makeMm1(600), { pace: { speed: 1, paused: true } });
    await sleep(80);
    expect(r.lastProgress().progress.simulatedS).toBe(0);
    const events0 = r.lastProgress().progress.events;
    r.run.step('event');
    const p1 = r.lastProgress();
    expect(p1.progress.events).toBe(events0 + 1);
    expect(p1.clock.lastEventS).toBeGreaterThan(0);
    r.run.step('second');
    await r.until((m) => m.type === 'progress' && m.progress.simulatedS > p1.progress.simulatedS + 0.5);
    expect(r.lastProgress().progress.simulatedS).toBeCloseTo(p1.progress.simulatedS + 1, 9);
    const held = r.lastProgress().progress.simulatedS;
    await sleep(100);
    expect(r.lastProgress().progress.simulatedS).toBe(held);
    expect(r.lastProgress().clock.wallS).toBe(0);
    r.run.cancel();
  });

  it('at ×20 simulated time runs at 20 × wall time', async () => {
    const r = liveRun(makeMm1(600), { pace: { speed: 20, paused: false } });
    await r.until((m) => m.type === 'progress' && m.clock.wallS > 0.1);
    const a = r.lastProgress();
    await sleep(600);
    const b = r.lastProgress();
    const ratio = (b.progress.simulatedS - a.progress.simulatedS) / (b.clock.wallS - a.clock.wallS);
    // The clock is exact by construction (sim = anchor + wall × speed); progress is sampled every ≥ 100 ms.
    expect(ratio).toBeGreaterThan(18);
    expect(ratio).toBeLessThan(22);
    r.run.cancel();
  });
});
