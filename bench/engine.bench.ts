/**
 * npm run bench — engine speed on this machine.
 *   1. bare loop: a minimal heap-driven M/M/1 (no model logic), events/s
 *   1b. the fused loop (bench/fusedLoop.ts): (1) plus the statistics the engine keeps for that
 *      run, inline; its ratio to (1) bounds what any general engine can reach on target (2)
 *   2. engine M/M/1 (scenarios/mm1.json) over ≥ 10 M events, events/s and ratio to (1)
 *   3. the same with request tracing at its default rate (≈ 2,000 traced requests per run), and its cost
 *   4. the webhook-delivery design for 10 simulated minutes at ~1,000 req/s, wall time
 *   4b. a 50-node design (bench/fiftyNode.ts: gateway, load balancers, services, caches, queues,
 *      databases, external APIs; two client groups at 5,000 req/s), events/s over 120 simulated
 *      seconds (--full: the issue's 600 s), and a chain of 1,999 services run to completion
 *   5. the engine as the app ships it: the production build's worker bundle in headless Chromium
 *      (the browser tests' launcher), (2) and (4) again, events/s and the ratio to Node from this
 *      same run; below BUNDLE_RATIO_FLOOR on M/M/1 the bench says so and exits 1 (a build that
 *      changed the engine's compiled form, e.g. lowered class fields, once cost 3×)
 * Each figure is the median of REPS runs, interleaved so machine noise hits all alike.
 * Chromium is driven from a child process (bench/bundleDriver.ts): with playwright-core loaded in
 * this process the engine measured 20–25 % slower in Node (see bench/browserEngine.ts).
 * Options: --reps N (default 3), --json, --no-browser (skip 5), --full (50-node for 600 s), --build (always rebuild dist/;
 * by default dist/ is rebuilt only when missing or older than the sources).
 */
import { readFileSync } from 'node:fs';
import { bareLoopMM1 } from './bareLoop.ts';
import { fusedLoopMM1 } from './fusedLoop.ts';
import { simulate } from '../src/engine/index.ts';
import { parseDocument, parseDocumentText, type ArchDocument } from '../src/model/index.ts';
import { fiftyNodeDesign } from './fiftyNode.ts';
import { BUNDLE_RATIO_FLOOR, bundleRunnerStart, type BundleRunner } from './browserEngine.ts';

const args = process.argv.slice(2);
const reps = Number(args[args.indexOf('--reps') + 1]) > 0 && args.includes('--reps') ? Number(args[args.indexOf('--reps') + 1]) : 3;
const json = args.includes('--json');
const browserWanted = !args.includes('--no-browser');

function load(name: string): ArchDocument {
  const p = parseDocumentText(readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), 'utf8'));
  if (!p.ok) throw new Error(`${name}: invalid`);
  return p.doc;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const mm1 = load('mm1');
const webhook = load('webhook-delivery');
const fiftyDurationS = args.includes('--full') ? 600 : 120;
const fiftyParsed = parseDocument(fiftyNodeDesign(fiftyDurationS));
if (!fiftyParsed.ok) throw new Error('bench/fiftyNode.ts: invalid');
const fifty = fiftyParsed.doc;

/** client → 1,998 services → end: 2,000 nodes, the longest chain a document may hold. */
function chainDesign(): ArchDocument {
  const nodes: unknown[] = [{ id: 'c', kind: 'client', params: { rateRps: 20 } }];
  const edges: unknown[] = [];
  for (let k = 0; k < 1998; k++) {
    nodes.push({ id: `s${k}`, kind: 'service', params: { workers: 4, serviceTime: { type: 'constant', ms: 0.01 } } });
    edges.push({ id: `e${k}`, source: k === 0 ? 'c' : `s${k - 1}`, target: `s${k}` });
  }
  nodes.push({ id: 'end', kind: 'service' });
  edges.push({ id: 'last', source: 's1997', target: 'end' });
  const p = parseDocument({ version: 1, nodes, edges, scenario: { durationS: 5 } });
  if (!p.ok) throw new Error('chain design: invalid');
  return p.doc;
}
const TARGET_EVENTS = 10_000_000;
// λ = 80/s gives ≈ 160 events per simulated second.
const mm1Duration = Math.ceil(TARGET_EVENTS / 160) + 100;

// Warm the JIT once on each path.
bareLoopMM1(1_000_000, 0.08, 0.1);
fusedLoopMM1(1_000_000, 0.08, 0.1);
simulate(mm1, { durationS: 2000 });
simulate(webhook, { durationS: 30 });
simulate(fifty, { durationS: 5 });

let browser: BundleRunner | null = null;
let browserError = '';
if (browserWanted) {
  try {
    browser = await bundleRunnerStart({
      build: args.includes('--build') ? 'always' : 'auto',
      port: Number(process.env.BENCH_PORT ?? 0),
    });
    await browser.run(mm1, { seed: 99, durationS: 2000 });
    await browser.run(webhook, { seed: 99, durationS: 30 });
  } catch (e) {
    browserError = (e as Error).message.split('\n')[0]!;
  }
}

const bare: number[] = [],
  fused: number[] = [],
  engine: number[] = [],
  traced: number[] = [],
  webhookMs: number[] = [];
const bundleMm1: number[] = [],
  bundleWebhookMs: number[] = [],
  webhookRate: number[] = [],
  bundleWebhookRate: number[] = [];
const fiftyRate: number[] = [];
let engineEvents = 0,
  webhookEvents = 0,
  fiftyEvents = 0;
for (let r = 0; r < reps; r++) {
  const b = bareLoopMM1(TARGET_EVENTS, 0.08, 0.1, r + 1);
  bare.push((b.events / b.ms) * 1000);
  const fl = fusedLoopMM1(TARGET_EVENTS, 0.08, 0.1, r + 1);
  fused.push((fl.events / fl.ms) * 1000);
  const e = simulate(mm1, { durationS: mm1Duration, seed: r + 1, traces: false });
  engineEvents = e.events;
  engine.push((e.events / e.wallMs) * 1000);
  const t = simulate(mm1, { durationS: mm1Duration, seed: r + 1 });
  traced.push((t.events / t.wallMs) * 1000);
  const w = simulate(webhook, { durationS: 600, seed: r + 1, traces: false });
  webhookEvents = w.events;
  webhookMs.push(w.wallMs);
  webhookRate.push((w.events / w.wallMs) * 1000);
  if (browser) {
    // The same runs (same documents, seeds, no tracing) in the shipped bundle.
    const be = await browser.run(mm1, { durationS: mm1Duration, seed: r + 1 });
    if (be.events !== e.events) throw new Error(`the bundle ran ${be.events} M/M/1 events, Node ${e.events}: not the same engine`);
    bundleMm1.push((be.events / be.wallMs) * 1000);
    const bw = await browser.run(webhook, { durationS: 600, seed: r + 1 });
    bundleWebhookMs.push(bw.wallMs);
    bundleWebhookRate.push((bw.events / bw.wallMs) * 1000);
  }
}
await browser?.close();
// After the loop above: its large pools would otherwise be collected during the next rep's M/M/1.
for (let r = 0; r < reps; r++) {
  const f = simulate(fifty, { seed: r + 1, traces: false });
  fiftyEvents = f.events;
  fiftyRate.push((f.events / f.wallMs) * 1000);
}
let chainOk = false,
  chainMs = 0;
try {
  const c = simulate(chainDesign(), { traces: false });
  chainOk = c.sources.c!.succeeded > 0 && !c.partial;
  chainMs = c.wallMs;
} catch (e) {
  chainOk = false;
  console.error(`chain of 2,000 nodes: ${(e as Error).message}`);
}
const bundle = browser && {
  file: browser.bundle,
  built: browser.built,
  mm1EventsPerS: median(bundleMm1),
  mm1RatioToNode: median(bundleMm1) / median(engine),
  webhook600sWallMs: median(bundleWebhookMs),
  webhookEventsPerS: median(bundleWebhookRate),
  webhookRatioToNode: median(bundleWebhookRate) / median(webhookRate),
  guardRatioFastest: Math.max(...bundleMm1) / Math.max(...engine),
};
// The guard compares the fastest run of each (other jobs on the machine only ever slow a run
// down), so one noisy repetition cannot fail it; the medians above are what the bench reports.
const guardRatio = bundle ? Math.max(...bundleMm1) / Math.max(...engine) : NaN;
const bundleOk = !bundle || guardRatio >= BUNDLE_RATIO_FLOOR;
if (!bundleOk) process.exitCode = 1;
const out = {
  reps,
  bareEventsPerS: median(bare),
  fusedEventsPerS: median(fused),
  fusedRatioToBare: median(fused) / median(bare),
  engineEventsPerS: median(engine),
  engineEvents,
  ratioToBare: median(engine) / median(bare),
  ratioToFused: median(engine) / median(fused),
  tracedEventsPerS: median(traced),
  tracingCost: 1 - median(traced) / median(engine),
  webhook600sWallMs: median(webhookMs),
  webhookEvents,
  fiftyNodeEventsPerS: median(fiftyRate),
  fiftyNodeEvents: fiftyEvents,
  fiftyNodeDurationS: fiftyDurationS,
  chain2000Ok: chainOk,
  chain2000WallMs: chainMs,
  bundle: bundle ?? (browserError ? { error: browserError } : null),
};
if (json) {
  console.log(JSON.stringify(out));
} else {
  const M = (x: number) => `${(x / 1e6).toFixed(2)} M events/s`;
  console.log(`archsim engine benchmark (median of ${reps}, Node ${process.version})`);
  console.log(`  bare heap M/M/1 loop        ${M(out.bareEventsPerS)}`);
  console.log(
    `  fused loop (bare + the engine's statistics)  ${M(out.fusedEventsPerS)}   ${(out.fusedRatioToBare * 100).toFixed(0)} % of the bare loop: a ceiling for any general engine`,
  );
  console.log(
    `  engine M/M/1 (${(engineEvents / 1e6).toFixed(1)} M events) ${M(out.engineEventsPerS)}   ${(out.ratioToBare * 100).toFixed(0)} % of the bare loop`,
  );
  console.log(
    `  engine M/M/1, default request tracing  ${M(out.tracedEventsPerS)}   tracing costs ${(out.tracingCost * 100).toFixed(1)} %`,
  );
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  console.log(
    `  target M/M/1 ≥ 50 % of the bare loop: ${yes(out.ratioToBare >= 0.5)} (the engine runs at ${(out.ratioToFused * 100).toFixed(0)} % of the fused loop's speed)`,
  );
  console.log(
    `  webhook delivery, 600 s at 1,000 req/s: ${(out.webhook600sWallMs / 1000).toFixed(2)} s wall (${(webhookEvents / 1e6).toFixed(1)} M events); target ≤ 1.0 s: ${yes(out.webhook600sWallMs <= 1000)}`,
  );
  console.log(
    `  50-node design, ${fiftyDurationS} s at 10,000 req/s: ${M(out.fiftyNodeEventsPerS)} (${(fiftyEvents / 1e6).toFixed(1)} M events); target ≥ 3 M events/s: ${yes(out.fiftyNodeEventsPerS >= 3e6)}`,
  );
  console.log(`  a chain of 2,000 nodes runs to completion: ${yes(chainOk)} (${(chainMs / 1000).toFixed(2)} s wall)`);
  if (bundle) {
    console.log(`  the shipped bundle in Chromium (dist/${bundle.file}, ${bundle.built ? 'built now' : 'reused'}):`);
    console.log(`    M/M/1                      ${M(bundle.mm1EventsPerS)}   ${bundle.mm1RatioToNode.toFixed(2)}× Node`);
    console.log(
      `    webhook delivery, 600 s    ${(bundle.webhook600sWallMs / 1000).toFixed(2)} s wall, ${M(bundle.webhookEventsPerS)}   ${bundle.webhookRatioToNode.toFixed(2)}× Node`,
    );
    console.log(
      `  guard: the bundle's fastest M/M/1 run ≥ ${BUNDLE_RATIO_FLOOR}× Node's fastest: ${guardRatio.toFixed(2)}×, ${bundleOk ? 'met' : 'NOT MET (exit 1)'}`,
    );
  } else if (browserWanted) {
    console.log(`  the shipped bundle in Chromium: not measured (${browserError}); set CHROMIUM_PATH or pass --no-browser`);
  }
}
