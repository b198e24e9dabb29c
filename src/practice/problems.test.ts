/**
 * The problem set's shape: at least ten problems with the deep-link ids the issue names, each with a
 * brief with numbers, a parseable starting canvas and reference design that keep the brief's nodes,
 * drills whose targets exist, hints, tradeoffs and a budget; and the grading plan's refusals.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../model/index.ts';
import { PROBLEMS, problemById, problemDocument, unknownProblemMessage } from './problems.ts';
import { drillDocument, targetNodes } from './drillDocument.ts';
import { gradePlan } from './scorecard.ts';
import { documentCost } from './cost.ts';

describe('the problem set', () => {
  it('has the problems the issue lists, each reachable by id', () => {
    expect(PROBLEMS.length).toBeGreaterThanOrEqual(10);
    for (const id of [
      'rate-limiter',
      'webhook-delivery',
      'async-jobs',
      'idempotent-payments',
      'metrics-ingestion',
      'cache-invalidation',
      'job-scheduler',
      'high-volume-api',
      'file-metadata',
      'feature-flags',
      'safe-retries',
    ])
      expect(problemById(id)?.id).toBe(id);
    expect(new Set(PROBLEMS.map((p) => p.id)).size).toBe(PROBLEMS.length);
    expect(problemById('nope')).toBeUndefined();
    expect(unknownProblemMessage('nope')).toMatch(/no practice problem “nope”.*webhook-delivery/);
  });

  for (const p of PROBLEMS) {
    it(`${p.id}: brief, hints, drills and designs are complete and consistent`, () => {
      expect(p.id).toMatch(/^[a-z0-9-]+$/);
      expect(p.brief.functional.length).toBeGreaterThan(0);
      expect(p.brief.nonFunctional.length).toBeGreaterThan(0);
      expect(p.brief.numbers.length).toBeGreaterThanOrEqual(3);
      expect(p.brief.numbers.map((n) => n.label).join(' ')).toMatch(/SLO|goal/i);
      expect(p.hints.length).toBeGreaterThanOrEqual(3);
      expect(p.tradeoffs.length).toBeGreaterThan(100);
      expect(p.v1Defers.length).toBeGreaterThan(0);
      expect(p.envelope.length).toBeGreaterThan(0);
      expect(p.budgetUsdPerMonth).toBeGreaterThan(0);
      expect(p.drills.length).toBeGreaterThanOrEqual(2);
      expect(p.naiveFails.length).toBeGreaterThan(0);
      expect(p.drills.some((d) => d.failures.length > 0 || d.sources)).toBe(true);
      for (const which of ['start', 'reference'] as const) {
        const parsed = parseDocument(p[which]);
        if (!parsed.ok) throw new Error(`${which}: ${parsed.errors.map((e) => `${e.where}: ${e.message}`).join('; ')}`);
        const doc = parsed.doc;
        expect(doc.practice?.problem, which).toBe(p.id);
        for (const g of p.given) expect(doc.nodes.find((n) => n.id === g.id)?.kind, `${which} keeps ${g.id}`).toBe(g.kind);
        for (const d of p.drills) {
          const dd = drillDocument(p, doc, d);
          if (!dd.ok) throw new Error(dd.message);
          // Given-node failures always land; requirement targets on given nodes always exist.
          for (const f of d.failures) if (!f.target.includes(':')) expect(targetNodes(doc, f.target)).toEqual([f.target]);
          for (const r of d.requirements) if (!r.target.includes(':')) expect(targetNodes(doc, r.target)).toEqual([r.target]);
          expect(dd.doc.scenario.durationS * (d.replications + 0)).toBeLessThanOrEqual(400);
        }
      }
      for (const c of p.naiveFails) {
        const d = p.drills.find((x) => x.id === c.drill);
        expect(d, c.drill).toBeDefined();
        expect(d!.requirements.map((r) => r.text)).toContain(c.requirement);
      }
    });
  }
});

describe('drill documents', () => {
  const p = problemById('webhook-delivery')!;
  const ref = problemDocument(p, 'reference');

  it('reset the given nodes to the brief, expand kind targets and replace the scenario', () => {
    const cheat = { ...ref, nodes: ref.nodes.map((n) => (n.id === 'endpoint' ? { ...n, params: { ...n.params, errorRate: 0 } } : n)) };
    const dd = drillDocument(p, cheat as typeof ref, p.drills[1]!);
    if (!dd.ok) throw new Error(dd.message);
    const endpoint = dd.doc.nodes.find((n) => n.id === 'endpoint')!;
    expect(endpoint.kind === 'external' && endpoint.params.errorRate).toBe(0.01);
    expect(dd.doc.scenario.failures).toMatchObject([{ target: 'endpoint', kind: 'down', atS: 10, durationS: 20 }]);
    expect(dd.checks.map((c) => c.text)).toContain('no event dead-lettered (queue)');
    expect(dd.doc.scenario.requirements.find((r) => r.metric === 'dlq')?.target).toBe('queue');
    // throughputRps is graded from the result, not by the engine.
    expect(dd.doc.scenario.requirements.some((r) => (r.metric as string) === 'throughputRps')).toBe(false);
  });

  it('refuse a design without the brief’s nodes, saying which and why', () => {
    const plan = gradePlan(p, { ...ref, nodes: ref.nodes.filter((n) => n.id !== 'endpoint'), edges: [] });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.messages.join(' ')).toMatch(/"endpoint" \(the customer’s endpoint: not yours to change\) is missing/);
  });

  it('one:<kind> names the first node of that kind only', () => {
    const hv = problemDocument(problemById('high-volume-api')!, 'reference');
    expect(targetNodes(hv, 'one:service')).toEqual(['api-1']);
    expect(targetNodes(hv, 'kind:service')).toHaveLength(4);
    expect(targetNodes(hv, 'kind:queue')).toEqual([]);
  });
});

describe('cost', () => {
  it('prices workers, requests and storage from the kinds’ cost models', () => {
    const p = problemById('webhook-delivery')!;
    const ref = problemDocument(p, 'reference');
    const c = documentCost(ref, (id) => (id === 'queue' ? 200 : 0), p.storage);
    const workers = c.nodes.find((n) => n.id === 'workers')!;
    expect(workers.usdPerMonth).toBeCloseTo(120 * 0.01 * 730, 6);
    const queue = c.nodes.find((n) => n.id === 'queue')!;
    expect(queue.usdPerMonth).toBeCloseTo(((200 * 3 * 730 * 3600) / 1e6) * 0.4, 6);
    expect(c.nodes.some((n) => n.kind === 'client')).toBe(false);
  });
});

describe('back of the envelope', () => {
  it('shows what each tier carries on a normal day against what it provides, and the workers for ≤ 70 % busy', async () => {
    const { envelopeBuild } = await import('./envelope.ts');
    const p = problemById('rate-limiter')!;
    const naive = envelopeBuild(p, problemDocument(p, 'start'));
    if (!naive.ok) throw new Error(naive.message);
    const db = naive.tiers.find((t) => t.id === 'db')!;
    // 150 + 100 + 30 requests/s, one query each, 12 connections at 20 ms = 600/s.
    expect(db.needRps).toBeCloseTo(280, 0);
    expect(db.capacityRps).toBeCloseTo(600, 0);
    expect(db.workersNeeded).toBe(Math.ceil(280 / (50 * 0.7)));
    expect(db.ok).toBe(true);
    const broken = envelopeBuild(p, { ...problemDocument(p, 'start'), nodes: [] });
    expect(broken.ok).toBe(false);
  });
});
