import { describe, expect, it } from 'vitest';
import { makeMm1 as makeMm1Doc } from './testDocs.ts';
import { simulate } from '../engine/index.ts';
import { createSimPool, type BatchProgress } from './SimPool.ts';
import { resultBands } from './batch.ts';
import type { SimResult } from './protocol.ts';

const makeMm1 = (durationS: number, rateRps = 50) => makeMm1Doc(durationS, rateRps, { bucketS: 1 });

function runBatch(pool: ReturnType<typeof createSimPool>, jobs: Parameters<ReturnType<typeof createSimPool>['run']>[0]) {
  const progress: BatchProgress[] = [];
  return new Promise<{ results: SimResult[]; progress: BatchProgress[] }>((resolve, reject) => {
    pool.run(
      jobs,
      { onProgress: (p) => progress.push(p), onDone: (results) => resolve({ results, progress }), onError: (m) => reject(new Error(m)) },
      { workers: 2 },
    );
  });
}

describe('SimPool (inline, no Worker in Node)', () => {
  it('runs replications in job order, each equal to a direct engine run of its seed', async () => {
    const doc = makeMm1(20);
    const pool = createSimPool();
    const { results, progress } = await runBatch(
      pool,
      [0, 1, 2].map((k) => ({ doc, seed: 10 + k })),
    );
    expect(results.map((r) => r.seed)).toEqual([10, 11, 12]);
    for (const r of results) {
      const direct = simulate(doc, { seed: r.seed, traces: false });
      expect(r.events).toBe(direct.events);
      expect(r.sources.client!.latencyMs.p99).toBe(direct.sources.client!.latencyMs.p99);
      expect(r.traces).toEqual([]);
    }
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3, fraction: 1 });
    pool.destroy();
  });

  it('summarises replications with 95 % half-widths and series bands that contain the mean', async () => {
    const doc = makeMm1(20);
    const pool = createSimPool();
    const { results } = await runBatch(
      pool,
      [0, 1, 2, 3].map((k) => ({ doc, seed: 1 + k })),
    );
    const { summaries, bands } = await pool.summarize([results], true);
    const s = summaries[0]!;
    expect(s.replications).toBe(4);
    const mean = results.reduce((a, r) => a + r.sources.client!.goodputRps, 0) / 4;
    expect(s.sources.client!.goodputRps).toBeCloseTo(mean, 9);
    expect(s.sources.client!.goodputRpsCi95).toBeGreaterThan(0);
    const q = bands!.nodes.server!.queueMean;
    expect(q.mean.length).toBe(20);
    for (let i = 0; i < 20; i++) {
      expect(q.lo[i]!).toBeLessThanOrEqual(q.mean[i]!);
      expect(q.hi[i]!).toBeGreaterThanOrEqual(q.mean[i]!);
    }
    pool.destroy();
  });

  it('sets the swept parameter per job and plans only valid values', async () => {
    const doc = makeMm1(10);
    const pool = createSimPool();
    const plan = await pool.plan(doc, 'nodes.client.params.rateRps', 20, 80, 4);
    expect(plan).toEqual({ ok: true, values: [20, 40, 60, 80] });
    expect(await pool.plan(doc, 'nodes.nowhere.params.workers', 1, 2, 2)).toMatchObject({
      ok: false,
      message: expect.stringContaining('nowhere'),
    });
    expect(await pool.plan(doc, 'nodes.server.params.workers', 0, 4, 3)).toMatchObject({ ok: false });
    const { results } = await runBatch(
      pool,
      [20, 80].map((v) => ({ doc, seed: 1, sweep: { path: 'nodes.client.params.rateRps', value: v } })),
    );
    // Four times the rate: about four times the requests.
    const ratio = results[1]!.sources.client!.requests / results[0]!.sources.client!.requests;
    expect(ratio).toBeGreaterThan(3.3);
    expect(ratio).toBeLessThan(4.8);
    pool.destroy();
  });

  it('reports a job that cannot run as an error and stops the batch', async () => {
    const pool = createSimPool();
    const err = await runBatch(pool, [{ doc: makeMm1(5), seed: 1, sweep: { path: 'nodes.server.params.workers', value: -3 } }]).catch(
      (e: Error) => e.message,
    );
    expect(err).toMatch(/workers/);
    expect(pool.busy()).toBe(false);
    pool.destroy();
  });

  it('cancel drops the batch: its handlers get nothing more', async () => {
    const pool = createSimPool();
    let messages = 0;
    pool.run([{ doc: makeMm1(200, 500), seed: 1 }], { onDone: () => messages++, onError: () => messages++ });
    pool.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(messages).toBe(0);
    expect(pool.busy()).toBe(false);
    pool.destroy();
  });
});

describe('resultBands', () => {
  it('leaves latency gaps where no replication finished a request, and averages only buckets that did', () => {
    const doc = makeMm1(6);
    const a = simulate(doc, { seed: 1, traces: false }),
      b = simulate(doc, { seed: 2, traces: false });
    // Pretend replication b finished nothing in bucket 2 and neither did anything in bucket 3.
    for (const r of [a, b]) r.series.sources.client!.p99[3] = 0;
    a.series.sources.client!.succeeded[3] = 0;
    b.series.sources.client!.succeeded[3] = 0;
    a.series.sources.client!.failed[3] = 0;
    b.series.sources.client!.failed[3] = 0;
    b.series.sources.client!.succeeded[2] = 0;
    b.series.sources.client!.failed[2] = 0;
    const band = resultBands([a, b]).sources.client!.p99;
    expect(band.mean[3]).toBeNaN();
    expect(band.mean[2]).toBe(a.series.sources.client!.p99[2]);
    expect(band.lo[2]).toBe(band.hi[2]);
    expect(band.mean[1]).toBeCloseTo((a.series.sources.client!.p99[1]! + b.series.sources.client!.p99[1]!) / 2, 9);
  });
});
