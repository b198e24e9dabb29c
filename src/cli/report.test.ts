/** `run --json --series` and the report fields `run --json` prints (see README, Command line). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/archsim.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('archsim run --json report fields', () => {
  it('--series adds one value per bucket for every node metric and source; without it there is no series', () => {
    const plain = JSON.parse(cli('run', 'scenarios/circuit-breaker.json', '--json').stdout);
    expect(plain).not.toHaveProperty('series');
    const r = cli('run', 'scenarios/circuit-breaker.json', '--json', '--series');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.series.bucketS).toBe(1);
    expect(j.series.nodes.checkout.arrivals).toHaveLength(90); // 90 s in 1 s buckets
    expect(j.series.sources.shoppers.requests).toHaveLength(90);
    // The series cover the whole run; the totals the same run (no warm-up here): they agree exactly.
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(sum(j.series.nodes.checkout.arrivals)).toBe(j.nodes.checkout.arrivals);
    // Everything else is what plain --json prints.
    const { series: _, ...rest } = j;
    expect({ ...rest, wallMs: 0 }).toEqual({ ...plain, wallMs: 0 });
  });
  it('breakerTransitions, peakConcurrency and waitPercentilesMs are in plain --json', () => {
    const j = JSON.parse(cli('run', 'scenarios/circuit-breaker.json', '--json').stdout);
    expect(j.breakerTransitions.cap).toBe(1000);
    expect(j.breakerTransitions.list[0]).toMatchObject({ edge: 'checkout-fraud', to: 'open' });
    expect(j.nodes.checkout.peakConcurrency).toBeGreaterThan(0);
    expect(Object.keys(j.nodes.checkout.waitPercentilesMs)).toEqual(['p50', 'p95', 'p99']);
  });
  it('--series without run --json is a usage error naming the rule', () => {
    const r = cli('run', 'scenarios/mm1.json', '--series');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--series goes with run --json/);
  });
});
