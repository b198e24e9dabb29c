/**
 * Replay arrivals imported in a client's inspector: a bad CSV is refused naming its line; a good
 * one sets arrival: replay and embeds the arrivals in the (autosaved) document.
 */
import type { Spec } from './run.ts';
import { assert, screenshot } from './harness.ts';

export default {
  name: 'replay import',
  tests: {
    'a CSV imported in the client inspector is embedded in the design; a bad one names its line': async ({ browser }) => {
      const { page } = browser;
      await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
      await page.click('[data-testid="library-button"]');
      await page.click('[data-testid="library-new"]');
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
      await page.click('[data-testid="palette-client"]');
      await page.waitForSelector('[data-testid="node-client"]');
      await page.click('[data-testid="node-client"] .arch-node-label');
      await page.waitForSelector('[data-testid="inspector"] .inspector-id code:text-is("client")');
      const input = page.locator('[data-testid="inspector"] input[type="file"]');
      await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('second,rps\n0,5\n1,-3\n') });
      await page.waitForSelector('[data-testid="replay-status"]:has-text("bad.csv, line 3: rate -3 is negative")');
      await input.setInputFiles({ name: 'spike.csv', mimeType: 'text/csv', buffer: Buffer.from('second,rps\n0,5\n1,0\n2,12\n') });
      await page.waitForSelector('[data-testid="replay-status"]:has-text("Imported 17 arrivals (per-second rates) from spike.csv")');
      const params = await page.waitForFunction(() => {
        const id = localStorage.getItem('archsim:current');
        const doc = JSON.parse(localStorage.getItem(`archsim:design:${id}`) ?? 'null');
        const c = doc?.nodes.find((n: { id: string }) => n.id === 'client');
        return c?.params?.arrival === 'replay' ? c.params : null;
      });
      const p = (await params.jsonValue()) as { replay: { source: string; atS: number[] } };
      assert(p.replay.source === 'spike.csv', `source ${p.replay.source}`);
      assert(p.replay.atS.length === 17, `${p.replay.atS.length} arrivals embedded, expected 17`);
      assert(p.replay.atS.filter((t) => t >= 2 && t < 3).length === 12, 'second 2 should hold 12 arrivals');
      await screenshot(page, 'replay-import');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },
  },
} satisfies Spec;
