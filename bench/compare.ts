/**
 * npm run bench:compare -- <treeA> <treeB> [rounds] [--only mm1,webhook,fifty]
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
 * Both trees must give the same event count for each round (same seed): a difference means the
 * two engines do not compute the same run, and is reported.
 *
 * Cases: mm1 (scenarios/mm1.json, 12,000 simulated s ≈ 1.9 M events), webhook (the
 * webhook-delivery scenario for 120 s), fifty (bench/fiftyNode.ts for 30 s).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Tree {
  simulate: (doc: unknown, opts: { durationS?: number; seed?: number; traces?: false }) => { events: number; wallMs: number };
  docs: Record<string, unknown>;
}

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
if (onlyAt >= 0 && !args[onlyAt + 1]) throw new Error('--only: expected a list such as mm1,webhook');
const only = onlyAt >= 0 ? args[onlyAt + 1]!.split(',') : ['mm1', 'webhook', 'fifty'];
const positional = onlyAt >= 0 ? args.filter((_a, k) => k !== onlyAt && k !== onlyAt + 1) : args;
if (positional.length < 2) {
  console.error('usage: npm run bench:compare -- <treeA> <treeB> [rounds] [--only mm1,webhook,fifty]');
  process.exit(2);
}
const [dirA, dirB] = [resolve(positional[0]!), resolve(positional[1]!)];
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

const A = await loadTree(dirA);
const B = await loadTree(dirB);
const runOne = (t: Tree, c: string, seed: number) => {
  const r = t.simulate(t.docs[c], { durationS: DURATION_S[c], seed, traces: false });
  return { events: r.events, rate: (r.events / r.wallMs) * 1000 };
};
// Warm both engines' JIT on every case before measuring.
for (const c of cases) for (const seed of [1, 2]) for (const t of [A, B]) runOne(t, c, seed);

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

let mismatch = false;
for (const c of cases) {
  const ratios: number[] = [],
    rateA: number[] = [],
    rateB: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const seed = r + 1;
    const [first, second] = r % 2 ? [B, A] : [A, B];
    const x = runOne(first, c, seed),
      y = runOne(second, c, seed);
    const [a, b] = first === A ? [x, y] : [y, x];
    if (a.events !== b.events) {
      mismatch = true;
      console.error(`${c}, seed ${seed}: A ran ${a.events} events, B ${b.events}: the engines differ`);
    }
    rateA.push(a.rate);
    rateB.push(b.rate);
    ratios.push(b.rate / a.rate);
  }
  const [lo, hi] = medianInterval(ratios);
  // Below 6 rounds the order statistics cannot bound the median at 95 %.
  const interval = rounds >= 6 ? `95 % interval ${lo.toFixed(3)}–${hi.toFixed(3)}` : 'too few rounds for an interval';
  console.log(
    `${c.padEnd(8)} A ${(median(rateA) / 1e6).toFixed(2)} M ev/s · B ${(median(rateB) / 1e6).toFixed(2)} M ev/s · ` +
      `B/A paired median ${median(ratios).toFixed(3)} (${interval}, ${rounds} rounds)`,
  );
}
if (mismatch) process.exit(1);
