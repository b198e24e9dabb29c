/** `archsim grade`: the practice scorecard in a terminal, exit 1 on a failing design, 0 on the reference, 2 when it cannot grade. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/archsim.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('archsim grade', () => {
  it('fails the starting design (exit 1), naming the drill and the failed requirement with its measured value', () => {
    const r = cli('grade', 'scenarios/problems/job-scheduler.start.json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/practice scorecard: FAIL/);
    expect(r.stdout).toMatch(/FAIL {2}drill “Normal day”/);
    expect(r.stdout).toMatch(/FAIL {2}no report built twice: measured \d+/);
    expect(r.stdout).toMatch(/cost \$[\d,]+\/month, budget \$1,200\/month/);
    expect(r.stdout).toMatch(/duplicate side effects/);
  });
  it('passes the reference design (exit 0); --json prints the same verdict', () => {
    const r = cli('grade', 'scenarios/problems/job-scheduler.reference.json');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/every drill passes within budget/);
    const j = cli('grade', 'scenarios/problems/job-scheduler.reference.json', '--json');
    expect(j.status).toBe(0);
    const card = JSON.parse(j.stdout);
    expect(card.pass).toBe(true);
    expect(card.drills.map((d: { id: string }) => d.id)).toEqual(['normal-day', 'engine-errors']);
  });
  it('exit 2 with a one-line reason: no problem named, an unknown problem, a design missing a given node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grade-'));
    const plain = join(dir, 'plain.json');
    writeFileSync(plain, JSON.stringify({ version: 1, nodes: [{ id: 'c', kind: 'client' }] }));
    let r = cli('grade', plain);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/names no practice problem: pass --problem ID/);
    r = cli('grade', plain, '--problem', 'no-such-problem');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/There is no practice problem “no-such-problem”/);
    r = cli('grade', plain, '--problem', 'webhook-delivery');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"producers" \(the internal services publishing events\) is missing/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('archsim run reports cost', () => {
  it('prints the monthly cost at the run’s traffic, and --json carries it', () => {
    const r = cli('run', 'scenarios/mm1.json', '--duration', '100');
    expect(r.status).toBe(0);
    // One server of 1 worker at $0.01/h for 730 h.
    expect(r.stdout).toMatch(/Cost ≈ \$7\.30\/month at this run's traffic/);
    const j = JSON.parse(cli('run', 'scenarios/mm1.json', '--duration', '100', '--json').stdout);
    expect(j.cost.usdPerMonth).toBeCloseTo(7.3, 6);
  });
});
