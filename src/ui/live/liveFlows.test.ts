import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../worker/protocol.ts';
import { DOT_ERROR, DOT_OK, DOT_RETRY, DOT_TIMEOUT, dotOutcome, dotRate, edgeFlows, nodeFills, queueFill } from './liveFlows.ts';

const snap = (simulatedS: number, attempts: number, errors: number, timeouts: number, retries: number, rejected: number) =>
  ({
    simulatedS,
    warmupS: 0,
    edges: { e: { attempts, errors, timeouts, retries } },
    nodes: { svc: { workers: 4, utilization: 0.5, rejected, queue: { mean: 2 } } },
    series: { filled: 2, nodes: { svc: { utilization: Float64Array.of(0.25, 0.75), queueMean: Float64Array.of(1, 9) } } },
  }) as unknown as SimResult;

describe('live flows', () => {
  it('rates and outcome shares come from the difference of two snapshots', () => {
    const a = snap(10, 1000, 0, 0, 0, 5);
    const b = snap(12, 1400, 40, 20, 100, 5);
    expect(edgeFlows(a, b).e).toEqual({ rps: 200, pError: 0.1, pTimeout: 0.05, pRetry: 0.25 });
    // Without a previous snapshot: the run so far.
    expect(edgeFlows(null, b).e!.rps).toBeCloseTo(1400 / 12, 9);
  });

  it('a node shows its last closed bucket and flashes when it rejected since the last snapshot', () => {
    expect(nodeFills(snap(10, 0, 0, 0, 0, 5), snap(12, 0, 0, 0, 0, 5)).svc).toEqual({ busy: 0.75, workers: 4, queue: 9, rejecting: false });
    expect(nodeFills(snap(10, 0, 0, 0, 0, 5), snap(12, 0, 0, 0, 0, 6)).svc!.rejecting).toBe(true);
  });

  it('dot outcomes follow the shares; dot rates are proportional to calls', () => {
    const f = { rps: 1, pError: 0.1, pTimeout: 0.2, pRetry: 0.3 };
    expect([0.05, 0.15, 0.35, 0.65].map((u) => dotOutcome(f, u))).toEqual([DOT_ERROR, DOT_TIMEOUT, DOT_RETRY, DOT_OK]);
    expect(dotRate(500, 1000, 20)).toBe(10);
    expect(dotRate(1, 1000, 20)).toBe(0.5);
    expect(dotRate(0, 1000, 20)).toBe(0);
    expect([queueFill(0), queueFill(999)]).toEqual([0, 1]);
  });
});
