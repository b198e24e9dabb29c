import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { resultToJson } from '../cli/archsim.ts';
import { loadScenario, estimate } from './testing/replicate.ts';

const canonical = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'wallMs' ? 0 : v));

describe('determinism', () => {
  const doc = loadScenario('webhook-delivery');
  it('the same seed gives byte-identical results, series included', () => {
    const a = simulate(doc, { seed: 7, durationS: 60 });
    const b = simulate(doc, { seed: 7, durationS: 60 });
    expect(canonical(resultToJson(a, true))).toBe(canonical(resultToJson(b, true)));
  });
  it('different seeds give different but statistically consistent results', () => {
    const mm1 = loadScenario('mm1');
    const runs = [1, 2, 3, 4, 5, 6].map((seed) => simulate(mm1, { seed, durationS: 300 }));
    const means = runs.map((r) => r.nodes.server!.latencyMs.mean);
    expect(new Set(means).size).toBe(means.length);
    const e = estimate(means);
    expect(Math.abs(e.mean - 50)).toBeLessThan(4 * e.se + 0.5);
  });
});
