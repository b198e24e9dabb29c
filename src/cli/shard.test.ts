/**
 * `--shard i/n` and `archsim merge`: merged shards print exactly what the unsharded command
 * prints (wall-clock fields zeroed), because a replication's seed depends only on its index.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partialText, partialsMerge, shardParse } from './shard.ts';
import type { SimResult } from '../engine/index.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/archsim.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
const tmp = mkdtempSync(join(tmpdir(), 'archsim-shard-'));
const noWall = (s: string) => s.replace(/"(parallelWallMs|wallMs)":\d+/g, '"$1":0');
/** Run `args` as n shards, write each partial to a file, return the file names. */
function shards(name: string, n: number, args: string[]): string[] {
  return Array.from({ length: n }, (_, i) => {
    const r = cli(...args, '--shard', `${i}/${n}`);
    expect(r.status, r.stderr).toBe(0);
    const f = join(tmp, `${name}-${i}.json`);
    writeFileSync(f, r.stdout);
    return f;
  });
}
const SWEEP = ['sweep', 'scenarios/mm1.json', '--param', 'nodes.server.params.workers', '--from', '1', '--to', '3', '--steps', '3'];
const SWEEP_ARGS = [...SWEEP, '--replications', '2', '--duration', '60'];
const RUN_ARGS = ['run', 'scenarios/mm1k.json', '--replications', '4', '--duration', '60'];

describe('archsim --shard i/n and merge', () => {
  it('a sweep (3 points × 2 replications) in 4 shards merges to exactly the unsharded --json', () => {
    const files = shards('sweep', 4, SWEEP_ARGS);
    const merged = cli('merge', ...files.reverse(), '--json');
    expect(merged.status, merged.stderr).toBe(0);
    expect(noWall(merged.stdout)).toBe(noWall(cli(...SWEEP_ARGS, '--json').stdout));
  });
  it('run --replications 4 in 3 shards merges to exactly the unsharded --json, and the text table says the same', () => {
    const files = shards('run', 3, RUN_ARGS);
    const merged = cli('merge', ...files, '--json');
    expect(merged.status, merged.stderr).toBe(0);
    expect(noWall(merged.stdout)).toBe(noWall(cli(...RUN_ARGS, '--json').stdout));
    const text = cli('merge', ...files).stdout;
    expect(text).toMatch(/4 replications/);
  });
  it('more shards than jobs: the extra shards are empty and the merge still equals the unsharded run', () => {
    const files = shards('wide', 6, RUN_ARGS);
    expect(noWall(cli('merge', ...files, '--json').stdout)).toBe(noWall(cli(...RUN_ARGS, '--json').stdout));
  });
  it('bad input gets a message naming the problem, exit 2', () => {
    const run = shards('bad', 2, RUN_ARGS);
    const other = shards('other', 2, ['run', 'scenarios/mm1.json', '--replications', '4', '--duration', '60']);
    const seed = shards('seed', 2, [...RUN_ARGS, '--seed', '9']);
    const sweep = shards('sw', 2, SWEEP_ARGS);
    const cases: [string[], RegExp][] = [
      [['run', 'scenarios/mm1.json', '--replications', '3', '--shard', '2/2'], /i must be less than n/],
      [['run', 'scenarios/mm1.json', '--replications', '3', '--shard', 'x'], /--shard needs i\/n/],
      [['run', 'scenarios/mm1.json', '--shard', '0/2'], /--shard goes with sweep or run --replications/],
      [['merge', run[0]!, other[1]!], /different document/],
      [['merge', run[0]!, seed[1]!], /different seed/],
      [['merge', other[0]!, sweep[1]!], /different command/],
      [['merge', run[0]!], /missing shard 1 of 2/],
      [['merge', run[0]!, run[0]!], /shard 0\/2 is given twice/],
      [['merge', run[0]!, 'scenarios/mm1.json'], /not a partial result/],
      [['merge'], /merge needs the partial results/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(msg);
    }
  });
  it('a NaN (nothing measured) survives the partial round trip', () => {
    const result = { seed: 1, requirements: [{ measured: NaN, pass: false }], nodes: { a: { x: Infinity } }, series: {}, traces: [] };
    const text = partialText({
      title: 't',
      document: 'd',
      spec: { command: 'run', seed: 1, replications: 1, durationS: null, param: null, from: null, to: null, steps: null },
      shard: { index: 0, count: 1 },
      jobs: 1,
      wallMs: 0,
      results: [{ job: 0, result: result as unknown as SimResult }],
    });
    const m = partialsMerge([{ name: 'p', text }]);
    if (!m.ok) throw new Error(m.message);
    expect(m.results[0]!.requirements[0]!.measured).toBeNaN();
    expect((m.results[0]!.nodes as unknown as { a: { x: number } }).a.x).toBe(Infinity);
    expect(m.results[0]).not.toHaveProperty('series');
  });
  it('shardParse: 0-based i of n', () => {
    expect(shardParse('0/1')).toEqual({ index: 0, count: 1 });
    expect(shardParse('3/4')).toEqual({ index: 3, count: 4 });
    expect(shardParse('4/4')).toMatch(/less than n/);
    expect(shardParse('0/0')).toMatch(/n must be/);
  });
});
