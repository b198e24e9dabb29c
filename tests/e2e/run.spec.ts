/**
 * Running the design in the app: the real Web Worker runs the webhook template to the end,
 * charts and the canvas overlay fill in, the findings and requirements shown match an engine
 * run of the same document and seed in Node, a long run asks first and cancels, a finding selects its node,
 * two runs compare, results export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { ROOT, assert, screenshot } from './harness.ts';
import { parseDocument } from '../../src/model/index.ts';
import { simulate } from '../../src/engine/index.ts';

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
}

async function runToEnd(page: Page, timeout = 60_000): Promise<void> {
  await page.click('[data-testid="run-button"]');
  await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout });
  await page.waitForSelector('[data-testid="results"][data-phase="final"]');
}

/** The engine's own result for the webhook template (same document, same seed). */
function webhookReference() {
  const parsed = parseDocument(JSON.parse(readFileSync(join(ROOT, 'scenarios/webhook-delivery.json'), 'utf8')));
  assert(parsed.ok, 'template does not parse');
  return simulate(parsed.doc);
}

function noForeignRequests(requests: string[]): void {
  const foreign = requests.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|blob:|data:)/.test(u));
  assert(foreign.length === 0, `requests outside 127.0.0.1: ${foreign.join(', ')}`);
}

async function pathCount(page: Page, chart: string): Promise<number> {
  return page
    .locator(`[data-testid="${chart}"] path[data-series]`)
    .evaluateAll((ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 20).length);
}

export default {
  name: 'run',
  tests: {
    'runs the webhook template in the worker; charts, overlay, findings and requirements match the engine': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.click('[data-testid="run-button"]');
      // While running: progress, live charts, a responsive page.
      await page.waitForSelector('[data-testid="run-progress"]');
      // The longest gap between animation frames over 0.8 s (a string: no transpiler helpers in the page).
      const frameGaps = (await page.evaluate(`new Promise((resolve) => {
        let last = performance.now(), worst = 0;
        const t0 = last;
        function tick(now) {
          worst = Math.max(worst, now - last); last = now;
          if (now - t0 < 800) requestAnimationFrame(tick); else resolve(worst);
        }
        requestAnimationFrame(tick);
      })`)) as number;
      // Charts fill in while it runs; the 180 s template now takes well under a second, so the run may
      // already be over when the first live snapshot would land (live updates of longer runs are
      // checked by the run-path spec).
      await page.waitForSelector(
        '[data-testid="results"][data-phase="live"] [data-testid="chart-latency"] path[data-series], [data-testid="results"][data-phase="final"] [data-testid="chart-latency"] path[data-series]',
      );
      await screenshot(page, 'run-live');
      assert(frameGaps < 250, `main thread blocked for ${frameGaps.toFixed(0)} ms during the run`);
      await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="results"][data-phase="final"]');

      for (const chart of ['chart-latency', 'chart-throughput', 'chart-queue', 'chart-retries']) {
        assert((await pathCount(page, chart)) > 0, `${chart} drew no series`);
        assert((await page.locator(`[data-testid="${chart}"] .failure-window rect`).count()) === 1, `${chart} does not shade the outage`);
      }
      const ref = webhookReference();
      const shownFindings = Number(await page.textContent('[data-testid="findings-count"]'));
      assert(ref.findings.length > 0, 'the template should produce findings');
      assert(shownFindings === ref.findings.length, `findings shown ${shownFindings}, engine ${ref.findings.length}`);
      assert((await page.locator('[data-testid="finding"]').count()) === ref.findings.length, 'finding rows do not match the count');
      const reqs = page.locator('[data-testid="requirements"]');
      assert(Number(await reqs.getAttribute('data-count')) === ref.requirements.length, 'requirement count differs');
      assert(
        Number(await reqs.getAttribute('data-failing')) === ref.requirements.filter((r) => !r.pass).length,
        'failing requirement count differs',
      );
      const severities = await page.locator('[data-testid="finding"] .sev').allTextContents();
      const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
      assert(
        severities.every((s, i) => i === 0 || rank[severities[i - 1]!]! <= rank[s]!),
        `findings not sorted by severity: ${severities.join(',')}`,
      );

      // Canvas overlay: every node has a run strip; the endpoint shows errors when replayed in the outage.
      assert((await page.locator('[data-testid="run-overlay"]').count()) === 5, 'expected a run overlay on all 5 nodes');
      await page.locator('[data-testid="scrubber-range"]').fill('75');
      await page.waitForSelector('[data-testid="node-endpoint"] [data-testid="error-badge"]');
      assert(
        (await page.getAttribute('[data-testid="node-endpoint"] [data-testid="run-overlay"]', 'data-tone')) === 'over',
        'endpoint should be red during the outage',
      );
      assert(
        (await page.locator('[data-testid="node-queue"] [data-testid="queue-badge"]').count()) === 1,
        'the queue backlog badge is missing at 75 s',
      );
      await page.locator('[data-testid="scrubber-range"]').fill('30');
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="node-endpoint"] [data-testid="run-overlay"][data-tone="over"]'),
      );

      // Shared cursor: hovering one chart draws the cursor on all of them and a tooltip.
      const box = await page.locator('[data-testid="chart-queue"] .chart-hit').boundingBox();
      assert(box, 'no queue chart');
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.waitForSelector('[data-testid="chart-queue"] .chart-tip');
      assert((await page.locator('.cursor-line').count()) === 4, 'cursor not shared by the 4 charts');
      await screenshot(page, 'run-done');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
      noForeignRequests(browser.requests);
    },

    'clicking a finding selects its node and highlights its time span': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await runToEnd(page);
      const finding = page.locator('[data-testid="finding"]').filter({ hasText: 'Customer endpoint' }).first();
      const nodes = (await finding.getAttribute('data-nodes'))!.split(' ');
      assert(nodes.includes('endpoint'), `finding nodes: ${nodes}`);
      await finding.click();
      await page.waitForSelector('[data-testid="node-endpoint"].is-selected');
      await page.waitForSelector('[data-testid="inspector"] .inspector-id code:text-is("endpoint")');
      assert((await page.locator('[data-testid="chart-highlight"]').count()) === 4, 'time span not highlighted on every chart');
      const hl = await page.locator('[data-testid="chart-latency"] [data-testid="chart-highlight"]').boundingBox();
      const fw = await page.locator('[data-testid="chart-latency"] .failure-window rect').boundingBox();
      assert(hl && fw && Math.abs(hl.x - fw.x) < 3, 'the highlight should start with the 60 s outage');
      await screenshot(page, 'run-finding');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },

    'a long run shows progress and cancels': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.click('.react-flow__pane', { position: { x: 40, y: 40 } });
      await page.click('[data-testid="inspector"] [role="tab"]:text-is("Scenario")');
      await page.fill('[data-testid="inspector"] [data-testid="field-durationS"]', '86400');
      await page.keyboard.press('Enter');
      // A day of webhook traffic is hours of work: the app says so and asks first.
      const expected = Number(await page.getAttribute('[data-testid="run-button"]', 'data-expected-s'));
      assert(expected > 600, `expected wall time ${expected} s`);
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid="run-confirm"]');
      const question = await page.textContent('[data-testid="run-confirm-text"]');
      assert(/^This run is expected to take about \d+(\.\d)? (min|h)/.test(question ?? ''), `confirm text: ${question}`);
      await screenshot(page, 'run-confirm');
      await page.click('[data-testid="run-confirm-no"]');
      await page.waitForSelector('[data-testid="run-confirm"]', { state: 'detached' });
      assert((await page.getAttribute('[data-testid="run-controls"]', 'data-status')) === 'idle', 'declining must not start the run');
      await page.keyboard.press('Control+Enter');
      await page.click('[data-testid="run-confirm-yes"]');
      await page.waitForSelector('[data-testid="run-progress"]');
      await page.waitForFunction(
        () =>
          Number(document.querySelector('[data-testid="run-progress"]')?.getAttribute('aria-valuenow')) >= 0 &&
          /events\/s/.test(document.querySelector('.run-progress-text')?.textContent ?? ''),
      );
      await page.waitForTimeout(700);
      // The page answers while the worker runs: typing into a field shows up at once.
      await page.fill('[data-testid="inspector"] [data-testid="field-seed"]', '7');
      await page.click('[data-testid="run-cancel"]');
      await page.waitForSelector('[data-testid="run-controls"][data-status="cancelled"]', { timeout: 5000 });
      await page.waitForSelector('[data-testid="results"][data-phase="partial"]');
      const meta = await page.textContent('.results-meta');
      assert(/Cancelled at/.test(meta ?? ''), `meta: ${meta}`);
      assert((await page.locator('[data-testid="dock-tab-compare"] .pill').textContent()) === '0 runs', 'a cancelled run must not be kept');
      await screenshot(page, 'run-cancelled');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },

    'compares two runs after a change, marks results stale, and exports JSON and CSV': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await runToEnd(page);
      // Fewer delivery workers: the backlog takes longer to drain.
      await page.click('[data-testid="node-workers"] .arch-node-label');
      await page.fill('[data-testid="inspector"] [data-testid="field-params.workers"]', '60');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="stale"]');
      await runToEnd(page);
      assert((await page.locator('[data-testid="stale"]').count()) === 0, 'fresh results shown as stale');
      await page.click('[data-testid="dock-tab-compare"]');
      await page.waitForSelector('[data-testid="compare-table"]');
      const a = await page.inputValue('[data-testid="compare-a"]');
      const b = await page.inputValue('[data-testid="compare-b"]');
      assert(a && b && a !== b, `compare picks ${a} / ${b}`);
      const changes = await page.textContent('.compare-changes');
      assert(/workers 200 → 60/.test(changes ?? ''), `changes: ${changes}`);
      const rows = await page.locator('[data-testid="compare-table"] tbody tr').count();
      assert(rows >= 5, `only ${rows} compare rows`);
      for (const side of ['a', 'b']) assert((await pathCount(page, `${side}-chart-queue`)) > 0, `${side} queue chart empty`);
      await screenshot(page, 'run-compare');

      await page.click('[data-testid="dock-tab-results"]');
      const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
      const json = JSON.parse(readFileSync((await jsonDl.path())!, 'utf8'));
      assert(
        json.type === 'archsim/result' && json.result.series.nodes.workers.arrivals.length === json.result.series.filled,
        'JSON export malformed',
      );
      const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
      const csv = readFileSync((await csvDl.path())!, 'utf8')
        .trim()
        .split('\n');
      assert(csv[0]!.startsWith('time_s,node,label,arrivals'), `CSV header: ${csv[0]}`);
      assert(csv.length === 1 + 5 * json.result.series.filled, `CSV rows ${csv.length}`);
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
      noForeignRequests(browser.requests);
    },
  },
} satisfies Spec;
