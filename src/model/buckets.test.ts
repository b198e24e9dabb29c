import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bucketPlan, MAX_BUCKETS, MAX_BUCKET_CELLS } from './buckets.ts';
import { graphProblems } from './graph.ts';
import { parseDocument } from './parse.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const scenarioFiles = () => [
  ...readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(ROOT, 'scenarios', f)),
  ...readdirSync(join(ROOT, 'scenarios/templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(ROOT, 'scenarios/templates', f)),
];

/** The rule before the cap (compile.ts's bucketWidthMs as it was), to prove existing designs keep their width. */
function previousRule(durationMs: number, bucketS: number): { bucketMs: number; buckets: number } {
  let w: number;
  if (bucketS > 0) w = Math.min(bucketS * 1000, durationMs);
  else
    w =
      [100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000].find(
        (s) => durationMs / s <= 300,
      ) ?? Math.ceil(durationMs / 300);
  return { bucketMs: w, buckets: Math.ceil(durationMs / w - 1e-9) };
}

describe('bucketPlan', () => {
  it('gives every scenario and template the width it had before the cap, with no note', () => {
    const files = scenarioFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const r = parseDocument(JSON.parse(readFileSync(f, 'utf8')));
      if (!r.ok) throw new Error(f);
      const { durationS, bucketS } = r.doc.scenario;
      expect(bucketPlan(durationS * 1000, bucketS, r.doc.nodes.length)).toEqual(previousRule(durationS * 1000, bucketS));
    }
  });

  it('never coarsens the automatic width, even for the largest document', () => {
    for (const durationS of [0.5, 1, 7, 60, 299, 301, 3600, 86_399, 86_400]) {
      const plan = bucketPlan(durationS * 1000, 0, 2000);
      expect(plan.note).toBeUndefined();
      expect(plan.buckets).toBeLessThanOrEqual(300);
      expect(plan).toEqual(previousRule(durationS * 1000, 0));
    }
  });

  it('coarsens a day in 1 ms buckets to round 10 s buckets and says so', () => {
    const plan = bucketPlan(86_400_000, 0.001, 2);
    expect(plan).toMatchObject({ bucketMs: 10_000, buckets: 8640 });
    expect(plan.note).toMatch(
      /bucketS 0\.001 s would make 86\.4 million time buckets over 86400 s; the run uses 10 s buckets \(8,640\) instead/,
    );
  });

  it('bounds nodes × buckets for any width, including 1e-300 s and the smallest double', () => {
    for (const bucketS of [5e-324, 1e-300, 1e-9, 0.001, 0.01, 0.1, 0.25, 1, 3600]) {
      for (const nodes of [1, 2, 60, 500, 2000]) {
        for (const durationS of [0.001, 1, 60, 3600, 86_400]) {
          const p = bucketPlan(durationS * 1000, bucketS, nodes);
          expect(Number.isFinite(p.bucketMs) && p.bucketMs > 0).toBe(true);
          expect(Number.isInteger(p.buckets) && p.buckets >= 1).toBe(true);
          expect(p.buckets).toBeLessThanOrEqual(MAX_BUCKETS);
          expect(p.buckets * nodes).toBeLessThanOrEqual(Math.max(MAX_BUCKET_CELLS, nodes));
          expect(p.buckets * p.bucketMs).toBeGreaterThanOrEqual(durationS * 1000 - 1e-6);
        }
      }
    }
  });

  it('names the per-node limit when the design is large', () => {
    const p = bucketPlan(3_600_000, 1, 1000);
    expect(p.buckets).toBeLessThanOrEqual(600);
    expect(p.note).toMatch(/600,000 node × bucket cells \(600 buckets for 1000 nodes\)/);
  });

  it('is a warning on scenario › bucketS while editing', () => {
    const r = parseDocument({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client' },
        { id: 's', kind: 'service' },
      ],
      edges: [{ id: 'e', source: 'c', target: 's' }],
      scenario: { durationS: 86_400, bucketS: 0.001 },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = graphProblems(r.doc).filter((p) => p.path.join('.') === 'scenario.bucketS');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', where: 'scenario › bucketS' });
    expect(r.warnings.map((x) => x.where)).toContain('scenario › bucketS');
  });
});
