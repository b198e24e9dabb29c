/** Tests only: the claims every problem makes, checked against real runs (shared by the claims test files). */
import { expect, it } from 'vitest';
import { problemDocument } from '../problems.ts';
import { DRILL_FINDINGS_SHOWN } from '../scorecard.ts';
import { scorecardText } from '../scorecardText.ts';
import type { Problem } from '../types.ts';
import { gradeInline } from './gradeInline.ts';

export function problemClaims(p: Problem): void {
  it(`${p.id}: the starting design fails the drills its brief says, for the stated reason`, () => {
    const card = gradeInline(p, problemDocument(p, 'start'));
    expect(card.blocked).toEqual([]);
    expect(card.pass, scorecardText(card)).toBe(false);
    for (const c of p.naiveFails) {
      const drill = card.drills.find((d) => d.id === c.drill);
      expect(drill, c.drill).toBeDefined();
      const checks = drill!.checks.filter((k) => k.text === c.requirement || k.text.startsWith(`${c.requirement} (`));
      expect(checks.length, `${c.drill}: ${c.requirement}`).toBeGreaterThan(0);
      expect(
        checks.some((k) => !k.pass),
        `${c.drill}: “${c.requirement}” should fail (${c.why})\n${scorecardText(card)}`,
      ).toBe(true);
      expect(
        drill!.findings.slice(0, DRILL_FINDINGS_SHOWN).map((f) => f.kind),
        `${c.drill}: the ${c.finding} finding should be among the ${DRILL_FINDINGS_SHOWN} the drill shows, to say why (${c.why})`,
      ).toContain(c.finding);
    }
  });
  it(`${p.id}: the reference design passes every drill within budget`, () => {
    const card = gradeInline(p, problemDocument(p, 'reference'));
    expect(card.pass, scorecardText(card)).toBe(true);
    expect(card.cost.usdPerMonth).toBeLessThanOrEqual(p.budgetUsdPerMonth);
    expect(card.drills.length).toBe(p.drills.length);
  });
}
