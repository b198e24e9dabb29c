/**
 * Every template in scenarios/templates/ runs through the engine and tells its intended story:
 * its requirements all pass as shipped, or, for a puzzle (description starts with "Puzzle:"),
 * at least one fails. Also checks what the gallery relies on: a title, a one-line summary, a
 * description that says what to try, a run of 60–300 s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../src/model/index.ts';
import { simulate } from '../../src/engine/index.ts';
import { templateList, TEMPLATE_SOURCES } from '../../src/share/templates.ts';

const DIR = join(import.meta.dirname, '../../scenarios/templates');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('templates', () => {
  it('the gallery lists every file in scenarios/templates/, each parsed', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(TEMPLATE_SOURCES.map(([id]) => `${id}.json`).sort()).toEqual(files);
    expect(
      templateList()
        .map((t) => t.id)
        .sort(),
    ).toEqual(files.map((f) => f.replace(/\.json$/, '')));
  });

  for (const file of files) {
    it(`${file}: runs, and its requirements tell the intended story`, () => {
      const parsed = parseDocumentText(readFileSync(join(DIR, file), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.where}: ${e.message}`).join('\n'));
      const { doc } = parsed;
      expect(parsed.warnings).toEqual([]);
      expect(doc.title.length).toBeGreaterThan(5);
      expect(doc.description).toMatch(/\b(Try|Fix it)\b/);
      expect(doc.scenario.durationS).toBeGreaterThanOrEqual(60);
      expect(doc.scenario.durationS).toBeLessThanOrEqual(300);
      expect(doc.scenario.requirements.length).toBeGreaterThanOrEqual(2);
      // A realistic failure scenario: an injected failure, a traffic spike in a client's
      // schedule, or (a puzzle) a design that fails under its normal load.
      const spikes = doc.nodes.some((n) => n.kind === 'client' && n.params.schedule.length > 0);
      expect(doc.scenario.failures.length > 0 || spikes || doc.description.startsWith('Puzzle:')).toBe(true);

      const result = simulate(doc);
      const verdicts = result.requirements.map((r) => `${r.pass ? 'PASS' : 'FAIL'} ${r.text} (measured ${r.measured})`);
      const failed = result.requirements.filter((r) => !r.pass);
      if (doc.description.startsWith('Puzzle:')) {
        expect(failed.length, verdicts.join('\n')).toBeGreaterThan(0);
      } else {
        expect(failed, verdicts.join('\n')).toEqual([]);
      }
      // Every requirement is measured on something that exists (NaN would be a silent miss).
      for (const r of result.requirements) expect(Number.isFinite(r.measured), r.text).toBe(true);
    });
  }

  it('card summaries are one sentence, and a puzzle skips its "Puzzle:" opener', () => {
    for (const t of templateList()) {
      expect(t.summary.length, t.id).toBeGreaterThan(20);
      expect(t.summary.length, t.id).toBeLessThan(200);
      expect(t.summary.startsWith('Puzzle'), t.id).toBe(false);
      expect(t.puzzle).toBe(t.doc.description.startsWith('Puzzle:'));
    }
    expect(templateList().filter((t) => t.puzzle).length).toBeGreaterThan(0);
    expect(templateList().filter((t) => !t.puzzle).length).toBeGreaterThan(0);
  });
});
