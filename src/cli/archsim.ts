/**
 * archsim CLI: run | check | validate | sweep. Imports the model, the engine and the analysis.
 * Exit codes: 0 ok, 1 a requirement failed (check), 2 anything else that went wrong — a bad
 * file or arguments, a run refused or stopped by the work guard, an internal error — always
 * as one line on stderr (the schema's errors: one line per problem), never a stack trace.
 *
 * Work guard: before running, the work is estimated from the traffic equations; a run
 * expected to take more than `--max-events` (default 50 million, about a minute here) events
 * is refused, and one that does more while running is stopped. `--force` lifts the limit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArrivalsCsv } from '../model/arrivalsCsv.ts';
import { documentHash, partialText, partialsMerge, shardHas, shardParse, type Shard, type ShardSpec } from './shard.ts';
import type { SimResult } from '../engine/index.ts';
import { bucketPlan, parseDocumentText, formatErrors, type ArchDocument, type DocError } from '../model/index.ts';
import { replicationsSummarize, sweepPath, sweepValues } from '../engine/index.ts';
import { summaryText, replicationsText, sweepText, fmtNum } from './format.ts';
import { runParallel, WorkLimitError } from './pool.ts';
import { theoryCompare, workEstimate } from '../analysis/index.ts';
import { simulateBounded } from './boundedRun.ts';
import { runJson, summaryJson } from './jsonOut.ts';
import { gradeCommand } from './grade.ts';
import { runCost, usdText } from '../practice/cost.ts';
import { problemById } from '../practice/problems.ts';

export { resultToJson } from './jsonOut.ts';

/** Most events one run may take unless `--max-events` or `--force` says otherwise (about a minute on a 2-core machine). */
export const DEFAULT_MAX_EVENTS = 50_000_000;

const USAGE = `usage:
  archsim run FILE [--seed N] [--duration S] [--replications N [--shard i/n]] [--json [--series]] [--traces] [--replay ID=CSV]… [--save OUT] [--max-events N | --force]
  archsim check FILE [--seed N] [--duration S] [--json] [--max-events N | --force]
  archsim sweep FILE --param PATH --from A --to B [--steps N] [--replications N] [--seed N] [--duration S] [--shard i/n] [--json] [--max-events N | --force]
  archsim merge PART.json… [--json]        combine the partial results of --shard 0/n … n-1/n: prints what the unsharded command prints
  archsim validate FILE
  archsim grade FILE [--problem ID] [--json]   grade a practice design: every drill, cost, findings; exit 1 if it fails

  PATH names a numeric parameter by id, e.g. nodes.api.params.workers,
  edges.client-api.params.retry.maxAttempts, nodes.client.params.rateRps
  --max-events N  the most events one run may take (default 50 million); --force: no limit
  --shard i/n     run only jobs k with k mod n = i (i from 0) and print a partial result (JSON) for archsim merge
  --replay ID=CSV replay the arrivals recorded in CSV at client ID (a timestamp in s per line, or second,rps lines);
                  they are embedded in the document, so --save OUT writes a self-contained copy to share
  --series        with run --json: add the per-bucket time series (every node, source, instance count)`;

class UsageError extends Error {}

interface Args {
  cmd: string;
  file: string;
  seed?: number;
  duration?: number;
  json: boolean;
  traces: boolean;
  series: boolean;
  replications?: number;
  param?: string;
  from?: number;
  to?: number;
  steps?: number;
  maxEvents?: number;
  force: boolean;
  problem?: string;
  shard?: Shard;
  files: string[];
  /** --replay ID=CSV: the client's arrivals replayed from the CSV (embedded in the document). */
  replay: { id: string; file: string }[];
  /** --save OUT: write the document (with the replayed arrivals embedded) to OUT. */
  save?: string;
}

function parseArgs(argv: string[]): Args {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') throw new UsageError('');
  if (!['run', 'check', 'validate', 'sweep', 'grade', 'merge'].includes(cmd)) throw new UsageError(`unknown command "${cmd}"`);
  const a: Args = { cmd, file: '', json: false, traces: false, series: false, force: false, files: [], replay: [] };
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i]!;
    const num = (name: string) => {
      const v = Number(rest[++i]);
      if (rest[i] === undefined || !Number.isFinite(v)) throw new UsageError(`${name} needs a number`);
      return v;
    };
    if (x === '--json') a.json = true;
    else if (x === '--traces') a.traces = true;
    else if (x === '--series') a.series = true;
    else if (x === '--shard') {
      const s = shardParse(rest[++i]);
      if (typeof s === 'string') throw new UsageError(s);
      a.shard = s;
    } else if (x === '--force') a.force = true;
    else if (x === '--replay') {
      const v = rest[++i] ?? '';
      const eq = v.indexOf('=');
      if (eq <= 0 || eq === v.length - 1)
        throw new UsageError('--replay needs CLIENT=FILE.csv (the client id, then the CSV of its arrivals)');
      a.replay.push({ id: v.slice(0, eq), file: v.slice(eq + 1) });
    } else if (x === '--save') {
      a.save = rest[++i];
      if (!a.save) throw new UsageError('--save needs a file name');
    } else if (x === '--max-events') {
      a.maxEvents = num('--max-events');
      if (!(a.maxEvents >= 1)) throw new UsageError('--max-events must be a number of events, at least 1');
    } else if (x === '--replications') {
      a.replications = num('--replications');
      if (!Number.isInteger(a.replications) || a.replications < 1 || a.replications > 1000)
        throw new UsageError('--replications must be an integer in [1, 1000]');
    } else if (x === '--param') {
      a.param = rest[++i];
      if (!a.param) throw new UsageError('--param needs a path');
    } else if (x === '--problem') {
      a.problem = rest[++i];
      if (!a.problem) throw new UsageError('--problem needs a problem id');
    } else if (x === '--from') a.from = num('--from');
    else if (x === '--to') a.to = num('--to');
    else if (x === '--steps') {
      a.steps = num('--steps');
      if (!Number.isInteger(a.steps) || a.steps < 1 || a.steps > 200) throw new UsageError('--steps must be an integer in [1, 200]');
    } else if (x === '--seed') {
      a.seed = num('--seed');
      if (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 2 ** 32 - 1) throw new UsageError('--seed must be an integer in [0, 2^32)');
    } else if (x === '--duration') {
      a.duration = num('--duration');
      if (a.duration <= 0 || a.duration > 86_400) throw new UsageError('--duration must be in (0, 86400] seconds');
    } else if (x.startsWith('-')) throw new UsageError(`unknown option ${x}`);
    else if (a.cmd === 'merge') a.files.push(x);
    else if (!a.file) a.file = x;
    else throw new UsageError(`unexpected argument ${x}`);
  }
  if (a.cmd === 'merge') {
    if (a.files.length === 0) throw new UsageError('merge needs the partial results: archsim merge part-0.json part-1.json …');
    return a;
  }
  if (!a.file) throw new UsageError('missing FILE');
  if (a.shard && !(a.cmd === 'sweep' || (a.cmd === 'run' && a.replications !== undefined)))
    throw new UsageError('--shard goes with sweep or run --replications N (it splits their runs)');
  if (a.cmd === 'sweep' && (a.param === undefined || a.from === undefined || a.to === undefined))
    throw new UsageError('sweep needs --param PATH --from A --to B');
  if (a.series && !(a.cmd === 'run' && a.json)) throw new UsageError('--series goes with run --json (the series of one run)');
  if (a.force && a.maxEvents !== undefined) throw new UsageError('--force and --max-events contradict each other: give one');
  return a;
}

function load(file: string, replay: { id: string; file: string }[] = []): { doc: ArchDocument; warnings: DocError[] } | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  if (replay.length) {
    const embedded = embedReplays(file, text, replay);
    if (embedded.startsWith('!')) return embedded.slice(1);
    text = embedded;
  }
  const parsed = parseDocumentText(text);
  if (!parsed.ok) return `${file}: ${parsed.errors.length} error${parsed.errors.length > 1 ? 's' : ''}\n${formatErrors(parsed.errors)}`;
  return { doc: parsed.doc, warnings: parsed.warnings };
}

/** The document text with each --replay CSV parsed and embedded in its client, or '!' + the reason it cannot be. */
function embedReplays(file: string, text: string, replay: { id: string; file: string }[]): string {
  let raw: { nodes?: { id?: string; kind?: string; params?: Record<string, unknown> }[] };
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return `!${file}: ${(e as Error).message}`;
  }
  for (const r of replay) {
    const node = raw.nodes?.find((n) => n.id === r.id);
    if (!node) return `!--replay ${r.id}=${r.file}: ${file} has no node "${r.id}"`;
    if (node.kind !== 'client') return `!--replay ${r.id}=${r.file}: "${r.id}" is a ${node.kind}; only a client replays arrivals`;
    let csv: string;
    try {
      csv = readFileSync(r.file, 'utf8');
    } catch (e) {
      return `!cannot read ${r.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
    const p = parseArrivalsCsv(csv, r.file);
    if (!p.ok) return `!${p.message}`;
    node.params = { ...node.params, arrival: 'replay', replay: { source: basename(r.file), atS: p.atS } };
  }
  return JSON.stringify(raw);
}

const events = (n: number) =>
  n >= 1e9 ? `${fmtNum(n / 1e9, 1)} billion` : n >= 1e6 ? `${fmtNum(n / 1e6, 1)} million` : fmtNum(Math.round(n), 0);
const duration = (s: number) =>
  s >= 7200 ? `${(s / 3600).toFixed(1)} h` : s >= 120 ? `${Math.round(s / 60)} min` : `${Math.max(1, Math.round(s))} s`;

/** Why a run of `doc` must not start under the limit, or null. */
function workRefusal(doc: ArchDocument, durationS: number | undefined, maxEvents: number, what = 'this run'): string | null {
  const w = workEstimate(doc, { durationS });
  if (w.unbounded) return `${what} may never finish: ${w.unbounded}. Pass --force to run it anyway`;
  if (w.events <= maxEvents) return null;
  return `${what} is expected to take about ${events(w.events)} events (${events(w.requests)} requests; roughly ${duration(w.seconds)} at ${events(1e6)} events/s), over the limit of ${events(maxEvents)}. Shorten it with --duration, lower the rates, or pass --max-events N or --force`;
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await mainUnguarded(argv);
  } catch (e) {
    // A bug, not bad input: say so in one line, with its message, and no stack trace.
    process.stderr.write(`archsim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

async function mainUnguarded(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`archsim: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.cmd === 'merge') return mergeCommand(args.files, args.json);
  const loaded = load(args.file, args.replay);
  if (typeof loaded === 'string') {
    process.stderr.write(`archsim: ${loaded}\n`);
    return 2;
  }
  const { doc, warnings } = loaded;
  if (args.save) writeFileSync(args.save, `${JSON.stringify(doc, null, 1)}\n`);
  if (args.cmd === 'validate') {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    process.stdout.write(
      `${args.file}: valid archsim document (${plural(doc.nodes.length, 'node')}, ${plural(doc.edges.length, 'edge')})\n`,
    );
    for (const w of warnings) process.stdout.write(`  warning: ${w.where}: ${w.message}\n`);
    return 0;
  }
  if (args.cmd === 'grade') return gradeCommand(doc, args.file, { problem: args.problem, json: args.json });
  if (args.duration !== undefined && args.duration <= doc.scenario.warmupS) {
    process.stderr.write(`archsim: --duration ${args.duration} must be longer than the scenario's warm-up (${doc.scenario.warmupS} s)\n`);
    return 2;
  }
  const buckets = bucketPlan((args.duration ?? doc.scenario.durationS) * 1000, doc.scenario.bucketS, doc.nodes.length);
  if (buckets.note) process.stderr.write(`archsim: note: ${buckets.note}\n`);
  const maxEvents = args.force ? Infinity : (args.maxEvents ?? DEFAULT_MAX_EVENTS);
  // Progress goes to stderr whenever it is a terminal, so `--json > file` still shows it.
  const tty = Boolean(process.stderr.isTTY);
  const seed = args.seed ?? doc.scenario.seed;
  const progress = tty ? (done: number, total: number) => process.stderr.write(`\r  ${done}/${total} runs…`) : undefined;
  const refuse = (message: string) => {
    if (tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(`archsim: ${message}\n`);
    return 2;
  };
  const parallel = async (jobs: Parameters<typeof runParallel>[0]) => {
    try {
      return await runParallel(
        jobs.map((j) => ({ ...j, maxEvents })),
        progress,
      );
    } catch (e) {
      if (e instanceof WorkLimitError) return e;
      throw e;
    }
  };
  if (args.cmd === 'sweep') {
    const path = sweepPath(doc, args.param!);
    if (!path.ok) {
      process.stderr.write(`archsim: ${path.message}\n`);
      return 2;
    }
    const values = sweepValues(args.from!, args.to!, args.steps ?? 10);
    const docs = [];
    for (const v of values) {
      const parsed = parseDocumentText(JSON.stringify(path.set(doc, v)));
      if (!parsed.ok) {
        process.stderr.write(`archsim: ${args.param} = ${v} is not valid: ${formatErrors(parsed.errors, 3)}\n`);
        return 2;
      }
      const refused = workRefusal(parsed.doc, args.duration, maxEvents, `the run at ${args.param} = ${v}`);
      if (refused && !args.force) return refuse(refused);
      docs.push(parsed.doc);
    }
    const reps = args.replications ?? 1;
    const jobs = docs.flatMap((d) =>
      Array.from({ length: reps }, (_, k) => ({ doc: d, opts: { seed: seed + k, durationS: args.duration, traces: false as const } })),
    );
    const spec: ShardSpec = {
      command: 'sweep',
      seed,
      replications: reps,
      durationS: args.duration ?? null,
      param: args.param!,
      from: args.from!,
      to: args.to!,
      steps: args.steps ?? 10,
    };
    const t0 = Date.now();
    if (args.shard) return shardRun(doc, spec, args.shard, jobs, parallel, refuse, tty);
    const results = await parallel(jobs);
    if (results instanceof WorkLimitError) return refuse(results.message);
    if (tty) process.stderr.write('\r\x1b[K');
    process.stdout.write(`${sweepOutput(args.json, doc.title, spec, results, Date.now() - t0)}\n`);
    return 0;
  }
  const refused = workRefusal(doc, args.duration, maxEvents);
  if (refused && !args.force) return refuse(refused);
  if (args.cmd === 'run' && (args.replications ?? 1) > 1) {
    const n = args.replications!;
    const t0 = Date.now();
    const jobs = Array.from({ length: n }, (_, k) => ({ doc, opts: { seed: seed + k, durationS: args.duration, traces: false as const } }));
    if (args.shard) {
      const spec: ShardSpec = {
        command: 'run',
        seed,
        replications: n,
        durationS: args.duration ?? null,
        param: null,
        from: null,
        to: null,
        steps: null,
      };
      return shardRun(doc, spec, args.shard, jobs, parallel, refuse, tty);
    }
    const results = await parallel(jobs);
    if (results instanceof WorkLimitError) return refuse(results.message);
    if (tty) process.stderr.write('\r\x1b[K');
    process.stdout.write(`${replicationsOutput(args.json, doc.title, results, Date.now() - t0)}\n`);
    return 0;
  }
  const run = simulateBounded(
    doc,
    { traces: args.traces ? {} : false, seed: args.seed, durationS: args.duration },
    maxEvents,
    tty
      ? (p) => process.stderr.write(`\r  simulating… ${p.simulatedS.toFixed(0)}/${p.durationS} s  ${(p.events / 1e6).toFixed(1)}M events`)
      : undefined,
  );
  if (!run.ok) return refuse(run.message);
  const result = run.result;
  if (tty) process.stderr.write('\r\x1b[K');
  const theory = theoryCompare(doc, result);
  // Priced with the practice problem's storage assumptions when the design answers one.
  const cost = runCost(doc, result, problemById(doc.practice?.problem ?? '')?.storage);
  if (args.json)
    process.stdout.write(
      `${JSON.stringify({ ...runJson(result, theory, args.traces, args.series), cost: { usdPerMonth: cost.usdPerMonth, nodes: Object.fromEntries(cost.nodes.map((n) => [n.id, n.usdPerMonth])) } })}\n`,
    );
  else
    process.stdout.write(
      `${summaryText(doc.title, result, theory)}\n\nCost ≈ ${usdText(cost.usdPerMonth)}/month at this run's traffic (${cost.nodes
        .slice(0, 4)
        .map((n) => `${n.label} ${usdText(n.usdPerMonth)}`)
        .join(', ')}${cost.nodes.length > 4 ? ', …' : ''}; prices: docs/PRACTICE.md)\n`,
    );
  if (args.cmd === 'check') {
    const failed = result.requirements.filter((r) => !r.pass);
    if (!args.json) {
      process.stdout.write(
        result.requirements.length === 0
          ? '\nno requirements in this scenario\n'
          : `\n${failed.length ? `${failed.length} of ${result.requirements.length} requirements failed` : `all ${result.requirements.length} requirements pass`}\n`,
      );
    }
    return failed.length ? 1 : 0;
  }
  return 0;
}

/** What `sweep` prints for every job's result (point by point, replication by replication). */
function sweepOutput(json: boolean, title: string, spec: ShardSpec, results: readonly SimResult[], wallMs: number): string {
  const reps = spec.replications;
  const values = sweepValues(spec.from!, spec.to!, spec.steps!);
  const points = values.map((value, i) => ({ value, summary: replicationsSummarize(results.slice(i * reps, (i + 1) * reps)) }));
  if (json)
    return JSON.stringify({
      param: spec.param,
      seed: spec.seed,
      replications: reps,
      wallMs,
      points: points.map((p) => ({ value: p.value, summary: summaryJson(p.summary) })),
    });
  return sweepText(title, spec.param!, points, wallMs);
}

/** What `run --replications N` prints. */
function replicationsOutput(json: boolean, title: string, results: readonly SimResult[], wallMs: number): string {
  const summary = { ...replicationsSummarize(results), parallelWallMs: wallMs };
  return json ? JSON.stringify(summaryJson(summary)) : replicationsText(title, summary);
}

/** `--shard i/n`: run this shard's jobs and print the partial result (always JSON). */
async function shardRun(
  doc: ArchDocument,
  spec: ShardSpec,
  shard: Shard,
  jobs: { doc: ArchDocument; opts: { seed: number; durationS?: number; traces: false } }[],
  parallel: (jobs: Parameters<typeof runParallel>[0]) => Promise<SimResult[] | WorkLimitError>,
  refuse: (message: string) => number,
  tty: boolean,
): Promise<number> {
  const t0 = Date.now();
  const mine = jobs.map((_, k) => k).filter((k) => shardHas(shard, k));
  const results = await parallel(mine.map((k) => jobs[k]!));
  if (results instanceof WorkLimitError) return refuse(results.message);
  if (tty) process.stderr.write('\r\x1b[K');
  process.stdout.write(
    `${partialText({
      title: doc.title,
      document: documentHash(doc),
      spec,
      shard,
      jobs: jobs.length,
      wallMs: Date.now() - t0,
      results: mine.map((job, k) => ({ job, result: results[k]! })),
    })}\n`,
  );
  return 0;
}

/** `archsim merge`: the partials' jobs back in order, printed as the unsharded command prints them. */
function mergeCommand(files: string[], json: boolean): number {
  const texts: { name: string; text: string }[] = [];
  for (const name of files) {
    try {
      texts.push({ name, text: readFileSync(name, 'utf8') });
    } catch (e) {
      process.stderr.write(`archsim: cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }
  const m = partialsMerge(texts);
  if (!m.ok) {
    process.stderr.write(`archsim: ${m.message}\n`);
    return 2;
  }
  const out =
    m.spec.command === 'sweep'
      ? sweepOutput(json, m.title, m.spec, m.results, m.wallMs)
      : replicationsOutput(json, m.title, m.results, m.wallMs);
  process.stdout.write(`${out}\n`);
  return 0;
}
