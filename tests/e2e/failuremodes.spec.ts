/**
 * Failure modes set in the app (issue 11), through the inspector and the scenario tab only: a
 * cache that starts warm, a flush of it in the failure timeline (which offers only caches), a
 * client burst, a deadline with cancellation on the call, a fixed concurrency limit on the
 * service. The exported design holds each value, and the run shows them: the flush as a failure
 * window and a wave of misses at the database, the warm start as almost no misses before it, the
 * burst as a spike in arrivals that the concurrency limit rejects.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { ARTIFACTS, assert } from './harness.ts';

const inspector = '[data-testid="inspector"]';
const field = (path: string) => `${inspector} [data-testid="field-${path}"]`;

/** The starting canvas: traffic and capacities only; every failure-mode setting is made in the UI. */
const START = {
  type: 'archsim/document',
  version: 1,
  title: 'Failure modes',
  nodes: [
    { id: 'client', kind: 'client', position: { x: 0, y: 0 }, params: { rateRps: 200 } },
    { id: 'api', kind: 'service', position: { x: 280, y: 0 }, params: { workers: 16, serviceTime: { type: 'exponential', meanMs: 10 } } },
    { id: 'cache', kind: 'cache', position: { x: 560, y: 0 }, params: { mode: 'keyspace', keys: 2000, capacity: 2000, ttlS: 300 } },
    { id: 'db', kind: 'database', position: { x: 840, y: 0 }, params: { poolSize: 50, writeFraction: 0 } },
  ],
  edges: [
    { id: 'client-api', source: 'client', target: 'api' },
    { id: 'api-cache', source: 'api', target: 'cache' },
    { id: 'cache-db', source: 'cache', target: 'db' },
  ],
  scenario: { durationS: 20, seed: 1, bucketS: 1 },
};

async function importStart(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
  const before = await page.getAttribute('.app', 'data-opened');
  await page.setInputFiles('[data-testid="file-input"]', {
    name: 'failure-modes.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(START)),
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="design-title"]')?.textContent === 'Failure modes');
  await page.waitForFunction((n) => document.querySelector('.app')?.getAttribute('data-opened') !== n, before);
  await page.waitForSelector('.app[data-settled="true"]');
}

async function selectNode(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="node-${id}"] .arch-node-label`);
  await page.waitForSelector(`${inspector} .inspector-id code:text-is("${id}")`);
}

/** Open the inspector group that holds `path` (a click on its title, as a user does). */
async function openGroupOf(page: Page, path: string): Promise<void> {
  const group = page.locator(`${inspector} details.field-group`, { has: page.locator(`[data-testid="field-${path}"]`) }).last();
  if ((await group.getAttribute('open')) === null) await group.locator(':scope > summary').click();
}

/** Turn a switch on by clicking it (the checkbox itself is visually hidden). */
async function switchOn(page: Page, path: string): Promise<void> {
  await page.locator(`${inspector} label.switch`, { has: page.locator(`[data-testid="field-${path}"]`) }).click();
  assert(await page.isChecked(field(path)), `${path} did not turn on`);
}

/** A PNG of one part of the page in the test artifacts. */
async function shoot(part: Locator, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await part.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** The inspector scrolled to `selector`, as a PNG. */
async function shootSection(page: Page, selector: string, name: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await shoot(page.locator(inspector), name);
}

export default {
  name: 'failure modes',
  tests: {
    'warm start, flush, burst, deadline and concurrency limit set in the UI are in the export and show in the run': async ({ browser }) => {
      const { page } = browser;
      await importStart(page);

      // Cache: start warm.
      await selectNode(page, 'cache');
      await page.selectOption(field('params.start'), 'warm');
      const startOptions = await page.locator(`${field('params.start')} option`).allTextContents();
      assert(startOptions.join(',') === 'cold,warm', `start offers ${startOptions}`);
      // In keyspace mode start applies and the fixed hit ratio does not (dimmed, with why).
      assert((await page.locator(`${inspector} [data-testid="na-params.start"]`).count()) === 0, 'start is dimmed in keyspace mode');
      const na = await page.textContent(`${inspector} [data-testid="na-params.hitRatio"] .field-na-why`);
      assert(na?.startsWith('hitRatio mode only'), `hit ratio note: ${na}`);
      await shootSection(page, field('params.start'), 'failuremodes-cache-start');

      // Client: a burst of 500 requests at 12.5 s.
      await selectNode(page, 'client');
      await page.click(`${inspector} [data-testid="burst-add"]`);
      await page.fill(field('params.bursts.0.atS'), '12.5');
      await page.fill(field('params.bursts.0.count'), '500');
      await page.waitForSelector(`${inspector} [data-testid="burst-mark"]`);
      await shootSection(page, `${inspector} [data-testid="bursts"]`, 'failuremodes-client-bursts');

      // The call: a 1 s timeout that is also the deadline, and cancellation when the caller gives up.
      await page.click('[data-testid="edge-label-client-api"]');
      await page.waitForSelector(`${inspector} .inspector-kind:text-is("Call")`);
      await page.fill(field('params.timeoutMs'), '1000');
      await openGroupOf(page, 'params.deadline.mode');
      await page.selectOption(field('params.deadline.mode'), 'timeout');
      await switchOn(page, 'params.deadline.cancelOnTimeout');
      const deadlineTitle = await page
        .locator(`${inspector} details.field-group`, { has: page.locator(`[data-testid="field-params.deadline.mode"]`) })
        .locator(':scope > summary')
        .textContent();
      assert(deadlineTitle === 'Deadline · timeout', `deadline group title "${deadlineTitle}"`);
      await shootSection(page, field('params.deadline.mode'), 'failuremodes-edge-deadline');

      // The service: a fixed concurrency limit of 50.
      await selectNode(page, 'api');
      await openGroupOf(page, 'params.shedding.queueTimeoutMs');
      await openGroupOf(page, 'params.shedding.concurrencyLimit.mode');
      await page.selectOption(field('params.shedding.concurrencyLimit.mode'), 'fixed');
      await page.fill(field('params.shedding.concurrencyLimit.limit'), '50');
      const titles = await page.locator(`${inspector} details.field-group > summary`).allTextContents();
      assert(titles.includes('Load shedding · on') && titles.includes('Concurrency limit · fixed'), `group titles: ${titles.join(' | ')}`);
      await shootSection(page, field('params.shedding.concurrencyLimit.mode'), 'failuremodes-service-limit');

      // Scenario: a flush of the cache at 5 s; only the cache is offered, and a flush has no duration to set.
      await page.click('.react-flow__pane', { position: { x: 12, y: 12 } });
      await page.click(`${inspector} [role="tab"]:text-is("Scenario")`);
      await page.click(`${inspector} button:has-text("+ Add failure")`);
      await page.selectOption('[aria-label="Failure 1 kind"]', 'flush');
      const targets = await page.locator('[aria-label="Failure 1 target"] option').allTextContents();
      assert(targets.join(',') === 'cache', `flush targets offered: ${targets.join(', ')}`);
      assert((await page.inputValue('[aria-label="Failure 1 target"]')) === 'cache', 'the flush should target the cache');
      await page.fill(`${inspector} [data-testid="field-failures.0.atS"]`, '5');
      assert((await page.locator(`${inspector} [data-testid="field-failures.0.durationS"]`).count()) === 0, 'a flush shows a duration');
      assert((await page.locator('[data-testid="failure-0-problems"]').count()) === 0, 'the flush of a key-space cache has a problem');
      await shootSection(page, '[data-testid="failure-0"]', 'failuremodes-flush');

      // The exported design holds every value.
      await page.click('[data-testid="file-button"]');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="file-menu"] [data-testid="export-json"]')]);
      const doc = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
      const params = (id: string) => doc.nodes.find((n: { id: string }) => n.id === id).params;
      assert(params('cache').start === 'warm', `cache start ${params('cache').start}`);
      assert(JSON.stringify(params('client').bursts) === '[{"atS":12.5,"count":500}]', `bursts ${JSON.stringify(params('client').bursts)}`);
      const edge = doc.edges.find((e: { id: string }) => e.id === 'client-api').params;
      assert(edge.timeoutMs === 1000, `timeout ${edge.timeoutMs}`);
      assert(edge.deadline.mode === 'timeout' && edge.deadline.cancelOnTimeout === true, `deadline ${JSON.stringify(edge.deadline)}`);
      const limit = params('api').shedding.concurrencyLimit;
      assert(limit.mode === 'fixed' && limit.limit === 50, `concurrency limit ${JSON.stringify(limit)}`);
      const flush = doc.scenario.failures;
      assert(
        flush.length === 1 && flush[0].kind === 'flush' && flush[0].target === 'cache' && flush[0].atS === 5,
        `failures ${JSON.stringify(flush)}`,
      );

      // The run: the flush is a failure window; misses wait for it (warm start), then the database gets a wave;
      // the burst is a spike of arrivals at the service, most of it refused by the limit.
      await page.click('[data-testid="run-button"]');
      await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 30_000 });
      await page.waitForSelector('[data-testid="results"][data-phase="final"]');
      const windows = await page.locator('[data-testid="chart-throughput"] .failure-window title').allTextContents();
      assert(windows.join(',') === 'cache flush', `failure windows on the throughput chart: ${windows.join(', ')}`);
      await shoot(page.locator('[data-testid="results"]'), 'failuremodes-run');
      const [rdl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="results"] [data-testid="export-json"]')]);
      const { result } = JSON.parse(readFileSync((await rdl.path())!, 'utf8'));
      const db: number[] = result.series.nodes.db.arrivals;
      const api: number[] = result.series.nodes.api.arrivals;
      const before = db.slice(0, 5).reduce((a, b) => a + b, 0);
      // Cold, the first 5 s send about 400 misses to the database; warm, a handful.
      assert(before < 30, `database arrivals before the flush ${before}: the cache did not start warm (${db.join(' ')})`);
      assert(db[5]! >= 60, `database arrivals in the second after the flush ${db[5]}: no wave of misses (${db.join(' ')})`);
      assert(api[12]! >= 600 && api[11]! < 300, `service arrivals around the burst ${api.slice(10, 14).join(' ')}`);
      const api0 = result.nodes.api;
      assert(api0.concurrencyLimit?.final === 50, `concurrency limit at the end ${JSON.stringify(api0.concurrencyLimit)}`);
      const limited = api0.shed?.limited as number;
      assert(limited >= 400 && limited <= 500, `the limit of 50 refused ${limited} of the 500-request burst`);
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },
  },
} satisfies Spec;
