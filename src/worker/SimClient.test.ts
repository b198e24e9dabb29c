import { describe, expect, it } from 'vitest';
import type { ArchDocument } from '../model/index.ts';
import { makeMm1 as makeMm1Doc } from './testDocs.ts';
import { createSimClient } from './SimClient.ts';
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
    const out = await new Promise<{ result: SimResult; sawProgress: boolean }>((resolve, reject) => {
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
    expect(out.result.partial).toBe(true);
    expect(out.result.simulatedS).toBeGreaterThan(0);
    expect(out.result.simulatedS).toBeLessThan(86_400);
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
