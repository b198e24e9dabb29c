/**
 * Live mode (issue 12), in the browser with the real worker:
 *   1. a run at ×10 with a failure toggled mid-run is recorded in the timeline, and the recorded
 *      document — run headless by `archsim run --json`, and opened from a share link — gives
 *      the identical result;
 *   2. pause holds simulated time still, steps move it by one event / one second, and the speed
 *      setting sets the ratio of simulated to wall time (within 10 %);
 *   3. frame gaps stay within budget on a 20-node design while the dots animate, and with the
 *      animation off there is no layer at all.
 * Timing figures are printed. The machine is 2 cores shared with other jobs: the frame-gap
 * test gets three attempts and compares against the same view without a run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { ROOT, assert, screenshot } from './harness.ts';
import { parseDocument, type ArchDocument, type ArchDocumentInput, type Failure } from '../../src/model/index.ts';
import { shareLinkDecode, shareLinkEncode } from '../../src/share/shareLink.ts';
import { isDeepStrictEqual } from 'node:util';
import { simulate } from '../../src/engine/index.ts';
import { workerBundle } from './runpath.spec.ts';

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
}

async function openTemplate(page: Page, id: string): Promise<void> {
  await page.click('[data-testid="templates-button"]');
  await page.waitForSelector('[data-testid="gallery"]');
  await page.click(`[data-testid="template-${id}"]`);
  await page.waitForSelector('[data-testid="gallery"]', { state: 'detached' });
  await ready(page);
}

interface Clock {
  simS: number;
  wallS: number;
  events: number;
  /** performance.now() in the page when read, s. */
  pageS: number;
}

// Page scripts are strings: tsx would wrap named functions in a helper the page does not have.
async function clock(page: Page): Promise<Clock> {
  return page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="live-clock"]');
    if (!el) throw new Error('no live clock');
    return { simS: Number(el.getAttribute('data-sim-s')), wallS: Number(el.getAttribute('data-wall-s')), events: Number(el.getAttribute('data-events')), pageS: performance.now() / 1000 };
  })()`);
}

const waitSim = (page: Page, s: number, timeout = 60_000) =>
  page.waitForFunction((t) => Number(document.querySelector('[data-testid="live-clock"]')?.getAttribute('data-sim-s')) >= t, s, {
    timeout,
  });

const waitEnd = (page: Page) =>
  page
    .waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 120_000 })
    .then(() => page.waitForSelector('[data-testid="results"][data-phase="final"]'));

async function exportResult(page: Page): Promise<{ document: ArchDocument; result: Record<string, unknown> }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  return JSON.parse(readFileSync((await dl.path())!, 'utf8'));
}

/** A result as JSON text, without what differs between two runs of one document (wall time) or between the exports (CLI's theory table, its words for "not measured"). */
function comparable(r: Record<string, unknown>): string {
  // `cost` is the CLI's addition to --json (priced from the document by the kinds' cost models), not part of the engine's result.
  const { wallMs: _w, theory: _t, series: _s, cost: _c, ...rest } = r;
  return JSON.stringify(rest, (k, v) => (k === 'notMeasured' || k === 'wallMs' ? undefined : v));
}

/** The production worker bundle's batch job (simulate(), traces on as in a live run) on `doc`, in this page: the result as JSON text, series as arrays. */
async function headlessRun(page: Page, doc: ArchDocument): Promise<string> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const w = new Worker(${JSON.stringify(workerBundle())}, { type: 'module' });
    w.onerror = (e) => reject(new Error('worker: ' + e.message));
    w.onmessage = (e) => {
      if (e.data.type === 'jobError') reject(new Error(e.data.message));
      if (e.data.type !== 'jobDone') return;
      w.terminate();
      const r = e.data.result;
      resolve(JSON.stringify(r, (k, v) => (v instanceof Float64Array ? Array.from(v.subarray(0, r.series.filled)) : v)));
    };
    w.postMessage({ type: 'job', runId: 1, job: 0, spec: { doc: ${JSON.stringify(doc)}, seed: ${doc.scenario.seed}, traces: true } });
  })`);
}

/** Two JSON values compared leaf by leaf: numbers by relative difference, anything else exactly. */
function jsonDiff(a: unknown, b: unknown): { numbers: number; exact: number; maxRel: number; worst: string; other: string[] } {
  const out = { numbers: 0, exact: 0, maxRel: 0, worst: '', other: [] as string[] };
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      out.numbers++;
      if (x === y) out.exact++;
      const rel = x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
      if (rel > out.maxRel) {
        out.maxRel = rel;
        out.worst = `${path}: ${x} vs ${y}`;
      }
    } else if (x && y && typeof x === 'object' && typeof y === 'object') {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    } else if (x !== y) out.other.push(`${path}: ${JSON.stringify(x)?.slice(0, 60)} vs ${JSON.stringify(y)?.slice(0, 60)}`);
  };
  walk(a, b, '');
  return out;
}

/** A 20-node design: a client, a load balancer, six services each reading through a cache into three databases, a queue and its consumer, an external API. */
function twentyNodeDesign(): ArchDocumentInput {
  const nodes: ArchDocumentInput['nodes'] = [];
  const edges: NonNullable<ArchDocumentInput['edges']> = [];
  const at = (x: number, y: number) => ({ x: x * 280, y: y * 150 });
  const call = (source: string, target: string) => edges.push({ id: `${source}-${target}`, source, target });
  nodes.push({ id: 'web', kind: 'client', label: 'Web', position: at(0, 3), params: { rateRps: 1200 } });
  nodes.push({ id: 'lb', kind: 'loadBalancer', label: 'LB', position: at(1, 3) });
  call('web', 'lb');
  for (let k = 0; k < 6; k++) {
    nodes.push({
      id: `api${k}`,
      kind: 'service',
      label: `API ${k}`,
      position: at(2, k),
      params: { workers: 8, serviceTime: { type: 'exponential', meanMs: 20 } },
    });
    nodes.push({ id: `cache${k}`, kind: 'cache', label: `Cache ${k}`, position: at(3, k), params: { hitRatio: 0.8 } });
    call('lb', `api${k}`);
    call(`api${k}`, `cache${k}`);
    call(`cache${k}`, `db${k % 3}`);
  }
  for (let k = 0; k < 3; k++) nodes.push({ id: `db${k}`, kind: 'database', label: `DB ${k}`, position: at(4, 2 * k) });
  nodes.push({ id: 'events', kind: 'queue', label: 'Events', position: at(3, 6) });
  nodes.push({
    id: 'consumer',
    kind: 'service',
    label: 'Consumer',
    position: at(4, 6),
    params: { workers: 4, serviceTime: { type: 'constant', ms: 2 } },
  });
  nodes.push({ id: 'partner', kind: 'external', label: 'Partner API', position: at(5, 6) });
  call('api0', 'events');
  call('events', 'consumer');
  call('consumer', 'partner');
  return { version: 1, title: 'Twenty nodes', nodes, edges, scenario: { durationS: 600, seed: 4 } };
}

const f1 = (x: number) => x.toFixed(1);

export default {
  name: 'live mode',
  tests: {
    'Crash and Flush in the steer panel: a crash (down, effect crash) that Down switches to a drain, and a flush per click on a key-space cache':
      async ({ browser }) => {
        const { page } = browser;
        await ready(page);
        await openTemplate(page, 'cache-stampede');
        await page.click('[data-testid="live-speed-10"]');
        await page.click('[data-testid="run-button"]');
        await waitSim(page, 20);
        await page.click('[data-testid="rf__node-cache"]');
        await page.click('[data-testid="steer-flush"]');
        const flushedAt = (await clock(page)).simS;
        await page.click('[data-testid="rf__node-api"]');
        await page.click('[data-testid="steer-down-crash"]');
        await page.waitForSelector('[data-testid="steer-down-crash"][aria-pressed="true"]');
        assert(
          (await page.getAttribute('[data-testid="steer-down"]', 'aria-pressed')) === 'false',
          'Down shows pressed while the node crashed',
        );
        await waitSim(page, flushedAt + 5);
        await page.click('[data-testid="steer-down"]');
        await page.waitForSelector('[data-testid="steer-down"][aria-pressed="true"]');
        assert((await page.getAttribute('[data-testid="steer-down-crash"]', 'aria-pressed')) === 'false', 'Crash still pressed after Down');
        await screenshot(page, 'live-crash-flush');
        await page.click('[data-testid="live-speed-max"]');
        await waitEnd(page);
        const { document: d } = await exportResult(page);
        const fs = d.scenario.failures.filter((f) => f.id?.startsWith('live-'));
        const kinds = fs.map((f) => `${f.kind}:${f.target}:${f.effect ?? ''}`);
        assert(
          JSON.stringify(kinds) === JSON.stringify(['flush:cache:stopAccepting', 'down:api:crash', 'down:api:stopAccepting']),
          `recorded ${JSON.stringify(kinds)}`,
        );
        const [flush, crash, drain] = fs as [Failure, Failure, Failure];
        assert(flush.durationS === 1 && Math.abs(flush.atS - flushedAt) < 2, `flush recorded at ${flush.atS} s for ${flush.durationS} s`);
        assert(
          Math.abs(crash.atS + crash.durationS - drain.atS) < 0.002,
          `the crash ends at ${crash.atS + crash.durationS} s, the drain starts at ${drain.atS} s`,
        );
      },
    'a failure toggled at ×10 is recorded at its simulated time; the recorded document replays bit for bit headless and from a share link':
      async ({ browser, openFresh }) => {
        const { page } = browser;
        await ready(page);
        await openTemplate(page, 'webhook-delivery');
        await page.click('[data-testid="live-speed-10"]');
        await page.click('[data-testid="run-button"]');
        await waitSim(page, 20);
        // Take the delivery workers down (the template's own outage is the endpoint at 60–90 s).
        await page.click('[data-testid="rf__node-workers"]');
        const started = await clock(page);
        await page.click('[data-testid="steer-down"]');
        await page.waitForSelector('[data-testid="steer-down"][aria-pressed="true"]');
        await waitSim(page, started.simS + 8);
        await page.click('[data-testid="steer-down"]');
        await page.waitForSelector('[data-testid="steer-down"][aria-pressed="false"]');
        await screenshot(page, 'live-intervention');
        // The rest of the run a little faster.
        await page.click('[data-testid="live-speed-100"]');
        await waitEnd(page);
        const live = await exportResult(page);
        const f = live.document.scenario.failures.find((x) => x.id === 'live-1');
        assert(
          f && f.target === 'workers' && f.kind === 'down',
          `the intervention is not in the timeline: ${JSON.stringify(live.document.scenario.failures)}`,
        );
        assert(f.atS >= started.simS && f.atS < started.simS + 2, `recorded at ${f.atS} s, pressed at about ${f1(started.simS)} s`);
        assert(f.durationS >= 7 && f.durationS < 12, `lasted ${f.durationS} s, stopped after about 8 s`);
        console.log(`    recorded: workers down at ${f.atS} s for ${f.durationS} s; seed ${live.document.scenario.seed}`);

        const parsed = parseDocument(live.document);
        assert(parsed.ok, 'the recorded document does not parse');

        // Headless in this browser: the shipped worker's batch job (plain simulate(): no pacing, no restarts) on the recorded document.
        const job = JSON.parse(await headlessRun(page, parsed.doc)) as Record<string, unknown>;
        assert(comparable(job) === comparable(live.result), 'the headless run of the recorded document differs from the live run');
        assert(
          JSON.stringify(job.series) === JSON.stringify(live.result.series),
          'the live run’s time series differ from the headless run’s',
        );

        // Headless in Node: `archsim run --json --traces`. Node 20's V8 and Chromium's compute Math.log / exp / cos
        // differently in the last bit for some inputs, so the two engines agree on every count and to ~1e-12 on every
        // float, not bit for bit (see docs/SEMANTICS.md, "Live mode").
        const dir = mkdtempSync(join(tmpdir(), 'archsim-live-'));
        const file = join(dir, 'recorded.json');
        writeFileSync(file, JSON.stringify(live.document));
        const cli = spawnSync(process.execPath, [join(ROOT, 'bin/archsim.mjs'), 'run', file, '--json', '--traces'], { encoding: 'utf8' });
        assert(cli.status === 0, `archsim run failed: ${cli.stderr}`);
        const node = JSON.parse(cli.stdout) as Record<string, unknown>;
        const d = jsonDiff(JSON.parse(comparable(node)), JSON.parse(comparable(live.result)));
        console.log(
          `    vs archsim run --json in Node: ${d.numbers} numbers, ${d.exact} bit-identical, largest relative difference ${d.maxRel.toExponential(1)}${d.worst ? ` (${d.worst})` : ''}`,
        );
        assert(d.other.length === 0, `the Node run differs in structure or text: ${d.other.slice(0, 5).join('; ')}`);
        assert(d.maxRel <= 1e-9, `the Node run differs by ${d.maxRel} at ${d.worst}`);
        const without = simulate({
          ...parsed.doc,
          scenario: { ...parsed.doc.scenario, failures: parsed.doc.scenario.failures.filter((x) => x.id !== 'live-1') },
        });
        assert(
          without.nodes.workers!.errors !== (live.result.nodes as Record<string, { errors: number }>).workers!.errors,
          'the intervention changed nothing',
        );

        // A share link of that document, opened in a fresh browser and run as fast as possible: the same run.
        await page.click('[data-testid="share-button"]');
        const fragment = await page.inputValue('[data-testid="share-link"]');
        const decoded = shareLinkDecode(new URL(fragment, page.url()).hash);
        assert(decoded.ok && isDeepStrictEqual(decoded.doc, parsed.doc), 'the share link does not carry the recorded document');
        const other = await openFresh();
        // From a blank page: a fragment change on an open app is not a new page load.
        await other.page.goto('about:blank');
        await other.page.goto(new URL(fragment, page.url()).href);
        await ready(other.page);
        await other.page.click('[data-testid="run-button"]');
        await waitEnd(other.page);
        const replay = await exportResult(other.page);
        assert(
          isDeepStrictEqual(replay.document.scenario, live.document.scenario),
          `the shared link opened another scenario: ${JSON.stringify(replay.document.scenario.failures)}`,
        );
        assert(comparable(replay.result) === comparable(live.result), 'the shared link’s run differs from the live run');
      },

    'pause holds simulated time; steps move one event or one second; ×1 and ×10 set the ratio of simulated to wall time within 10 %':
      async ({ browser }) => {
        const { page } = browser;
        await ready(page);
        await page.click('[data-testid="live-speed-1"]');
        await page.click('[data-testid="run-button"]');
        await page.waitForFunction(() => Number(document.querySelector('[data-testid="live-clock"]')?.getAttribute('data-wall-s')) > 0.5);
        const ratio = async (ms: number) => {
          const a = await clock(page);
          await page.waitForTimeout(ms);
          const b = await clock(page);
          return { clock: (b.simS - a.simS) / (b.wallS - a.wallS), page: (b.simS - a.simS) / (b.pageS - a.pageS) };
        };
        const x1 = await ratio(2500);
        await page.click('[data-testid="live-speed-10"]');
        await page.waitForTimeout(300);
        const x10 = await ratio(2500);
        console.log(
          `    sim / wall: ×1 → ${x1.clock.toFixed(3)} (page clock ${x1.page.toFixed(3)}); ×10 → ${x10.clock.toFixed(3)} (page clock ${x10.page.toFixed(3)})`,
        );
        assert(Math.abs(x1.clock - 1) <= 0.1, `at ×1 simulated time ran at ${x1.clock.toFixed(3)} × wall time`);
        assert(Math.abs(x10.clock - 10) <= 1, `at ×10 simulated time ran at ${x10.clock.toFixed(3)} × wall time`);
        // Progress reaches the page at most 10 times a second, so the page's own clock is looser.
        assert(Math.abs(x10.page - 10) <= 2.5, `at ×10 the page saw ${x10.page.toFixed(3)} × its own clock`);

        await page.click('[data-testid="live-pause"]');
        await page.waitForSelector('[data-testid="live-bar"][data-paused="true"]');
        await page.waitForTimeout(300);
        const p0 = await clock(page);
        await page.waitForTimeout(1500);
        const p1 = await clock(page);
        assert(p1.simS === p0.simS && p1.events === p0.events && p1.wallS === p0.wallS, `paused, time moved: ${JSON.stringify([p0, p1])}`);
        await page.click('[data-testid="live-step-event"]');
        await page.waitForFunction(
          (n) => Number(document.querySelector('[data-testid="live-clock"]')?.getAttribute('data-events')) > n,
          p1.events,
        );
        const e1 = await clock(page);
        assert(e1.events === p1.events + 1 && e1.simS >= p1.simS && e1.simS < p1.simS + 1, `one event step: ${JSON.stringify([p1, e1])}`);
        await page.click('[data-testid="live-step-second"]');
        await waitSim(page, e1.simS + 0.999);
        await page.waitForTimeout(300);
        const s1 = await clock(page);
        assert(Math.abs(s1.simS - (e1.simS + 1)) < 1e-6, `one second step: ${e1.simS} → ${s1.simS}`);
        await screenshot(page, 'live-paused');
        await page.click('[data-testid="run-cancel"]');
      },

    'at ×1 the page is idle between frames: main-thread busy time with and without the animation': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const busy = async (ms: number): Promise<number> => {
        const task = async () => {
          const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
          return metrics.find((m) => m.name === 'TaskDuration')!.value;
        };
        const t0 = Date.now(),
          a = await task();
        await page.waitForTimeout(ms);
        return ((await task()) - a) / ((Date.now() - t0) / 1000);
      };
      await page.click('[data-testid="live-speed-1"]');
      const idle = await busy(3000);
      await page.click('[data-testid="run-button"]');
      await page.waitForSelector('[data-testid="live-overlay"]');
      await page.waitForTimeout(1500);
      const cost0 = (await page.evaluate('window.__liveOverlayCostMs()')) as number;
      const animated = await busy(4000);
      const layerMs = ((await page.evaluate('window.__liveOverlayCostMs()')) as number) - cost0;
      await page.click('[data-testid="live-animate"]');
      await page.waitForTimeout(500);
      const plain = await busy(4000);
      await page.click('[data-testid="run-cancel"]');
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      console.log(
        `    main thread busy at ×1: animated ${pct(animated)} (the layer's own frames ${pct(layerMs / 4000)}), animation off ${pct(plain)}; no run ${pct(idle)}`,
      );
      // Budgets for a shared 2-core machine (the figures above are what it measured).
      assert(animated <= 0.35, `at ×1 with the animation the main thread is busy ${pct(animated)} of the time`);
      assert(plain <= 0.2, `at ×1 without the animation the main thread is busy ${pct(plain)} of the time`);
    },

    'frame gaps stay within budget while dots animate on a 20-node design; with the animation off there is no layer': async ({
      browser,
    }) => {
      const { page } = browser;
      await ready(page);
      const parsed = parseDocument(twentyNodeDesign());
      assert(parsed.ok, 'the 20-node design does not parse');
      const link = shareLinkEncode(parsed.doc);
      assert(link.ok, 'the 20-node design does not fit a share link');
      await page.goto(new URL(link.fragment, page.url()).href);
      await page.reload();
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 20);
      await ready(page);
      const gaps = async (ms: number): Promise<{ p50: number; p95: number; fps: number }> => {
        await page.evaluate(`(() => {
          const s = (window.__gaps = { gaps: [], stop: false });
          let last = performance.now();
          const tick = (now) => { s.gaps.push(now - last); last = now; if (!s.stop) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
        })()`);
        await page.waitForTimeout(ms);
        return page.evaluate(`(() => {
          const s = window.__gaps;
          s.stop = true;
          const g = s.gaps.slice(1).sort((a, b) => a - b);
          return { p50: g[Math.floor(g.length * 0.5)], p95: g[Math.floor(g.length * 0.95)], fps: (1000 * g.length) / g.reduce((a, b) => a + b, 0) };
        })()`);
      };
      const text = (r: { p50: number; p95: number; fps: number }) => `p50 ${f1(r.p50)} ms, p95 ${f1(r.p95)} ms, ${f1(r.fps)} frames/s`;
      await page.click('[data-testid="live-speed-10"]');
      let last = '';
      for (let attempt = 1; attempt <= 3; attempt++) {
        const control = await gaps(2000);
        await page.click('[data-testid="run-button"]');
        const confirm = await page.waitForSelector('[data-testid="run-confirm-yes"], [data-testid="live-overlay"]', { timeout: 30_000 });
        if ((await confirm.getAttribute('data-testid')) === 'run-confirm-yes') await confirm.click();
        await page.waitForSelector('[data-testid="live-overlay"]');
        await page.waitForTimeout(1000);
        const frames0 = (await page.evaluate('window.__liveOverlayFrames()')) as number;
        const run = await gaps(4000);
        const frames1 = (await page.evaluate('window.__liveOverlayFrames()')) as number;
        // Dots are on the layer: coloured pixels on the call from the client to the load balancer.
        const painted = (await page.evaluate(`(() => {
          const c = document.querySelector('[data-testid="live-overlay"]');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let k = 3; k < d.length; k += 4) if (d[k] > 0) n++;
          return n;
        })()`)) as number;
        if (attempt === 1) await screenshot(page, 'live-20-nodes');
        await page.click('[data-testid="run-cancel"]');
        await page.waitForSelector('[data-testid="run-controls"][data-status="cancelled"]');
        assert(painted > 500, `the live layer is blank (${painted} painted pixels)`);
        last = `animating: ${text(run)}, ${frames1 - frames0} overlay frames in 4 s; same view without a run: ${text(control)}`;
        console.log(`    20 nodes at ×10, attempt ${attempt}: ${last}`);
        // ≥ 30 frames/s, and the 95th percentile gap within 50 ms (3 frames at 60 Hz).
        if (run.fps >= 30 && run.p95 <= 51) break;
        if (attempt === 3) throw new Error(`frame gaps over budget while the dots animate: ${last}`);
      }
      // Off: no layer, no animation frames of its own.
      await page.click('[data-testid="live-animate"]');
      await page.click('[data-testid="run-button"]');
      const confirm = await page.waitForSelector('[data-testid="run-confirm-yes"], [data-testid="live-clock"]', { timeout: 30_000 });
      if ((await confirm.getAttribute('data-testid')) === 'run-confirm-yes') await confirm.click();
      await page.waitForSelector('[data-testid="live-clock"]');
      await page.waitForTimeout(500);
      assert((await page.$('[data-testid="live-overlay"]')) === null, 'the live layer is mounted with the animation off');
      await page.click('[data-testid="run-cancel"]');
    },
  },
} satisfies Spec;
