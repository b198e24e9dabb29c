/**
 * The reference: a minimal M/M/1 over a binary heap in typed arrays, with no model logic.
 * The engine's events/s are reported as a ratio to this loop, so the figure holds on a
 * noisy machine. Same RNG as the engine.
 */
import { Rng } from '../src/engine/core/rng.ts';

export function bareLoopMM1(
  events: number,
  lambdaPerMs: number,
  muPerMs: number,
  seed = 1,
): { events: number; ms: number; meanResponse: number } {
  const cap = 1 << 12;
  const time = new Float64Array(cap);
  const kind = new Uint8Array(cap);
  let size = 0;
  const push = (t: number, k: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (time[p]! <= t) break;
      time[i] = time[p]!;
      kind[i] = kind[p]!;
      i = p;
    }
    time[i] = t;
    kind[i] = k;
  };
  const pop = (): number => {
    const k = kind[0]!;
    const n = --size;
    const t = time[n]!,
      kk = kind[n]!;
    let i = 0;
    while (2 * i + 1 < n) {
      let l = 2 * i + 1;
      if (l + 1 < n && time[l + 1]! < time[l]!) l++;
      if (t <= time[l]!) break;
      time[i] = time[l]!;
      kind[i] = kind[l]!;
      i = l;
    }
    time[i] = t;
    kind[i] = kk;
    return k;
  };
  const rng = new Rng(seed);
  const fifo = new Float64Array(1 << 16);
  let head = 0,
    tail = 0,
    busy = 0,
    done = 0,
    sum = 0;
  push(rng.exp(1 / lambdaPerMs), 0);
  const t0 = performance.now();
  for (let ev = 0; ev < events; ev++) {
    const now = time[0]!;
    const k = pop();
    if (k === 0) {
      push(now + rng.exp(1 / lambdaPerMs), 0);
      fifo[tail++ & 0xffff] = now;
      if (!busy) {
        busy = 1;
        push(now + rng.exp(1 / muPerMs), 1);
      }
    } else {
      sum += now - fifo[head++ & 0xffff]!;
      done++;
      if (head !== tail) push(now + rng.exp(1 / muPerMs), 1);
      else busy = 0;
    }
  }
  return { events, ms: performance.now() - t0, meanResponse: sum / done };
}
