/**
 * Practice mode as a new user meets it: a #problem= link opens the brief and the starting canvas,
 * hints come one at a time, "Check my design" runs every drill on the real workers and shows
 * which drill broke and why; the reference passes within budget; checklist notes are saved with
 * the design and travel in its share link; an unknown problem id is a clear banner.
 */
import type { Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { assert, screenshot } from './harness.ts';

async function openProblem(page: Page, base: string, id: string): Promise<void> {
  // The app must be mounted (its hashchange listener in place) before the fragment changes.
  await page.waitForSelector('.app[data-settled="true"]');
  await page.goto(new URL(`#problem=${id}`, base).href);
  await page.waitForSelector('[data-testid="practice-panel"]');
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
}

async function check(page: Page): Promise<string> {
  await page.click('[data-testid="practice-tab-check"]');
  await page.click('[data-testid="check-design"]');
  await page.waitForSelector('[data-testid="scorecard"]', { timeout: 90_000 });
  return (await page.getAttribute('[data-testid="scorecard"]', 'data-pass')) ?? '';
}

const spec: Spec = {
  name: 'practice',
  tests: {
    'a #problem= link opens the brief; hints come one at a time; the naive design fails the outage drill and says why': async ({
      browser,
      server,
    }) => {
      const { page } = browser;
      await openProblem(page, server.url, 'webhook-delivery');
      assert((await page.textContent('[data-testid="practice-title"]')) === 'Webhook delivery', 'the brief names the problem');
      const brief = (await page.textContent('[data-testid="practice-brief"]')) ?? '';
      for (const s of ['200/s peak', 'p99 < 100 ms', 'Customer outage', 'Budget', '$2,000 per month'])
        assert(brief.includes(s), `the brief shows “${s}”`);
      // The canvas is the naive design, and the design records the problem it answers.
      assert((await page.locator('.react-flow__node').count()) === 3, 'three cards on the starting canvas');
      assert((await page.locator('[data-testid="hints"] li').count()) === 0, 'no hint shown at first');
      await page.click('[data-testid="next-hint"]');
      assert((await page.locator('[data-testid="hints"] li').count()) === 1, 'one hint after one click');
      await page.click('[data-testid="next-hint"]');
      assert((await page.locator('[data-testid="hints"] li').count()) === 2, 'two hints after two clicks');
      assert((await page.locator('[data-testid="envelope"] tr').count()) >= 3, 'the envelope table lists the tiers');

      const t0 = Date.now();
      const pass = await check(page);
      assert(pass === 'false', 'the naive design fails');
      const outage = (await page.textContent('[data-testid="drill-customer-outage"]')) ?? '';
      assert(/FAIL/.test(outage) && outage.includes('≥ 99.9 % of events accepted'), `the outage drill fails on acceptance: ${outage}`);
      assert(/Events API answered [\d,]+ of [\d,]+ attempts with an error/.test(outage), 'the finding says why');
      assert(/\d+(\.\d+)? %/.test(outage), 'measured values are shown');
      const cost = (await page.textContent('[data-testid="scorecard-cost"]')) ?? '';
      assert(/Cost \$[\d,.]+\/month of \$2,000/.test(cost), `cost against the budget: ${cost}`);
      await screenshot(page, 'practice-naive-scorecard');
      assert(Date.now() - t0 < 90_000, 'the check finished');
      assert(browser.errors.length === 0, `no console errors: ${browser.errors.join('; ')}`);
    },

    'fix it in the inspector until every drill passes, then share the solution as a link': async ({ browser, server, openFresh }) => {
      const { page } = browser;
      await openProblem(page, server.url, 'cache-invalidation');
      // The opened design replays a drill when run: its scenario carries the drill's failure.
      const scenario = await page.evaluate(() => {
        const id = localStorage.getItem('archsim:current');
        return JSON.parse(localStorage.getItem(`archsim:design:${id}`) ?? 'null')?.scenario;
      });
      assert(scenario?.failures?.length === 1 && scenario.failures[0].target === 'db', 'the scenario is the slow-database drill');
      assert((await check(page)) === 'false', 'the naive cache fails');
      const normal = (await page.textContent('[data-testid="drill-normal-day"]')) ?? '';
      assert(normal.includes('at most 40 queries waiting') && /stampede/.test(normal), `the stampede is named: ${normal}`);
      // The fix: coalesce concurrent misses on the cache.
      await page.click('[data-testid="node-cache"]');
      await page.check('[data-testid="inspector"] [data-testid="field-params.coalesce"]', { force: true });
      const stale = (await page.textContent('[data-testid="scorecard"]')) ?? '';
      assert(stale.includes('The design changed since this check'), 'the old scorecard says it is stale');
      assert((await check(page)) === 'true', 'with coalescing every drill passes within budget');
      await screenshot(page, 'practice-fixed-scorecard');
      await page.click('[data-testid="share-button"]');
      const link = await page.inputValue('[data-testid="share-link"]');
      await page.keyboard.press('Escape');
      const other = await openFresh();
      await other.page.waitForSelector('.app[data-settled="true"]');
      await other.page.goto(link);
      await other.page.waitForSelector('[data-testid="practice-panel"]');
      assert((await check(other.page)) === 'true', 'the shared solution passes in a fresh profile too');
      assert(browser.errors.length === 0 && other.errors.length === 0, 'no console errors');
    },

    'the reference passes every drill within budget; notes are saved and a share link carries them': async ({
      browser,
      server,
      openFresh,
    }) => {
      const { page } = browser;
      await openProblem(page, server.url, 'idempotent-payments');
      await page.click('[data-testid="show-reference"]');
      await page.click('[data-testid="open-reference"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="design-title"]')?.textContent?.includes('reference'));
      await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
      assert((await check(page)) === 'true', 'the reference design passes');
      await page.click('[data-testid="practice-tab-checklist"]');
      await page.fill('[data-testid="field-notes.failureHandling"]', 'One idempotency key per checkout, claimed atomically.');
      await page.locator('[data-testid="field-notes.failureHandling"]').blur();
      await page.waitForFunction(() => {
        const id = localStorage.getItem('archsim:current');
        const doc = JSON.parse(localStorage.getItem(`archsim:design:${id}`) ?? 'null');
        return doc?.practice?.notes?.failureHandling?.startsWith('One idempotency key');
      });
      await screenshot(page, 'practice-checklist');
      await page.click('[data-testid="share-button"]');
      const link = await page.inputValue('[data-testid="share-link"]');
      const other = await openFresh();
      await other.page.waitForSelector('.app[data-settled="true"]');
      await other.page.goto(link);
      await other.page.waitForSelector('[data-testid="practice-panel"]');
      assert(
        (await other.page.textContent('[data-testid="practice-title"]')) === 'Idempotent payment requests',
        'the link opens the problem',
      );
      await other.page.click('[data-testid="practice-tab-checklist"]');
      const note = await other.page.inputValue('[data-testid="field-notes.failureHandling"]');
      assert(note === 'One idempotency key per checkout, claimed atomically.', `the note travelled: ${note}`);
      assert(browser.errors.length === 0 && other.errors.length === 0, 'no console errors');
    },

    'an unknown problem id is a clear banner and opens nothing': async ({ browser, server }) => {
      const { page } = browser;
      await page.waitForSelector('.app[data-settled="true"]');
      await page.goto(new URL('#problem=no-such-problem', server.url).href);
      await page.waitForSelector('[data-testid="banner-practice-link"]');
      const text = (await page.textContent('[data-testid="banner-practice-link"]')) ?? '';
      assert(text.includes('There is no practice problem “no-such-problem”') && text.includes('webhook-delivery'), text);
      assert((await page.locator('[data-testid="practice-panel"]').count()) === 0, 'no practice panel');
    },
  },
};

export default spec;
