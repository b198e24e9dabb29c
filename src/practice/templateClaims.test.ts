/**
 * The templates' "fails as shipped" claims, checked like the problems' naive designs: a puzzle's
 * description says how many requirements fail ("all three", "two"), and that many do; where the
 * description names the cause, the finding for it appears.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import { TEMPLATE_SOURCES } from '../share/templates.ts';

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
/** The finding that shows each puzzle's stated cause. */
const CAUSE: Record<string, string> = {
  'job-scheduler': 'duplicateSideEffects',
  'cache-stampede': 'cacheStampede',
};

describe('templates that fail as shipped', () => {
  const puzzles = TEMPLATE_SOURCES.map(([id]) => id).filter((id) =>
    readFileSync(join(import.meta.dirname, `../../scenarios/templates/${id}.json`), 'utf8').includes('fail as shipped'),
  );
  it('there are some, and each names its cause here', () => {
    expect(puzzles.length).toBeGreaterThan(0);
    expect(puzzles.sort()).toEqual(Object.keys(CAUSE).sort());
  });
  for (const id of puzzles) {
    it(`${id}: the requirements its description says fail do fail, with the finding for the cause`, () => {
      const parsed = parseDocumentText(readFileSync(join(import.meta.dirname, `../../scenarios/templates/${id}.json`), 'utf8'));
      if (!parsed.ok) throw new Error('template does not parse');
      const m = /(all (\w+)|(\w+)) requirements? fails? as shipped/i.exec(parsed.doc.description);
      expect(m, parsed.doc.description.slice(0, 80)).not.toBeNull();
      const n = WORDS[(m![2] ?? m![3])!.toLowerCase()]!;
      const result = simulate(parsed.doc, { traces: false });
      const failed = result.requirements.filter((r) => !r.pass);
      expect(failed.length, result.requirements.map((r) => `${r.pass} ${r.text}`).join('\n')).toBe(n);
      if (m![2]) expect(failed.length).toBe(result.requirements.length);
      expect(result.findings.map((f) => f.kind)).toContain(CAUSE[id]);
    });
  }
  it('the stampede finding goes once the cache coalesces its misses (the fix the description gives)', () => {
    const parsed = parseDocumentText(readFileSync(join(import.meta.dirname, '../../scenarios/templates/cache-stampede.json'), 'utf8'));
    if (!parsed.ok) throw new Error('template does not parse');
    const fixed = structuredClone(parsed.doc);
    for (const n of fixed.nodes) if (n.kind === 'cache') n.params.coalesce = true;
    const result = simulate(fixed, { traces: false });
    expect(result.findings.map((f) => f.kind)).not.toContain('cacheStampede');
    expect(result.requirements.every((r) => r.pass)).toBe(true);
  });
});
