/** "Add 10,000 workers" does not pass: the reference with oversized tiers is over budget, so the grade fails. */
import { describe, expect, it } from 'vitest';
import { problemById, problemDocument } from './problems.ts';
import { gradeInline } from './testing/gradeInline.ts';

describe('budget', () => {
  it('a reference design with 10,000 workers per service passes the drills but fails on cost', () => {
    const p = problemById('job-scheduler')!;
    const ref = problemDocument(p, 'reference');
    const big = { ...ref, nodes: ref.nodes.map((n) => (n.kind === 'service' ? { ...n, params: { ...n.params, workers: 10_000 } } : n)) };
    const card = gradeInline(p, big);
    expect(card.drills.every((d) => d.pass)).toBe(true);
    expect(card.cost.pass).toBe(false);
    expect(card.cost.usdPerMonth).toBeGreaterThan(10 * p.budgetUsdPerMonth);
    expect(card.pass).toBe(false);
  });
});
