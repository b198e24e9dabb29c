import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../../worker/protocol.ts';
import { sourceRunStateAt } from './sourceRunState.ts';

const series = (v: number[]) => Float64Array.from(v);
const result = {
  simulatedS: 12,
  warmupS: 2,
  sources: { c: { requests: 1000, succeeded: 900, failed: 100 } },
  series: {
    bucketS: 5,
    filled: 2,
    sources: { c: { requests: series([500, 600]), succeeded: series([500, 400]), failed: series([0, 100]) } },
  },
} as unknown as SimResult;

describe('sourceRunStateAt', () => {
  it('gives the whole run’s sent rate over the measured time', () => {
    expect(sourceRunStateAt(result, 'c', null)).toEqual({ sentPerS: 100, failedPerS: 10, successRatio: 0.9 });
  });

  it('gives one bucket’s rates at time t', () => {
    expect(sourceRunStateAt(result, 'c', 7)).toEqual({ sentPerS: 120, failedPerS: 20, successRatio: 0.8 });
    expect(sourceRunStateAt(result, 'c', 60)).toBeNull();
  });

  it('is null for a node that sends nothing', () => {
    expect(sourceRunStateAt(result, 'svc', null)).toBeNull();
  });
});
