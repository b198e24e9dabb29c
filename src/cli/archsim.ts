/**
 * archsim CLI: run | check | validate | sweep. Imports only the model and the engine.
 * Exit codes: 0 ok, 1 a requirement failed (check), 2 bad file or arguments.
 */
import { readFileSync } from 'node:fs';
import { parseDocumentText, formatErrors, type ArchDocument } from '../model/index.ts';
import { simulate, type SimResult } from '../engine/index.ts';
import { summaryText } from './format.ts';

const USAGE = `usage:
  archsim run FILE [--seed N] [--duration S] [--json]
  archsim check FILE [--seed N] [--duration S] [--json]
  archsim validate FILE`;

class UsageError extends Error {}

interface Args { cmd: string; file: string; seed?: number; duration?: number; json: boolean }

function parseArgs(argv: string[]): Args {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') throw new UsageError('');
  if (!['run', 'check', 'validate'].includes(cmd)) throw new UsageError(`unknown command "${cmd}"`);
  const a: Args = { cmd, file: '', json: false };
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i]!;
    const num = (name: string) => {
      const v = Number(rest[++i]);
      if (rest[i] === undefined || !Number.isFinite(v)) throw new UsageError(`${name} needs a number`);
      return v;
    };
    if (x === '--json') a.json = true;
    else if (x === '--seed') { a.seed = num('--seed'); if (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 2 ** 32 - 1) throw new UsageError('--seed must be an integer in [0, 2^32)'); }
    else if (x === '--duration') { a.duration = num('--duration'); if (a.duration <= 0 || a.duration > 86_400) throw new UsageError('--duration must be in (0, 86400] seconds'); }
    else if (x.startsWith('-')) throw new UsageError(`unknown option ${x}`);
    else if (!a.file) a.file = x;
    else throw new UsageError(`unexpected argument ${x}`);
  }
  if (!a.file) throw new UsageError('missing FILE');
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

/** JSON-friendly copy of a result: series as plain arrays (only with `series`). */
export function resultToJson(r: SimResult, withSeries = false): unknown {
  const { series, ...rest } = r;
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
    process.stdout.write(`${args.file}: valid archsim document (${doc.nodes.length} nodes, ${doc.edges.length} edges)\n`);
    return 0;
  }
  const tty = process.stderr.isTTY && !args.json;
  const result = simulate(doc, {
    seed: args.seed,
    durationS: args.duration,
    onProgress: tty ? (p) => process.stderr.write(`\r  simulating… ${p.simulatedS.toFixed(0)}/${p.durationS} s  ${(p.events / 1e6).toFixed(1)}M events`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  if (args.json) process.stdout.write(`${JSON.stringify(resultToJson(result))}\n`);
  else process.stdout.write(`${summaryText(doc.title, result)}\n`);
  if (args.cmd === 'check') {
    const failed = result.requirements.filter((r) => !r.pass);
    if (!args.json) {
      process.stdout.write(result.requirements.length === 0 ? '\nno requirements in this scenario\n' : `\n${failed.length ? `${failed.length} of ${result.requirements.length} requirements failed` : `all ${result.requirements.length} requirements pass`}\n`);
    }
    return failed.length ? 1 : 0;
  }
  return 0;
}
