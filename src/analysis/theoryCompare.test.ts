import { describe, expect, it } from 'vitest';
import { theoryCompare } from './theoryCompare.ts';
import { simulate } from '../engine/index.ts';
import { loadScenario } from '../engine/testing/replicate.ts';

describe('theory beside simulation', () => {
  it('agrees on the M/M/4 pool and the M/M/1/5 node, flagging nothing', () => {
    for (const name of ['mmc', 'mm1k']) {
      const doc = loadScenario(name);
      const rows = theoryCompare(doc, simulate(doc, { traces: false }));
      expect(rows.length).toBeGreaterThanOrEqual(4);
      expect(rows.filter((r) => r.flagged)).toEqual([]);
      expect(rows.find((r) => r.metric === 'waitMs')!.model).toMatch(/^M\/M\//);
    }
  });
  it('flags the retry storm: the API sees far more attempts than the traffic equations predict, and says why', () => {
    const doc = loadScenario('metastable-retries');
    const rows = theoryCompare(doc, simulate(doc, { traces: false }));
    const rate = rows.find((r) => r.node === 'api' && r.metric === 'arrivalRps')!;
    expect(rate.flagged).toBe(true);
    expect(rate.simulated).toBeGreaterThan(2 * rate.theory);
    expect(rate.why).toMatch(/retries/);
  });
  it('an overloaded station with an unbounded queue gets an "unstable" wait row instead of none', () => {
    const doc = loadScenario('overload');
    const rows = theoryCompare(doc, simulate(doc, { traces: false }));
    const unstable = rows.filter((r) => r.unstable);
    expect(unstable.length).toBeGreaterThanOrEqual(1);
    for (const r of unstable) {
      expect(r).toMatchObject({ metric: 'waitMs', theory: Infinity, flagged: false });
      expect(r.model).toMatch(/^unstable \(ρ = \d/);
      expect(r.simulated).toBeGreaterThan(0);
    }
    // Stable stations keep their formula rows: mm1 has none unstable.
    const mm1 = loadScenario('mm1');
    expect(theoryCompare(mm1, simulate(mm1, { traces: false })).some((r) => r.unstable)).toBe(false);
  });
});
