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
});
