/**
 * Sharded sweeps and replications: `--shard i/n` runs every n-th job (job k when k mod n = i,
 * jobs numbered point by point, replication by replication) and prints a partial result;
 * `archsim merge` checks that the partials belong together and that none is missing, then
 * prints what the unsharded command prints. A replication's seed depends only on its index
 * (seed + k), never on the shard, so the merged output equals the unsharded run's exactly
 * (up to wall-clock times). Results travel as JSON with non-finite numbers tagged
 * (`{"$num":"NaN"}`), so a NaN (nothing measured) survives the round trip.
 */
import { createHash } from 'node:crypto';
import type { ArchDocument } from '../model/index.ts';
import type { SimResult } from '../engine/index.ts';

export const PARTIAL_TYPE = 'archsim/partial';

export interface Shard {
  index: number;
  count: number;
}

/** What must be equal for two partials to belong to one run. */
export interface ShardSpec {
  command: 'run' | 'sweep';
  seed: number;
  replications: number;
  durationS: number | null;
  param: string | null;
  from: number | null;
  to: number | null;
  steps: number | null;
}

export interface Partial {
  type: typeof PARTIAL_TYPE;
  version: 1;
  title: string;
  /** sha256 of the parsed document (defaults filled in), so equal designs match whatever their formatting. */
  document: string;
  spec: ShardSpec;
  shard: Shard;
  jobs: number;
  wallMs: number;
  results: { job: number; result: SimResult }[];
}

/** "i/n" → shard, or a message saying what is wrong. */
export function shardParse(text: string | undefined): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!m) return `--shard needs i/n (shard i of n, counting from 0), e.g. --shard 0/4; got "${text ?? ''}"`;
  const index = Number(m[1]),
    count = Number(m[2]);
  if (count < 1 || count > 10_000) return `--shard ${text}: n must be in [1, 10000]`;
  if (index >= count) return `--shard ${text}: i must be less than n (shards are numbered 0 … ${count - 1})`;
  return { index, count };
}

/** Does job k belong to the shard? */
export const shardHas = (s: Shard, k: number) => k % s.count === s.index;

export function documentHash(doc: ArchDocument): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
}

/** A result without its series and traces (a summary needs neither), as JSON with non-finite numbers tagged. */
export function partialText(p: Omit<Partial, 'type' | 'version'>): string {
  const results = p.results.map(({ job, result }) => {
    const { series: _s, traces: _t, ...rest } = result;
    return { job, result: rest };
  });
  return JSON.stringify({ type: PARTIAL_TYPE, version: 1, ...p, results }, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v,
  );
}

function partialRead(text: string): unknown {
  return JSON.parse(text, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.$num === 'string' ? Number(v.$num) : v,
  );
}

/**
 * Combine partial results (file name → text) into every job's result in job order, with the
 * spec, title and the slowest shard's wall time; or a message naming the problem.
 */
export function partialsMerge(
  files: { name: string; text: string }[],
): { ok: true; spec: ShardSpec; title: string; results: SimResult[]; wallMs: number } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  if (files.length === 0) return fail('merge needs the partial results to combine: archsim merge part-0.json part-1.json …');
  const parts: { name: string; p: Partial }[] = [];
  for (const f of files) {
    let p: Partial;
    try {
      p = partialRead(f.text) as Partial;
    } catch (e) {
      return fail(`${f.name} is not JSON (${(e as Error).message}); merge takes what --shard i/n printed`);
    }
    if (!p || p.type !== PARTIAL_TYPE || p.version !== 1 || !Array.isArray(p.results))
      return fail(`${f.name} is not a partial result of archsim sweep/run --shard i/n (its "type" is not "${PARTIAL_TYPE}")`);
    parts.push({ name: f.name, p });
  }
  const first = parts[0]!;
  for (const { name, p } of parts.slice(1)) {
    if (p.document !== first.p.document)
      return fail(
        `${name} was run on a different document than ${first.name} ("${p.title}" vs "${first.p.title}"): every shard must run the same file`,
      );
    for (const k of Object.keys(first.p.spec) as (keyof ShardSpec)[])
      if (p.spec[k] !== first.p.spec[k])
        return fail(
          `${name} and ${first.name} were run with different ${k} (${JSON.stringify(p.spec[k])} vs ${JSON.stringify(first.p.spec[k])}): every shard must run the same command`,
        );
    if (p.shard.count !== first.p.shard.count)
      return fail(
        `${name} is shard ${p.shard.index}/${p.shard.count} but ${first.name} is ${first.p.shard.index}/${first.p.shard.count}: the shard counts differ`,
      );
  }
  const n = first.p.shard.count;
  const seen = new Map<number, string>();
  for (const { name, p } of parts) {
    const other = seen.get(p.shard.index);
    if (other !== undefined) return fail(`shard ${p.shard.index}/${n} is given twice (${other} and ${name})`);
    seen.set(p.shard.index, name);
  }
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length)
    return fail(
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} of ${n} (got ${parts.length}): merge needs every shard 0 … ${n - 1}`,
    );
  const results: SimResult[] = new Array(first.p.jobs);
  for (const { name, p } of parts)
    for (const { job, result } of p.results) {
      if (!shardHas(p.shard, job) || job >= first.p.jobs)
        return fail(`${name} holds job ${job}, which is not shard ${p.shard.index}/${n}'s`);
      results[job] = result;
    }
  for (let k = 0; k < results.length; k++)
    if (!results[k]) return fail(`job ${k} of ${results.length} is in no shard (a shard file was cut short?)`);
  return { ok: true, spec: first.p.spec, title: first.p.title, results, wallMs: Math.max(...parts.map((x) => x.p.wallMs)) };
}
