import { describe, expect, it } from 'vitest';
import { EventQueue } from './EventQueue.ts';
import { Rng } from './rng.ts';

describe('EventQueue', () => {
  it('pops in (time, seq) order: ties in scheduling order (seed 7, 20,000 mixed operations, with growth)', () => {
    const rng = new Rng(7);
    const q = new EventQueue(4);
    const ref: { t: number; id: number }[] = [];
    let id = 0,
      now = 0;
    for (let k = 0; k < 20_000; k++) {
      if (q.size === 0 || rng.next() < 0.55) {
        // Coarse times make ties common.
        const t = now + Math.floor(rng.next() * 20);
        q.push(t, 1, id, 0, 0);
        ref.push({ t, id: id++ });
      } else {
        const t = q.peekTime();
        const s = q.pop();
        ref.sort((a, b) => a.t - b.t || a.id - b.id);
        const want = ref.shift()!;
        expect([t, q.a[s]]).toEqual([want.t, want.id]);
        now = t;
      }
    }
  });
  it('peekTime is Infinity when empty', () => {
    expect(new EventQueue().peekTime()).toBe(Infinity);
  });
});
