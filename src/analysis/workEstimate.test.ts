import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type ArchDocument, type ArchDocumentInput } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import { PLANNING_EVENTS_PER_S, workEstimate } from './workEstimate.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const docOf = (raw: unknown): ArchDocument => {
  const r = parseDocument(raw);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.where}: ${e.message}`).join('; '));
  return r.doc;
};
const make = (input: Omit<ArchDocumentInput, 'version'>) => docOf({ version: 1, ...input });

/** Scenarios whose work comes mostly from retries the traffic equations do not count (injected failures, retry storms, version-conflict retries). */
const RETRY_STORMS = new Set(['retry-amplification', 'metastable-retries', 'dead-letter', 'visibility-timeout', 'optimistic-concurrency']);

describe('workEstimate', () => {
  it('is within 30 % of the events the engine does on every scenario without a retry storm', () => {
    const files = [
      ...readdirSync(join(ROOT, 'scenarios'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(ROOT, 'scenarios', f)),
      ...readdirSync(join(ROOT, 'scenarios/templates')).map((f) => join(ROOT, 'scenarios/templates', f)),
    ];
    let checked = 0;
    for (const f of files) {
      const name = f.split('/').pop()!.replace('.json', '');
      if (RETRY_STORMS.has(name)) continue;
      const doc = docOf(JSON.parse(readFileSync(f, 'utf8')));
      // A shorter run keeps the test quick; the estimate scales with it.
      const durationS = Math.min(doc.scenario.durationS, Math.max(20, doc.scenario.warmupS + 10));
      const actual = simulate(doc, { durationS, traces: false }).events;
      const est = workEstimate(doc, { durationS }).events;
      expect(est / actual, `${name}: estimated ${Math.round(est)}, engine ${actual}`).toBeGreaterThan(0.7);
      expect(est / actual, `${name}: estimated ${Math.round(est)}, engine ${actual}`).toBeLessThan(1.55);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('sees the runaway designs of the issue: 1e7 req/s for 60 s, and 10 calls per level over 6 levels', () => {
    const flood = make({
      nodes: [
        { id: 'c', kind: 'client', params: { rateRps: 1e7 } },
        { id: 's', kind: 'service' },
      ],
      edges: [{ id: 'e', source: 'c', target: 's' }],
      scenario: { durationS: 60 },
    });
    const w = workEstimate(flood);
    expect(w.requests).toBeCloseTo(6e8, -6);
    expect(w.events).toBeGreaterThan(1e9);
    expect(w.seconds).toBeCloseTo(w.events / PLANNING_EVENTS_PER_S, 0); // plus a little for closing 300 buckets

    // Six levels of ten services; every service calls all ten of the next level: 10⁶ leaf calls per request.
    const nodes: ArchDocumentInput['nodes'] = [{ id: 'c', kind: 'client', params: { rateRps: 1 } }];
    const edges: NonNullable<ArchDocumentInput['edges']> = [];
    for (let l = 0; l < 6; l++)
      for (let k = 0; k < 10; k++) {
        nodes.push({ id: `s${l}_${k}`, kind: 'service', params: { workers: 1000, serviceTime: { type: 'constant', ms: 1 } } });
        if (l === 0) edges.push({ id: `c-${k}`, source: 'c', target: `s0_${k}` });
        else for (let j = 0; j < 10; j++) edges.push({ id: `e${l}_${j}_${k}`, source: `s${l - 1}_${j}`, target: `s${l}_${k}` });
      }
    const fan = workEstimate(make({ nodes, edges, scenario: { durationS: 60 } }));
    expect(fan.requests).toBeCloseTo(60, 6);
    expect(fan.events).toBeGreaterThan(60 * 1e6);
  });

  it('integrates schedules: a ramp from 0 to 1000 rps over the run is half the work of 1000 rps throughout', () => {
    const at = (schedule: { atS: number; rateRps: number; shape: 'step' | 'ramp' }[], rateRps: number) =>
      workEstimate(
        make({
          nodes: [
            { id: 'c', kind: 'client', params: { rateRps, schedule } },
            { id: 's', kind: 'service', params: { workers: 100 } },
          ],
          edges: [{ id: 'e', source: 'c', target: 's' }],
          scenario: { durationS: 100 },
        }),
      ).requests;
    expect(at([{ atS: 100, rateRps: 1000, shape: 'ramp' }], 0)).toBeCloseTo(50_000, 0);
    expect(at([], 1000)).toBeCloseTo(100_000, 0);
    expect(at([{ atS: 25, rateRps: 0, shape: 'step' }], 1000)).toBeCloseTo(25_000, 0);
  });

  it('counts the timers that edges and queues add', () => {
    const base = {
      nodes: [
        { id: 'c', kind: 'client' as const, params: { rateRps: 100 } },
        { id: 's', kind: 'service' as const },
      ],
      scenario: { durationS: 10 },
    };
    const plain = workEstimate(make({ ...base, edges: [{ id: 'e', source: 'c', target: 's' }] })).events;
    const timed = workEstimate(
      make({ ...base, edges: [{ id: 'e', source: 'c', target: 's', params: { timeoutMs: 500, latencyMs: 2 } }] }),
    ).events;
    expect(timed - plain).toBeCloseTo(100 * 10 * 3, 0); // a timeout timer, a delivery and a response per attempt
  });

  it('flags a closed loop with no think time as possibly never finishing', () => {
    const doc = make({
      nodes: [
        { id: 'users', kind: 'client', params: { arrival: 'closed', users: 10, thinkTimeMs: 0 } },
        { id: 's', kind: 'service', params: { workers: 4, queueCapacity: 0 } },
      ],
      edges: [{ id: 'e', source: 'users', target: 's' }],
    });
    expect(workEstimate(doc).unbounded).toMatch(/client "users" is a closed loop with thinkTimeMs 0/);
    const think = (thinkTimeMs: number) =>
      make({
        nodes: [
          { id: 'users', kind: 'client', params: { arrival: 'closed', users: 10, thinkTimeMs } },
          { id: 's', kind: 'service' },
        ],
        edges: [{ id: 'e', source: 'users', target: 's' }],
      });
    expect(workEstimate(think(1e-300)).unbounded).toMatch(/thinkTimeMs 1e-300: .* at least 0\.001 ms$/); // rounds away once the clock has moved
    expect(workEstimate(think(0.001)).unbounded).toBeUndefined();
    expect(workEstimate(think(1)).unbounded).toBeUndefined();
  });

  it('takes milliseconds even on a large design', () => {
    const nodes: ArchDocumentInput['nodes'] = [
      {
        id: 'c',
        kind: 'client',
        params: { schedule: Array.from({ length: 100 }, (_, i) => ({ atS: i, rateRps: i, shape: 'ramp' as const })) },
      },
    ];
    const edges: NonNullable<ArchDocumentInput['edges']> = [];
    for (let i = 0; i < 1500; i++) {
      nodes.push({ id: `s${i}`, kind: 'service' });
      edges.push({ id: `e${i}`, source: i === 0 ? 'c' : `s${i - 1}`, target: `s${i}` });
    }
    const doc = make({ nodes, edges, scenario: { durationS: 120 } });
    const t0 = performance.now();
    workEstimate(doc);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
