import { describe, expect, it } from 'vitest';
import type { ArchDocument } from '../model/index.ts';
import { makeMm1 as makeMm1Doc } from './testDocs.ts';
import { createSimClient, type WorkerLike } from './SimClient.ts';
import type { Progress, SimResult } from './protocol.ts';

const makeMm1 = makeMm1Doc;


function runToEnd(doc: ArchDocument): Promise<{ result: SimResult; progress: Progress[]; snapshots: SimResult[] }> {
  const client = createSimClient();
  const progress: Progress[] = [];
  const snapshots: SimResult[] = [];
  return new Promise((resolve, reject) => {
    client.start(doc, {}, {
      onProgress: (p) => progress.push(p),
      onSnapshot: (s) => snapshots.push(s),
      onDone: (result) => { client.destroy(); resolve({ result, progress, snapshots }); },
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

  it('gives the same result inline as a direct engine run with the same seed', async () => {
    const a = await runToEnd(makeMm1(30));
    const b = await runToEnd(makeMm1(30));
    expect(b.result.events).toBe(a.result.events);
    expect(Array.from(b.result.series.nodes.server!.p99)).toEqual(Array.from(a.result.series.nodes.server!.p99));
  });

  it('cancel stops a long run early with a partial result', async () => {
    const client = createSimClient();
    const doc = makeMm1(86_400, 2000);
    const out = await new Promise<{ result: SimResult | null; sawProgress: boolean }>((resolve, reject) => {
      let sawProgress = false;
      client.start(doc, {}, {
        onProgress: () => {
          if (!sawProgress) { sawProgress = true; client.cancel(); }
        },
        onDone: () => reject(new Error('an 86,400 s run should not finish')),
        onCancelled: (result) => resolve({ result, sawProgress }),
        onError: reject,
      });
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
    client.start(makeMm1(86_400, 2000), {}, { onProgress: () => oldMessages++, onDone: () => oldMessages++, onCancelled: () => oldMessages++ });
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
    onmessage: null, onerror: null,
    postMessage: (msg) => {
      log.push(msg.type);
      if (msg.type === 'start') setTimeout(() => w.onmessage?.({ data: { type: 'snapshot', runId: msg.runId, result: snapshot } } as MessageEvent), 0);
    },
    terminate: () => { log.push('terminate'); },
  };
  return w;
}

describe('SimClient (worker)', () => {
  it('cancel works at any moment: a worker that does not answer is terminated and the run ends cancelled', async () => {
    const { result: snapshot } = await runToEnd(makeMm1(5));
    const log: string[] = [];
    const made: WorkerLike[] = [];
    const client = createSimClient({ inline: false, cancelGraceMs: 50, createWorker: () => { const w = stuckWorker(log, snapshot); made.push(w); return w; } });
    const got = await new Promise<SimResult | null>((resolve, reject) => {
      client.start(makeMm1(86_400), {}, { onSnapshot: () => client.cancel(), onDone: () => reject(new Error('done?')), onCancelled: resolve, onError: reject });
    });
    expect(got).toBe(snapshot); // the last snapshot stands in for the partial result
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
      onmessage: null, onerror: null,
      postMessage: (msg) => { log.push(msg.type); if (msg.type === 'cancel') setTimeout(() => w.onmessage?.({ data: { type: 'cancelled', runId: msg.runId, result: null } } as unknown as MessageEvent), 0); },
      terminate: () => { log.push('terminate'); },
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
