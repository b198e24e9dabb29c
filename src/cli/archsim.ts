/**
 * archsim CLI: run | check | validate | sweep. Imports only the model and the engine.
 * Exit codes: 0 ok, 1 a requirement failed (check), 2 bad file or arguments.
 */
import { readFileSync } from 'node:fs';
import { parseDocumentText, formatErrors, type ArchDocument } from '../model/index.ts';
import { simulate, replicationsSummarize, sweepPath, sweepValues, type SimResult } from '../engine/index.ts';
import { summaryText, replicationsText, sweepText } from './format.ts';
import { runParallel } from './pool.ts';
import { theoryCompare } from '../analysis/index.ts';

const USAGE = `usage:
  archsim run FILE [--seed N] [--duration S] [--replications N] [--json] [--traces]
  archsim check FILE [--seed N] [--duration S] [--json]
  archsim sweep FILE --param PATH --from A --to B [--steps N] [--replications N] [--seed N] [--duration S] [--json]
  archsim validate FILE

  PATH names a numeric parameter by id, e.g. nodes.api.params.workers,
  edges.client-api.params.retry.maxAttempts, nodes.client.params.rateRps`;

class UsageError extends Error {}

interface Args {
  cmd: string; file: string; seed?: number; duration?: number; json: boolean; traces: boolean;
  replications?: number; param?: string; from?: number; to?: number; steps?: number;
}

function parseArgs(argv: string[]): Args {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') throw new UsageError('');
  if (!['run', 'check', 'validate', 'sweep'].includes(cmd)) throw new UsageError(`unknown command "${cmd}"`);
  const a: Args = { cmd, file: '', json: false, traces: false };
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i]!;
    const num = (name: string) => {
      const v = Number(rest[++i]);
      if (rest[i] === undefined || !Number.isFinite(v)) throw new UsageError(`${name} needs a number`);
      return v;
    };
    if (x === '--json') a.json = true;
    else if (x === '--traces') a.traces = true;
    else if (x === '--replications') { a.replications = num('--replications'); if (!Number.isInteger(a.replications) || a.replications < 1 || a.replications > 1000) throw new UsageError('--replications must be an integer in [1, 1000]'); }
    else if (x === '--param') { a.param = rest[++i]; if (!a.param) throw new UsageError('--param needs a path'); }
    else if (x === '--from') a.from = num('--from');
    else if (x === '--to') a.to = num('--to');
    else if (x === '--steps') { a.steps = num('--steps'); if (!Number.isInteger(a.steps) || a.steps < 1 || a.steps > 200) throw new UsageError('--steps must be an integer in [1, 200]'); }
    else if (x === '--seed') { a.seed = num('--seed'); if (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 2 ** 32 - 1) throw new UsageError('--seed must be an integer in [0, 2^32)'); }
    else if (x === '--duration') { a.duration = num('--duration'); if (a.duration <= 0 || a.duration > 86_400) throw new UsageError('--duration must be in (0, 86400] seconds'); }
    else if (x.startsWith('-')) throw new UsageError(`unknown option ${x}`);
    else if (!a.file) a.file = x;
    else throw new UsageError(`unexpected argument ${x}`);
  }
  if (!a.file) throw new UsageError('missing FILE');
  if (a.cmd === 'sweep' && (a.param === undefined || a.from === undefined || a.to === undefined)) throw new UsageError('sweep needs --param PATH --from A --to B');
  return a;
}

function load(file: string): ArchDocument | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  const parsed = parseDocumentText(text);
  if (!parsed.ok) return `${file}: ${parsed.errors.length} error${parsed.errors.length > 1 ? 's' : ''}\n${formatErrors(parsed.errors)}`;
  return parsed.doc;
}

/** JSON-friendly copy of a result: series as plain arrays (only with `series`), traces only with `traces`. */
export function resultToJson(r: SimResult, withSeries = false, withTraces = withSeries): unknown {
  const { series, traces, ...base } = r;
  const rest = withTraces ? { ...base, traces } : base;
  if (!withSeries) return rest;
  const conv = (o: Record<string, Record<string, Float64Array>>) =>
    Object.fromEntries(Object.entries(o).map(([id, m]) => [id, Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Array.from(v)]))]));
  return { ...rest, series: { ...series, nodes: conv(series.nodes), sources: conv(series.sources) } };
}

export async function main(argv: string[]): Promise<number> {
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
  const doc = load(args.file);
  if (typeof doc === 'string') {
    process.stderr.write(`archsim: ${doc}\n`);
    return 2;
  }
  if (args.cmd === 'validate') {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    process.stdout.write(`${args.file}: valid archsim document (${plural(doc.nodes.length, 'node')}, ${plural(doc.edges.length, 'edge')})\n`);
    return 0;
  }
  if (args.duration !== undefined && args.duration <= doc.scenario.warmupS) {
    process.stderr.write(`archsim: --duration ${args.duration} must be longer than the scenario's warm-up (${doc.scenario.warmupS} s)\n`);
    return 2;
  }
  const tty = process.stderr.isTTY && !args.json;
  const seed = args.seed ?? doc.scenario.seed;
  const progress = tty ? (done: number, total: number) => process.stderr.write(`\r  ${done}/${total} runs…`) : undefined;
  if (args.cmd === 'sweep') {
    const path = sweepPath(doc, args.param!);
    if (!path.ok) { process.stderr.write(`archsim: ${path.message}\n`); return 2; }
    const values = sweepValues(args.from!, args.to!, args.steps ?? 10);
    const docs = [];
    for (const v of values) {
      const parsed = parseDocumentText(JSON.stringify(path.set(doc, v)));
      if (!parsed.ok) { process.stderr.write(`archsim: ${args.param} = ${v} is not valid: ${formatErrors(parsed.errors, 3)}\n`); return 2; }
      docs.push(parsed.doc);
    }
    const reps = args.replications ?? 1;
    const jobs = docs.flatMap((d) => Array.from({ length: reps }, (_, k) => ({ doc: d, opts: { seed: seed + k, durationS: args.duration, traces: false as const } })));
    const t0 = Date.now();
    const results = await runParallel(jobs, progress);
    if (tty) process.stderr.write('\r\x1b[K');
    const points = values.map((value, i) => ({ value, summary: replicationsSummarize(results.slice(i * reps, (i + 1) * reps)) }));
    if (args.json) process.stdout.write(`${JSON.stringify({ param: args.param, seed, replications: reps, wallMs: Date.now() - t0, points })}\n`);
    else process.stdout.write(`${sweepText(doc.title, args.param!, points, Date.now() - t0)}\n`);
    return 0;
  }
  if (args.cmd === 'run' && (args.replications ?? 1) > 1) {
    const n = args.replications!;
    const t0 = Date.now();
    const results = await runParallel(Array.from({ length: n }, (_, k) => ({ doc, opts: { seed: seed + k, durationS: args.duration, traces: false as const } })), progress);
    if (tty) process.stderr.write('\r\x1b[K');
    const summary = { ...replicationsSummarize(results), parallelWallMs: Date.now() - t0 };
    if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`${replicationsText(doc.title, summary)}\n`);
    return 0;
  }
  const result = simulate(doc, {
    traces: args.traces ? {} : false,
    seed: args.seed,
    durationS: args.duration,
    onProgress: tty ? (p) => process.stderr.write(`\r  simulating… ${p.simulatedS.toFixed(0)}/${p.durationS} s  ${(p.events / 1e6).toFixed(1)}M events`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const theory = theoryCompare(doc, result);
  if (args.json) process.stdout.write(`${JSON.stringify({ ...(resultToJson(result, false, args.traces) as object), theory })}\n`);
  else process.stdout.write(`${summaryText(doc.title, result, theory)}\n`);
  if (args.cmd === 'check') {
    const failed = result.requirements.filter((r) => !r.pass);
    if (!args.json) {
      process.stdout.write(result.requirements.length === 0 ? '\nno requirements in this scenario\n' : `\n${failed.length ? `${failed.length} of ${result.requirements.length} requirements failed` : `all ${result.requirements.length} requirements pass`}\n`);
    }
    return failed.length ? 1 : 0;
  }
  return 0;
}
