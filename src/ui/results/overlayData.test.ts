import { describe, expect, it } from 'vitest';
import { edgeRatesAt, edgeWidth, nodeRunStateAt } from './overlayData.ts';
import { makeResult } from './testResult.ts';

const r = makeResult({
  nodes: {
    a: {
      arrivals: 400,
      errors: 8,
      utilization: 0.5,
      workers: 4,
      queue: { mean: 1.5, max: 9 },
      series: { arrivals: [100, 100, 100, 100], utilization: [0.2, 0.4, 0.9, 0.5], queueMean: [0, 1, 5, 0], errors: [0, 0, 8, 0] },
    },
    b: { arrivals: 300, series: { arrivals: [60, 90, 90, 60] } },
    c: { arrivals: 100, series: { arrivals: [40, 10, 10, 40] } },
  },
  edges: {
    'a-b': {
      source: 'a',
      target: 'b',
      attempts: 300,
      retries: 0,
      timeouts: 0,
      errors: 0,
      breakerRejected: 0,
      budgetDenied: 0,
      throttled: 0,
      breakerOpenS: 0,
    },
    'a-c': {
      source: 'a',
      target: 'c',
      attempts: 100,
      retries: 0,
      timeouts: 0,
      errors: 0,
      breakerRejected: 0,
      budgetDenied: 0,
      throttled: 0,
      breakerOpenS: 0,
    },
  },
});

describe('canvas overlay transforms', () => {
  it('whole run: utilization, queue and errors per second from the totals', () => {
    expect(nodeRunStateAt(r, 'a', null)).toEqual({
      utilization: 0.5,
      queue: 1.5,
      queueMax: 9,
      badPerS: 0.2,
      arrivalsPerS: 10,
      duplicates: 0,
    });
  });

  it('at time t: the state in the bucket holding t', () => {
    expect(nodeRunStateAt(r, 'a', 25)).toMatchObject({ utilization: 0.9, queue: 5, badPerS: 0.8, arrivalsPerS: 10 });
    expect(nodeRunStateAt(r, 'b', 25)!.utilization).toBeNull(); // no workers
    expect(nodeRunStateAt(r, 'a', 99)).toBeNull();
  });

  it('call rates: attempts over the run, or the callee arrivals in the bucket', () => {
    expect(edgeRatesAt(r, null)).toEqual({ 'a-b': 7.5, 'a-c': 2.5 });
    expect(edgeRatesAt(r, 5)).toEqual({ 'a-b': 6, 'a-c': 4 });
  });

  it('edge width grows with the square root of the share of the busiest call', () => {
    expect(edgeWidth(0, 10)).toBe(1.5);
    expect(edgeWidth(10, 10)).toBe(7);
    expect(edgeWidth(2.5, 10)).toBeCloseTo(1.5 + 5.5 * 0.5);
  });
});

describe('nodeRunTone', () => {
  const base = { utilization: 0.5, queue: 0, queueMax: 0, badPerS: 0, arrivalsPerS: 100, duplicates: 0 };
  it('colours by utilization, then by queue for nodes without workers, and red when over 5 % fail', async () => {
    const { nodeRunTone } = await import('./overlayData.ts');
    expect(nodeRunTone(base)).toBe('ok');
    expect(nodeRunTone({ ...base, utilization: 0.8 })).toBe('busy');
    expect(nodeRunTone({ ...base, utilization: 0.97 })).toBe('over');
    expect(nodeRunTone({ ...base, badPerS: 6 })).toBe('over');
    expect(nodeRunTone({ ...base, badPerS: 4 })).toBe('ok');
    expect(nodeRunTone({ ...base, utilization: null, queue: 5 })).toBe('busy');
    expect(nodeRunTone({ ...base, utilization: null, queue: 500 })).toBe('over');
    expect(nodeRunTone({ ...base, arrivalsPerS: 0 })).toBe('idle');
  });
});
