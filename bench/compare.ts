/**
 * npm run bench:compare -- <treeA> <treeB> [rounds] [--only mm1,webhook,fifty] [--processes N | --isolated | --browser]
 *
 * Engine speed of two checkouts of archsim (e.g. a `git worktree` of an older commit, with its
 * dependencies installed or its node_modules linked), in one process, for a before/after figure
 * that machine noise does not swamp.
 *
 * On a shared 2-core machine one run of the full bench can differ from the next by 20 % with
 * nothing changed, so a 5 % difference cannot be read from two separate runs. Here each round
 * runs the same short simulation (same document, same seed) on A and on B back to back, in
 * alternating order (AB, BA, …), so a slow spell of the machine hits both of a pair. The figure
 * is the median over rounds of B's events/s divided by A's in the same round, with a
 * distribution-free 95 % interval for that median (the order statistics at n/2 ± 0.98·√n).
 * The interval covers the rounds' scatter only: running one commit against another checkout of
 * itself gave medians of 0.986–1.014, so read differences within about 1.5 % as none.
 *
 * V8's tiering and inlining choices also differ from one process to the next, and on these
 * machines one process's median moved by up to 10 % between invocations with nothing changed.
 * With --processes N the rounds run in N fresh processes, one after another, and the figure is
 * the median and interval of all their rounds together, with each process's own median beside
 * it: quote that one for a before/after claim.
 *
 * Loading a second engine, like loading any large library (bench/engine.bench.ts says more),
 * slows the code already loaded, so two trees in one process are both measured slow. With
 * --isolated no process loads more than one tree, as in the CLI or the app: each round runs A in
 * a fresh process and B in another, back to back (AB, BA, …), each warmed and then timed on
 * ISOLATED_REPS runs of every case (seeds 1, 2, …); the round's ratio is B's median over A's.
 * Its scatter then holds each process's JIT luck too, so it needs more rounds (12 or more).
 *
 * Both trees must give the same event count for each round (same seed): a difference means the
 * two engines do not compute the same run, and is reported.
 *
 * Cases: mm1 (scenarios/mm1.json, 12,000 simulated s ≈ 1.9 M events), webhook (the
 * webhook-delivery scenario for 120 s), fifty (bench/fiftyNode.ts for 30 s).
 *
 * --browser compares the two trees' production worker bundles (dist/assets/sim.worker-*.js: run
 * `vite build` in each first) in headless Chromium instead, the engine as the app's users run
 * it. Each round starts both workers afresh, in that round's order, and warms each with a
 * shorter run first: a worker's JIT choices last its whole life. With two workers kept for all
 * rounds, one bundle measured 1.52× the other with the workers created in one order and 1.04×
 * in the other, so reused workers measured their own luck, not the bundles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { bundleJobScript, type BundleRun } from './browserEngine.ts';
import type { ArchDocument } from '../src/model/index.ts';

interface Tree {
  simulate: (doc: unknown, opts: { durationS?: number; seed?: number; traces?: false }) => { events: number; wallMs: number };
  docs: Record<string, unknown>;
}

const args = process.argv.slice(2);
/** Argument positions taken by flags (the rest are positional). */
const flagged = new Set<number>();
/** The value after flag `name` (both then left out of the positional arguments), or undefined. */
const option = (name: string, example: string): string | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  if (!args[at + 1]) throw new Error(`${name}: expected ${example}`);
  flagged.add(at).add(at + 1);
  return args[at + 1];
};
const onlyArg = option('--only', 'a list such as mm1,webhook');
const processesArg = option('--processes', 'a count such as 6');
const browser = args.includes('--browser');
const isolated = args.includes('--isolated');
if (isolated) flagged.add(args.indexOf('--isolated'));
/** Internal: a child process of --isolated loads this one tree and prints its runs as JSON. */
const singleArg = option('--single', 'a tree');
if (browser) flagged.add(args.indexOf('--browser'));
/** Internal: a child process of --processes prints its rounds' ratios as JSON. */
const raw = args.includes('--raw');
if (raw) flagged.add(args.indexOf('--raw'));
const only = onlyArg ? onlyArg.split(',') : ['mm1', 'webhook', 'fifty'];
const positional = args.filter((_a, k) => !flagged.has(k));
if (positional.length < 2 && !singleArg) {
  console.error(
    'usage: npm run bench:compare -- <treeA> <treeB> [rounds] [--only mm1,webhook,fifty] [--processes N | --isolated | --browser]',
  );
  process.exit(2);
}
const processes = Number(processesArg ?? 1);
if (!(Number.isInteger(processes) && processes >= 1)) throw new Error(`--processes: expected a positive whole number, got ${processesArg}`);
if ([browser, processesArg !== undefined, isolated].filter(Boolean).length > 1)
  throw new Error('--browser, --processes and --isolated are three ways to run the rounds: choose one');
const [dirA, dirB] = singleArg ? ['', ''] : [resolve(positional[0]!), resolve(positional[1]!)];
const rounds = Number(positional[2] ?? 20);
if (!(rounds >= 1)) throw new Error(`rounds: expected a positive number, got ${positional[2]}`);

async function loadTree(dir: string): Promise<Tree> {
  const url = (p: string) => pathToFileURL(`${dir}/${p}`).href;
  const engine = await import(url('src/engine/index.ts'));
  const model = await import(url('src/model/index.ts'));
  const fifty = await import(url('bench/fiftyNode.ts'));
  const parsed = (p: { ok: boolean; doc?: unknown }, what: string) => {
    if (!p.ok) throw new Error(`${dir}: ${what} does not parse`);
    return p.doc;
  };
  const scenario = (n: string) =>
    parsed(model.parseDocumentText(readFileSync(`${dir}/scenarios/${n}.json`, 'utf8')), `scenarios/${n}.json`);
  return {
    simulate: engine.simulate,
    docs: {
      mm1: scenario('mm1'),
      webhook: scenario('webhook-delivery'),
      fifty: parsed(model.parseDocument(fifty.fiftyNodeDesign(30)), 'bench/fiftyNode.ts'),
    },
  };
}

const DURATION_S: Record<string, number | undefined> = { mm1: 12_000, webhook: 120, fifty: undefined };
const cases = Object.keys(DURATION_S).filter((c) => only.includes(c));
if (cases.length === 0) throw new Error(`--only: none of mm1, webhook, fifty in "${only.join(',')}"`);

const sorted = (xs: number[]) => [...xs].sort((p, q) => p - q);
const median = (xs: number[]) => {
  const s = sorted(xs),
    n = s.length;
  return n % 2 ? s[n >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};
/**
 * Distribution-free 95 % interval of the median: the sorted values at ranks ⌊n/2 − h⌋ and
 * ⌈n/2 + h⌉ + 1 (1-based, clamped), h = 0.98·√n; a little wider than the normal approximation.
 */
const medianInterval = (xs: number[]): [number, number] => {
  const s = sorted(xs),
    n = s.length,
    h = 0.98 * Math.sqrt(n);
  return [s[Math.max(0, Math.floor(n / 2 - h) - 1)]!, s[Math.min(n - 1, Math.ceil(n / 2 + h))]!];
};

const mismatched = new Set<string>();
/** The first round of a case where the trees ran different event counts (the rest are only counted at the end). */
function reportMismatch(c: string, detail: string): void {
  if (mismatched.has(c)) return;
  mismatched.add(c);
  console.error(`${c}, ${detail}: the two engines do not compute the same runs`);
}

/** One case's rounds: B's events/s over A's, and each tree's events/s. */
interface Rounds {
  ratios: number[];
  rateA: number[];
  rateB: number[];
}

/** Run every case's rounds in this process (A and B loaded here, JIT warmed first). */
async function measure(): Promise<{ byCase: Record<string, Rounds>; mismatch: boolean }> {
  const A = await loadTree(dirA);
  const B = await loadTree(dirB);
  const runOne = (t: Tree, c: string, seed: number) => {
    const r = t.simulate(t.docs[c], { durationS: DURATION_S[c], seed, traces: false });
    return { events: r.events, rate: (r.events / r.wallMs) * 1000 };
  };
  // Warm both engines' JIT on every case before measuring.
  for (const c of cases) for (const seed of [1, 2]) for (const t of [A, B]) runOne(t, c, seed);
  let mismatch = false;
  const byCase: Record<string, Rounds> = {};
  for (const c of cases) {
    const out: Rounds = { ratios: [], rateA: [], rateB: [] };
    for (let r = 0; r < rounds; r++) {
      const seed = r + 1;
      const [first, second] = r % 2 ? [B, A] : [A, B];
      const x = runOne(first, c, seed),
        y = runOne(second, c, seed);
      const [a, b] = first === A ? [x, y] : [y, x];
      if (a.events !== b.events) {
        mismatch = true;
        reportMismatch(c, `seed ${seed}: A ran ${a.events} events, B ${b.events}`);
      }
      out.rateA.push(a.rate);
      out.rateB.push(b.rate);
      out.ratios.push(b.rate / a.rate);
    }
    byCase[c] = out;
  }
  return { byCase, mismatch };
}

/** The worker bundle of a built tree (its dist/assets/sim.worker-*.js). */
function bundleOf(dir: string): string {
  const assets = join(dir, 'dist/assets');
  const files = existsSync(assets) ? readdirSync(assets).filter((f) => /^sim\.worker-[\w-]+\.js$/.test(f)) : [];
  if (files.length !== 1) throw new Error(`${dir}: expected one dist/assets/sim.worker-*.js, found ${files.length}: run vite build there`);
  return readFileSync(join(assets, files[0]!), 'utf8');
}

/** --browser: the rounds with each tree's worker bundle in Chromium (fresh workers every round). */
async function measureInBrowser(): Promise<{ byCase: Record<string, Rounds>; mismatch: boolean }> {
  const code = { a: bundleOf(dirA), b: bundleOf(dirB) };
  const docs = { a: (await loadTree(dirA)).docs, b: (await loadTree(dirB)).docs };
  const server = createServer((req, res) => {
    const which = req.url === '/a.js' ? 'a' : req.url === '/b.js' ? 'b' : null;
    res.writeHead(200, { 'content-type': which ? 'text/javascript' : 'text/html' });
    res.end(which ? code[which] : '<!doctype html><title>bench:compare --browser</title>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const { openBrowser } = await import('../tests/e2e/harness.ts');
  const b = await openBrowser(`http://127.0.0.1:${port}/`);
  const fresh = () => b.page.evaluate('for (const w of Object.values(window.__w ?? {})) w.terminate(); window.__w = {};');
  const runOne = async (t: 'a' | 'b', c: string, seed: number, durationS: number | undefined) => {
    const r = (await b.page.evaluate(
      bundleJobScript(`window.__w.${t}`, `/${t}.js`, docs[t][c] as ArchDocument, { seed, durationS, traces: false }),
    )) as BundleRun;
    return { events: r.events, rate: (r.events / r.wallMs) * 1000 };
  };
  let mismatch = false;
  const byCase: Record<string, Rounds> = {};
  try {
    for (const c of cases) {
      const out: Rounds = { ratios: [], rateA: [], rateB: [] };
      const d = DURATION_S[c];
      for (let r = 0; r < rounds; r++) {
        const seed = r + 1;
        const order: ('a' | 'b')[] = r % 2 ? ['b', 'a'] : ['a', 'b'];
        await fresh();
        for (const t of order) await runOne(t, c, 99, d === undefined ? 5 : d / 5);
        const got: Record<string, { events: number; rate: number }> = {};
        for (const t of order) got[t] = await runOne(t, c, seed, d);
        if (got.a!.events !== got.b!.events) {
          mismatch = true;
          reportMismatch(c, `seed ${seed}: A ran ${got.a!.events} events, B ${got.b!.events}`);
        }
        out.rateA.push(got.a!.rate);
        out.rateB.push(got.b!.rate);
        out.ratios.push(got.b!.rate / got.a!.rate);
      }
      byCase[c] = out;
    }
  } finally {
    await b.close();
    server.close();
  }
  return { byCase, mismatch };
}

/** --processes: the same measurement in N fresh processes, one after another; their rounds pooled. */
function measureInProcesses(): { byCase: Record<string, Rounds>; perProcess: Record<string, number[]>; mismatch: boolean } {
  const byCase: Record<string, Rounds> = {},
    perProcess: Record<string, number[]> = {};
  for (const c of cases) {
    byCase[c] = { ratios: [], rateA: [], rateB: [] };
    perProcess[c] = [];
  }
  let mismatch = false;
  const self = fileURLToPath(import.meta.url);
  for (let p = 0; p < processes; p++) {
    const child = spawnSync(process.execPath, [...process.execArgv, self, dirA, dirB, String(rounds), '--only', cases.join(','), '--raw'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
    if (child.status !== 0) throw new Error(`process ${p + 1} of ${processes} failed (exit ${child.status})`);
    const part = JSON.parse(child.stdout) as { byCase: Record<string, Rounds>; mismatch: boolean };
    mismatch ||= part.mismatch;
    for (const c of cases) {
      const x = part.byCase[c]!;
      byCase[c]!.ratios.push(...x.ratios);
      byCase[c]!.rateA.push(...x.rateA);
      byCase[c]!.rateB.push(...x.rateB);
      perProcess[c]!.push(median(x.ratios));
    }
  }
  return { byCase, perProcess, mismatch };
}

/** Timed runs of every case in each process of --isolated. */
const ISOLATED_REPS = 3;

/** --isolated, in the child: one tree only, warmed, then ISOLATED_REPS runs of every case. */
async function measureSingle(dir: string): Promise<Record<string, { events: number[]; rates: number[] }>> {
  const t = await loadTree(dir);
  const runOne = (c: string, seed: number) => {
    const r = t.simulate(t.docs[c], { durationS: DURATION_S[c], seed, traces: false });
    return { events: r.events, rate: (r.events / r.wallMs) * 1000 };
  };
  for (const c of cases) for (const seed of [101, 102]) runOne(c, seed);
  const out: Record<string, { events: number[]; rates: number[] }> = {};
  for (const c of cases) {
    out[c] = { events: [], rates: [] };
    for (let k = 1; k <= ISOLATED_REPS; k++) {
      const r = runOne(c, k);
      out[c]!.events.push(r.events);
      out[c]!.rates.push(r.rate);
    }
  }
  return out;
}

/** --isolated: every round a fresh process for A and one for B, in alternating order. */
function measureIsolated(): { byCase: Record<string, Rounds>; mismatch: boolean } {
  const byCase: Record<string, Rounds> = {};
  for (const c of cases) byCase[c] = { ratios: [], rateA: [], rateB: [] };
  let mismatch = false;
  const self = fileURLToPath(import.meta.url);
  const runChild = (dir: string) => {
    const child = spawnSync(process.execPath, [...process.execArgv, self, '--single', dir, '--only', cases.join(',')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
    if (child.status !== 0) throw new Error(`the process for ${dir} failed (exit ${child.status})`);
    return JSON.parse(child.stdout) as Awaited<ReturnType<typeof measureSingle>>;
  };
  for (let r = 0; r < rounds; r++) {
    const got: Record<string, Awaited<ReturnType<typeof measureSingle>>> = {};
    for (const dir of r % 2 ? [dirB, dirA] : [dirA, dirB]) got[dir === dirA ? 'a' : 'b'] = runChild(dir);
    for (const c of cases) {
      const a = got.a![c]!,
        b = got.b![c]!;
      if (a.events.join() !== b.events.join()) {
        mismatch = true;
        reportMismatch(c, `A ran ${a.events.join(', ')} events, B ${b.events.join(', ')}`);
      }
      byCase[c]!.rateA.push(median(a.rates));
      byCase[c]!.rateB.push(median(b.rates));
      byCase[c]!.ratios.push(median(b.rates) / median(a.rates));
    }
  }
  return { byCase, mismatch };
}

if (singleArg) {
  process.stdout.write(JSON.stringify(await measureSingle(resolve(singleArg))));
  process.exit(0);
}
if (raw) {
  const r = await measure();
  // Exit 0 even on a mismatch (the JSON says so): any other status is a crash of this process.
  process.stdout.write(JSON.stringify(r));
  process.exit(0);
}
const { byCase, mismatch, perProcess } =
  processes > 1
    ? measureInProcesses()
    : { ...(isolated ? measureIsolated() : browser ? await measureInBrowser() : await measure()), perProcess: null };
for (const c of cases) {
  const { ratios, rateA, rateB } = byCase[c]!;
  const n = ratios.length;
  const [lo, hi] = medianInterval(ratios);
  // Below 6 rounds the order statistics cannot bound the median at 95 %.
  const interval = n >= 6 ? `95 % interval ${lo.toFixed(3)}–${hi.toFixed(3)}` : 'too few rounds for an interval';
  const where = perProcess
    ? `${n} rounds in ${processes} processes; per process ${perProcess[c]!.map((x) => x.toFixed(3)).join(' ')}`
    : isolated
      ? `${n} rounds, each tree in its own process`
      : `${n} rounds`;
  console.log(
    `${c.padEnd(8)} A ${(median(rateA) / 1e6).toFixed(2)} M ev/s · B ${(median(rateB) / 1e6).toFixed(2)} M ev/s · ` +
      `B/A paired median ${median(ratios).toFixed(3)} (${interval}, ${where})`,
  );
}
if (mismatch) {
  console.error(
    'Event counts differ between the trees (first round of each case above). Expected only when one of them changed the random ' +
      'streams on purpose; events/s still compares the engines then, but the runs are not the same work.',
  );
  process.exit(1);
}
