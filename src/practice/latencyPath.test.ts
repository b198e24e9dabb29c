import { describe, expect, it } from 'vitest';
import { parseDocument, formatErrors } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import { latencyCause, latencyPath } from './latencyPath.ts';
import { PROBLEMS, problemDocument } from './problems.ts';
import { gradeInline } from './testing/gradeInline.ts';

/** Users → hop 0 → hop 1 → …, each a service with a constant service time (ms) and workers to spare. */
function chain(...hopsMs: number[]) {
  const names = ['Front', 'Back', 'Store'];
  const nodes: unknown[] = [{ id: 'c', kind: 'client', label: 'Users', params: { rateRps: 20, arrival: 'constant' } }];
  const edges: unknown[] = [];
  hopsMs.forEach((ms, k) => {
    nodes.push({ id: `h${k}`, kind: 'service', label: names[k], params: { workers: 50, serviceTime: { type: 'constant', ms } } });
    edges.push({ id: `e${k}`, source: k === 0 ? 'c' : `h${k - 1}`, target: `h${k}` });
  });
  const p = parseDocument({ version: 1, nodes, edges, scenario: { durationS: 20, warmupS: 0 } });
  if (!p.ok) throw new Error(formatErrors(p.errors));
  return { doc: p.doc, result: simulate(p.doc, { seed: 1, traces: false }) };
}

describe('where a latency requirement’s time goes', () => {
  it('constant service times and no queueing: each hop adds its own service time (histogram bins within 1 %)', () => {
    const { doc, result } = chain(10, 90);
    const steps = latencyPath(doc, result, 'c', 'latencyP99Ms');
    expect(steps.map((s) => s.node)).toEqual(['c', 'h0', 'h1']);
    expect(steps[0]!.ms).toBeCloseTo(100, -0.3); // ±1 ms: the histogram's bin at 100 ms is < 1 % wide
    expect(steps[0]!.addsMs).toBeLessThan(1);
    expect(Math.abs(steps[1]!.addsMs - 10)).toBeLessThan(1.5);
    expect(Math.abs(steps[2]!.addsMs - 90)).toBeLessThan(1);
    expect(latencyCause(doc, result, 'c', 'latencyP99Ms')).toMatch(
      /^Most of it is Back: about 9\d(\.\d)? ms of the p99 1\d\d ms, on the synchronous path Users → Front → Back\.$/,
    );
  });

  it('no single hop adds half: the sentence lists the path instead', () => {
    const { doc, result } = chain(35, 30, 35);
    expect(latencyCause(doc, result, 'c', 'latencyP50Ms')).toMatch(
      /^It is spread along the synchronous path: Users .*, Front 3\d(\.\d)? ms, Back 3\d(\.\d)? ms, Store 3\d(\.\d)? ms \(p50, about\)\.$/,
    );
  });

  it('not a latency metric: nothing to say', () => {
    const { doc, result } = chain(10, 90);
    expect(latencyPath(doc, result, 'c', 'successRatio')).toEqual([]);
    expect(latencyCause(doc, result, 'c', 'successRatio')).toBeNull();
  });

  it('the naive webhook design: its failed publish p99 says the endpoint is called synchronously', () => {
    const p = PROBLEMS.find((x) => x.id === 'webhook-delivery')!;
    const card = gradeInline(p, problemDocument(p, 'start'));
    const check = card.drills.find((d) => d.id === 'normal-day')!.checks.find((c) => c.metric === 'latencyP99Ms')!;
    expect(check.pass).toBe(false);
    expect(check.why).toMatch(
      /^Most of it is Customer endpoint: .* on the synchronous path Event producers → Events API → Customer endpoint\.$/,
    );
    // Passing checks carry no explanation.
    for (const d of card.drills) for (const c of d.checks) if (c.pass) expect(c.why).toBeUndefined();
  });
});
