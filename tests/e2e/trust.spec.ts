/**
 * Trusting the numbers in the app: replications on parallel Web Workers show mean ± 95 % CI
 * and bands on the charts (and their speed-up over one worker); theory sits beside the
 * simulation; a sweep draws its curve with one point per value and says where the system
 * collapses; a duplicate-side-effect finding opens its request trace as a waterfall.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { ROOT, assert, screenshot } from './harness.ts';

/** Open a document as the current design (as the library stores it) and wait for the canvas. */
async function openDocument(page: Page, doc: unknown): Promise<void> {
  await page.evaluate((text) => {
    localStorage.setItem('archsim:design:e2e-trust', text);
    localStorage.setItem('archsim:current', 'e2e-trust');
  }, JSON.stringify(doc));
  await page.reload();
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
}

const scenario = (file: string) => JSON.parse(readFileSync(join(ROOT, 'scenarios', file), 'utf8')) as Record<string, any>;

/** The metastable-retries design without its trigger: 10 workers, clients retry 4× after 200 ms. */
function retriesUnderLoad() {
  const d = scenario('metastable-retries.json');
  d.title = 'Retries under load';
  d.scenario = { ...d.scenario, durationS: 30, failures: [], requirements: [] };
  return d;
}

async function replicate(page: Page, n: number, workers: string): Promise<number> {
  await page.fill('[data-testid="replications"]', String(n));
  await page.press('[data-testid="replications"]', 'Enter');
  await page.selectOption('[data-testid="batch-workers"]', workers);
  const t0 = Date.now();
  await page.click('[data-testid="replicate-button"]');
  await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 120_000 });
  const wall = Date.now() - t0;
  await page.waitForSelector('[data-testid="results"][data-phase="final"]');
  return wall;
}

export default {
  name: 'trust',
  tests: {
    'replications of M/M/1: bands on the charts, ± values, theory inside the interval, parallel speed-up': async ({ browser }) => {
      const { page } = browser;
      await openDocument(page, scenario('mm1.json'));
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      // N = 10 on one worker, then on every core: the same results, less wall time.
      const oneWorker = await replicate(page, 10, '1');
      const meta1 = await page.textContent('.results-meta');
      assert(/10 replications, seeds 1–10/.test(meta1 ?? '') && /on 1 worker/.test(meta1 ?? ''), `meta: ${meta1}`);
      const p99one = await page.textContent('[data-testid="view-numbers"]').then(async () => {
        await page.click('[data-testid="view-numbers"]');
        return page.textContent('[data-testid="metric-client-latencyMs.p99"]');
      });
      await page.click('[data-testid="view-charts"]');
      const allWorkers = await replicate(page, 10, '');
      const meta = await page.textContent('.results-meta');
      assert(new RegExp(`on ${Math.min(cores, 10)} worker`).test(meta ?? ''), `meta: ${meta}`);
      console.log(
        `    replications N=10 wall time: 1 worker ${oneWorker} ms, ${cores} workers ${allWorkers} ms (speed-up ×${(oneWorker / allWorkers).toFixed(2)})`,
      );

      // Charts: latency p50/p99 and queue depth have a band around the mean line.
      for (const [chart, n] of [
        ['chart-latency', 2],
        ['chart-queue', 1],
      ] as const) {
        const bands = await page
          .locator(`[data-testid="${chart}"] path[data-band]`)
          .evaluateAll((ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 40).length);
        assert(bands === n, `${chart}: ${bands} bands, expected ${n}`);
      }
      assert(
        /95 % band/.test((await page.textContent('[data-testid="chart-latency"] .chart-unit')) ?? ''),
        'latency chart does not say it shows a band',
      );
      const box = await page.locator('[data-testid="chart-latency"] .chart-hit').boundingBox();
      assert(box, 'no latency chart');
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
      await page.waitForSelector('[data-testid="chart-latency"] .chart-tip');
      assert(/±/.test((await page.textContent('[data-testid="chart-latency"] .chart-tip')) ?? ''), 'tooltip lacks the ± half-width');
      await screenshot(page, 'trust-replications-charts');
      await page.mouse.move(5, 5);

      // Numbers: mean ± CI; p99 of M/M/1 with λ = 80, μ = 100 is ln(100)/20 s = 230 ms.
      await page.click('[data-testid="view-numbers"]');
      const p99 = (await page.textContent('[data-testid="metric-client-latencyMs.p99"]')) ?? '';
      const m = /^([\d.]+) ± ([\d.]+) ms$/.exec(p99);
      assert(m, `p99 cell: ${p99}`);
      assert(Math.abs(Number(m[1]) - 230.3) < 3 * Number(m[2]) + 5, `p99 ${p99} far from 230 ms`);
      assert(p99 === p99one, `parallel and single-worker replications differ: ${p99} vs ${p99one}`);
      for (const id of [
        'client-successRatio',
        'client-goodputRps',
        'client-latencyMs.p50',
        'server-utilization',
        'server-queue.mean',
        'server-latencyMs.p99',
        'server-errors',
        'server-duplicates',
      ]) {
        const text = (await page.textContent(`[data-testid="metric-${id}"]`)) ?? '';
        assert(/±/.test(text), `${id} has no ± value: ${text}`);
      }
      await screenshot(page, 'trust-replications-numbers');

      // Theory: M/M/1 wait and response times beside the simulated means, none flagged.
      await page.click('[data-testid="view-theory"]');
      await page.waitForSelector('[data-testid="theory-table"]');
      const rows = await page.locator('[data-testid="theory-table"] tbody tr').count();
      assert(rows >= 3, `${rows} theory rows`);
      assert((await page.locator('[data-testid="theory-table"] tr[data-flagged="true"]').count()) === 0, 'M/M/1 should agree with theory');
      await screenshot(page, 'trust-theory');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },

    'a sweep of the client rate draws the hockey stick and finds the collapse under retries': async ({ browser }) => {
      const { page } = browser;
      await openDocument(page, retriesUnderLoad());
      await page.click('[data-testid="dock-tab-sweep"]');
      await page.waitForSelector('[data-testid="sweep-form"]');
      assert(
        (await page.inputValue('[data-testid="sweep-param"]')) === 'nodes.clients.params.rateRps',
        'the client rate should be the default parameter',
      );
      await page.fill('[data-testid="sweep-from"]', '700');
      await page.fill('[data-testid="sweep-to"]', '1400');
      await page.fill('[data-testid="sweep-steps"]', '8');
      await page.fill('[data-testid="sweep-reps"]', '3');
      await page.click('[data-testid="sweep-run"]');
      await page.waitForSelector('[data-testid="sweep-cancel"]');
      await page.waitForSelector('[data-testid="sweep-result"][data-points="8"]', { timeout: 120_000 });
      assert((await page.locator('[data-testid="sweep-point-p99"]').count()) === 8, 'expected 8 p99 points');
      assert((await page.locator('[data-testid="sweep-point-p99"] .errbar').count()) > 0, 'no error bars with 3 seeds per point');
      assert((await page.locator('[data-testid="sweep-table"] tbody tr').count()) === 8, 'expected 8 table rows');
      const verdict = (await page.textContent('[data-testid="sweep-verdict"]')) ?? '';
      assert(/collapses above 900 req\/s/.test(verdict), `verdict: ${verdict}`);
      await screenshot(page, 'trust-sweep-latency');
      await page.click('[data-testid="sweep-metric-goodput"]');
      assert((await page.locator('[data-testid="sweep-point-goodput"]').count()) === 8, 'expected 8 goodput points');
      await screenshot(page, 'trust-sweep-goodput');

      // A path the design lacks is refused with the worker's message, not run.
      await page.click('.react-flow__pane', { position: { x: 40, y: 40 } });
      await page.fill('[data-testid="sweep-from"]', '-5');
      await page.click('[data-testid="sweep-run"]');
      await page.waitForSelector('[data-testid="sweep-error"]');
      assert(
        /out of range|rateRps/.test((await page.textContent('[data-testid="sweep-error"]')) ?? ''),
        'a negative rate should be refused',
      );
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },

    'a duplicate-side-effect finding opens its request trace as a waterfall': async ({ browser }) => {
      const { page } = browser;
      await openDocument(page, scenario('idempotency-key.json'));
      await page.click('[data-testid="run-button"]');
      await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 60_000 });
      const link = page.locator('[data-testid="open-trace"]').first();
      const id = await link.getAttribute('data-trace');
      await link.click();
      await page.waitForSelector(`[data-testid="waterfall"][data-trace="${id}"]`);
      assert(
        (await page.locator(`[data-testid="trace-row"][data-trace="${id}"][aria-pressed="true"]`).count()) === 1,
        'the trace is not selected in the list',
      );
      const rows = await page.locator('[data-testid="wf-row"]').count();
      assert(rows >= 4, `${rows} spans in the waterfall`);
      assert((await page.locator('[data-testid="waterfall"] .wf-marker[data-kind="duplicate"]').count()) >= 1, 'no DUPLICATE marker');
      assert((await page.locator('[data-testid="waterfall"] .wf-marker[data-kind="timeout"]').count()) >= 1, 'no timeout marker');
      assert((await page.locator('[data-testid="waterfall"] .wf-attempt').count()) >= 1, 'the retry attempt is not labelled');
      assert(/DUPLICATE side effect/.test((await page.textContent('[data-testid="wf-log"]')) ?? ''), 'the event log lacks the duplicate');
      await page.locator('[data-testid="waterfall"] .wf-marker[data-kind="duplicate"] path').first().hover();
      await page.waitForSelector('.wf-tip');
      await screenshot(page, 'trust-waterfall');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },
  },
} satisfies Spec;
