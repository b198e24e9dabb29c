import { describe, expect, it } from 'vitest';
import type { ArchDocument } from '../model/index.ts';
import { makeMm1 as makeMm1Doc } from './testDocs.ts';
import { createSimClient, type WorkerLike } from './SimClient.ts';
import { liveSnapshotPack, liveSnapshotResult } from './liveSnapshot.ts';
import type { Progress, RunOptions, SimResult } from './protocol.ts';
import { simulate } from '../engine/index.ts';
import { loadScenario } from '../engine/testing/replicate.ts';
import { resultToJson } from '../cli/archsim.ts';

const makeMm1 = makeMm1Doc;
/** The whole result as `archsim run --json` would print it with series and traces, wall time zeroed. */
const canonical = (r: SimResult) => JSON.stringify(resultToJson(r, true, true), (k, v) => (k === 'wallMs' ? 0 : v));

function runToEnd(
  doc: ArchDocument,
  options: RunOptions = {},
): Promise<{ result: SimResult; progress: Progress[]; snapshots: SimResult[] }> {
  const client = createSimClient();
  const progress: Progress[] = [];
  const snapshots: SimResult[] = [];
  return new Promise((resolve, reject) => {
    client.start(doc, options, {
      onProgress: (p) => progress.push(p),
      onSnapshot: (s) => snapshots.push(s),
      onDone: (result) => {
        client.destroy();
        resolve({ result, progress, snapshots });
      },
      onError: reject,
    });
  });
}

describe('SimClient (inline, no Worker in Node)', () => {
  it('runs a small design to completion and reports the full result', async () => {
    const { result, progress } = await runToEnd(makeMm1(60));
    expect(result.partial).toBe(false);
    expect(result.simulatedS).toBe(60);
    expect(result.series.filled).toBe(result.series.total);
    // 50 req/s for 60 s: about 3,000 requests (Poisson, ±5σ ≈ ±275).
    expect(result.sources.client!.requests).toBeGreaterThan(2700);
    expect(result.sources.client!.requests).toBeLessThan(3300);
    expect(progress.at(-1)!.simulatedS).toBe(60);
  });

  it('the final result equals simulate() for the same seed: totals, series, findings, requirements and traces', async () => {
    // The webhook design through its outage (findings, retries, traces), run in slices with snapshots.
    const doc = loadScenario('webhook-delivery');
    const live = await runToEnd(doc, { durationS: 100 });
    const direct = simulate(doc, { durationS: 100 });
    expect(live.snapshots.length).toBeGreaterThan(0);
    expect(direct.findings.length).toBeGreaterThan(0);
    expect(direct.traces.length).toBeGreaterThan(0);
    expect(canonical(live.result)).toBe(canonical(direct));
  });

  it('live snapshots carry totals and series only; their closed buckets already hold the final values', async () => {
    const doc = loadScenario('webhook-delivery');
    const { result, snapshots } = await runToEnd(doc, { durationS: 100 });
    const mid = snapshots.find((s) => s.series.filled > 0 && s.series.filled < s.series.total);
    expect(mid).toBeDefined();
    for (const s of snapshots) {
      expect(s.partial).toBe(true);
      expect([s.findings.length, s.requirements.length, s.traces.length]).toEqual([0, 0, 0]);
      expect(Object.keys(s.nodes)).toEqual(Object.keys(result.nodes));
      // Every series of a snapshot is a view of one buffer.
      const buffers = new Set(
        [...Object.values(s.series.nodes), ...Object.values(s.series.sources)].flatMap((m) =>
          Object.values(m).map((a) => (a as Float64Array).buffer),
        ),
      );
      expect(buffers.size).toBe(1);
    }
    const f = mid!.series.filled;
    for (const [id, metrics] of Object.entries(result.series.nodes)) {
      for (const [k, a] of Object.entries(metrics)) {
        expect(Array.from((mid!.series.nodes[id] as Record<string, Float64Array>)[k]!.subarray(0, f)), `${id}.${k}`).toEqual(
          Array.from(a.subarray(0, f)),
        );
      }
    }
    expect(mid!.sources.producers!.requests).toBeLessThan(result.sources.producers!.requests);
  });

  it('cancel stops a long run early with a partial result', async () => {
    const client = createSimClient();
    const doc = makeMm1(86_400, 2000);
    const out = await new Promise<{ result: SimResult | null; sawProgress: boolean }>((resolve, reject) => {
      let sawProgress = false;
      client.start(
        doc,
        {},
        {
          onProgress: () => {
            if (!sawProgress) {
              sawProgress = true;
              client.cancel();
            }
          },
          onDone: () => reject(new Error('an 86,400 s run should not finish')),
          onCancelled: (result) => resolve({ result, sawProgress }),
          onError: reject,
        },
      );
    });
    expect(out.sawProgress).toBe(true);
    expect(out.result!.partial).toBe(true);
    expect(out.result!.simulatedS).toBeGreaterThan(0);
    expect(out.result!.simulatedS).toBeLessThan(86_400);
    expect(client.busy()).toBe(false);
    client.destroy();
  });

  it('starting a new run drops the old run: its handlers get nothing more', async () => {
    const client = createSimClient();
    let oldMessages = 0;
    client.start(
      makeMm1(86_400, 2000),
      {},
      { onProgress: () => oldMessages++, onDone: () => oldMessages++, onCancelled: () => oldMessages++ },
    );
    const before = oldMessages;
    const result = await new Promise<SimResult>((resolve, reject) => client.start(makeMm1(5), {}, { onDone: resolve, onError: reject }));
    expect(result.simulatedS).toBe(5);
    expect(oldMessages).toBe(before);
    client.destroy();
  });

  it('reports an invalid design as an error, not a crash', async () => {
    const doc = makeMm1(10);
    const broken = { ...doc, edges: [{ ...doc.edges[0]!, target: 'nowhere' }] };
    const client = createSimClient();
    const message = await new Promise<string>((resolve) => client.start(broken, {}, { onDone: () => resolve(''), onError: resolve }));
    expect(message).not.toBe('');
    client.destroy();
  });
});

/** A stand-in Worker that is stuck inside one long engine step: it sends one snapshot, then never answers. */
function stuckWorker(log: string[], snapshot: SimResult): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (msg) => {
      log.push(msg.type);
      if (msg.type === 'start')
        setTimeout(
          () => w.onmessage?.({ data: { type: 'snapshot', runId: msg.runId, snapshot: liveSnapshotPack(snapshot) } } as MessageEvent),
          0,
        );
    },
    terminate: () => {
      log.push('terminate');
    },
  };
  return w;
}

describe('SimClient (worker)', () => {
  it('cancel works at any moment: a worker that does not answer is terminated and the run ends cancelled', async () => {
    const { result: snapshot } = await runToEnd(makeMm1(5));
    const log: string[] = [];
    const made: WorkerLike[] = [];
    const client = createSimClient({
      inline: false,
      cancelGraceMs: 50,
      createWorker: () => {
        const w = stuckWorker(log, snapshot);
        made.push(w);
        return w;
      },
    });
    const got = await new Promise<SimResult | null>((resolve, reject) => {
      client.start(
        makeMm1(86_400),
        {},
        { onSnapshot: () => client.cancel(), onDone: () => reject(new Error('done?')), onCancelled: resolve, onError: reject },
      );
    });
    // The last snapshot stands in for the partial result.
    expect(got).toEqual(liveSnapshotResult(liveSnapshotPack(snapshot)));
    expect(got!.events).toBe(snapshot.events);
    expect(log).toEqual(['start', 'cancel', 'terminate']);
    expect(client.busy()).toBe(false);
    // The next run gets a fresh worker.
    client.start(makeMm1(5), {}, { onDone: () => {} });
    expect(made).toHaveLength(2);
    client.destroy();
  });

  it('a worker that confirms the cancel in time is kept', async () => {
    const log: string[] = [];
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (msg) => {
        log.push(msg.type);
        if (msg.type === 'cancel')
          setTimeout(() => w.onmessage?.({ data: { type: 'cancelled', runId: msg.runId, result: null } } as unknown as MessageEvent), 0);
      },
      terminate: () => {
        log.push('terminate');
      },
    };
    const client = createSimClient({ inline: false, cancelGraceMs: 100, createWorker: () => w });
    const cancelled = new Promise<void>((resolve) => client.start(makeMm1(60), {}, { onDone: () => {}, onCancelled: () => resolve() }));
    client.cancel();
    await cancelled;
    await new Promise((r) => setTimeout(r, 150));
    expect(log).toEqual(['start', 'cancel']);
    client.destroy();
  });
});
