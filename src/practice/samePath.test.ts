/**
 * The app and CI give the same verdict: "Check my design" runs the plan's jobs on the worker pool
 * (here SimPool's inline mode, the same batch handler the Web Workers run), `archsim grade` on
 * worker threads; both scorecards match, number for number.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimPool } from '../worker/SimPool.ts';
import type { SimResult } from '../engine/types.ts';
import { problemById, problemDocument } from './problems.ts';
import { gradePlan, scorecardBuild } from './scorecard.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('one verdict', () => {
  it('the worker pool’s scorecard equals archsim grade --json for the same design', async () => {
    const p = problemById('job-scheduler')!;
    const plan = gradePlan(p, problemDocument(p, 'start'));
    if (!plan.ok) throw new Error(plan.messages.join(' '));
    const pool = createSimPool({ inline: true });
    const results = await new Promise<SimResult[]>((resolve, reject) =>
      pool.run(
        plan.jobs.map((j) => ({ doc: j.doc, seed: j.seed })),
        { onDone: resolve, onError: (m) => reject(new Error(m)) },
      ),
    );
    pool.destroy();
    const app = scorecardBuild(plan, results);
    const cli = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/archsim.mjs'), 'grade', 'scenarios/problems/job-scheduler.start.json', '--json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(cli.status).toBe(1);
    const card = JSON.parse(cli.stdout);
    expect(app.pass).toBe(false);
    expect(card.pass).toBe(app.pass);
    const measured = (c: { drills: { checks: { text: string; measured: number | null; pass: boolean }[] }[] }) =>
      c.drills.flatMap((d) => d.checks.map((k) => [k.text, k.pass, Number.isFinite(k.measured) ? k.measured : null]));
    expect(measured(card)).toEqual(measured(app));
    expect(card.cost.usdPerMonth).toBeCloseTo(app.cost.usdPerMonth, 9);
  });
});
