import { describe, expect, it } from 'vitest';
import { createLivePacer } from './livePacer.ts';

/** A fake clock and task queue: `cost` is what the next apply takes, `run(ms)` advances time. */
function harness(
  opts: { minGapMs?: number; gapFactor?: number; maxGapMs?: number; interacting?: () => boolean; interactingGapMs?: number } = {},
) {
  let t = 0;
  let cost = 0;
  const applied: [number, string][] = [];
  let afterTask: (() => void)[] = [];
  let timers: { at: number; fn: () => void; dead: boolean }[] = [];
  const pacer = createLivePacer<string>({
    ...opts,
    apply: (v) => {
      applied.push([t, v]);
      t += cost;
    },
    now: () => t,
    afterTask: (fn) => afterTask.push(fn),
    later: (fn, ms) => {
      const timer = { at: t + ms, fn, dead: false };
      timers.push(timer);
      return {
        cancel: () => {
          timer.dead = true;
        },
      };
    },
  });
  const drain = () => {
    while (afterTask.length) {
      const q = afterTask;
      afterTask = [];
      for (const f of q) f();
    }
  };
  const run = (ms: number) => {
    const until = t + ms;
    drain();
    for (;;) {
      const next = timers.filter((x) => !x.dead && x.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      next.dead = true;
      t = Math.max(t, next.at);
      next.fn();
      drain();
    }
    timers = timers.filter((x) => !x.dead);
    t = Math.max(t, until);
  };
  return {
    pacer,
    applied,
    run,
    setCost: (c: number) => {
      cost = c;
    },
    push: (v: string) => {
      pacer.push(v);
      drain();
    },
  };
}

describe('createLivePacer', () => {
  it('applies the first snapshot at once and later ones no closer than minGapMs', () => {
    const h = harness({ minGapMs: 250 });
    h.push('a');
    h.run(100);
    h.push('b');
    h.run(100);
    expect(h.applied).toEqual([[0, 'a']]);
    h.run(100);
    expect(h.applied).toEqual([
      [0, 'a'],
      [250, 'b'],
    ]);
  });

  it('shows only the newest of the snapshots that arrive during a gap', () => {
    const h = harness({ minGapMs: 250 });
    h.push('a');
    for (const v of ['b', 'c', 'd']) {
      h.run(50);
      h.push(v);
    }
    h.run(500);
    expect(h.applied.map(([, v]) => v)).toEqual(['a', 'd']);
  });

  it('spaces applies by gapFactor × what the last one cost, within maxGapMs', () => {
    const h = harness({ minGapMs: 250, gapFactor: 8, maxGapMs: 2000 });
    h.setCost(100);
    h.push('mount'); // the first apply's cost (mounting the views) is not used
    h.run(250);
    h.push('a'); // applied at 350 (mount ended at 100, + 250), costs 100 → next ≥ 450 + 800
    h.run(100);
    expect(h.applied.map(([t]) => t)).toEqual([0, 350]);
    h.push('b');
    h.run(2000);
    expect(h.applied.map(([t]) => t)).toEqual([0, 350, 1250]);
    expect(h.pacer.gapMs()).toBe(800);
    h.setCost(1000);
    h.push('c');
    h.run(5000);
    h.push('d');
    h.run(5000);
    expect(h.pacer.gapMs()).toBe(2000);
    const [tc, td] = [h.applied[3]![0], h.applied[4]![0]];
    expect(td - (tc + 1000)).toBeGreaterThanOrEqual(2000);
  });

  it('while the canvas is being moved, applies come at most every interactingGapMs; after the gesture, at the usual gap again', () => {
    let moving = false;
    const h = harness({ minGapMs: 250, interactingGapMs: 1000, interacting: () => moving });
    h.push('a'); // at 0
    moving = true;
    for (let k = 0; k < 12; k++) {
      h.run(250);
      h.push(`m${k}`);
    }
    // Snapshots every 250 ms during a 3 s gesture: applied at 1000, 2000 and 3000 only, each the newest then.
    expect(h.applied).toEqual([
      [0, 'a'],
      [1000, 'm2'],
      [2000, 'm6'],
      [3000, 'm10'],
    ]);
    // m11, pushed during the gesture, waits its 1000 ms; after the gesture the usual gap is back.
    moving = false;
    h.run(500);
    expect(h.applied.slice(4)).toEqual([]);
    h.run(500);
    expect(h.applied.slice(4)).toEqual([[4000, 'm11']]);
    h.push('b');
    h.run(300);
    expect(h.applied.slice(5)).toEqual([[4250, 'b']]);
  });

  it('a gesture that starts while an apply waits pushes it back to interactingGapMs after the last one', () => {
    let moving = false;
    const h = harness({ minGapMs: 250, interactingGapMs: 1000, interacting: () => moving });
    h.push('a');
    h.run(100);
    h.push('b'); // due at 250
    moving = true;
    h.run(500);
    expect(h.applied).toEqual([[0, 'a']]);
    h.run(500);
    expect(h.applied).toEqual([
      [0, 'a'],
      [1000, 'b'],
    ]);
  });

  it('cancel drops the pending snapshot: nothing is applied after it', () => {
    const h = harness({ minGapMs: 250 });
    h.push('a');
    h.push('b');
    h.pacer.cancel();
    h.run(1000);
    h.push('c');
    h.run(1000);
    expect(h.applied.map(([, v]) => v)).toEqual(['a']);
  });
});
