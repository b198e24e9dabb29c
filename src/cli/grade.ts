/**
 * `archsim grade FILE`: grade a practice design the way the app's "Check my design" does: every
 * drill of its problem (with the drills' replications), in parallel worker threads, then the
 * scorecard. Exit 0 when every drill passes within budget, 1 when it fails, 2 when it cannot be
 * graded (no problem named, an unknown problem, a design missing the brief's nodes).
 */
import type { ArchDocument } from '../model/index.ts';
import { problemById, unknownProblemMessage, PROBLEMS } from '../practice/problems.ts';
import { gradePlan, scorecardBuild } from '../practice/scorecard.ts';
import { scorecardText } from '../practice/scorecardText.ts';
import { runParallel, WorkLimitError } from './pool.ts';

export async function gradeCommand(doc: ArchDocument, file: string, opts: { problem?: string; json: boolean }): Promise<number> {
  const id = opts.problem ?? doc.practice?.problem;
  if (!id) {
    process.stderr.write(
      `archsim: ${file} names no practice problem: pass --problem ID (one of ${PROBLEMS.map((p) => p.id).join(', ')}), or open the problem in the app and save the design from there\n`,
    );
    return 2;
  }
  const problem = problemById(id);
  if (!problem) {
    process.stderr.write(`archsim: ${unknownProblemMessage(id)}\n`);
    return 2;
  }
  const plan = gradePlan(problem, doc);
  if (!plan.ok) {
    process.stderr.write(`archsim: ${file} cannot be graded as “${problem.title}”: ${plan.messages.join(' ')}\n`);
    return 2;
  }
  const tty = Boolean(process.stderr.isTTY);
  let results;
  try {
    results = await runParallel(
      plan.jobs.map((j) => ({ doc: j.doc, opts: { traces: false as const }, maxEvents: 50_000_000 })),
      tty ? (done, total) => process.stderr.write(`\r  ${done}/${total} drill runs…`) : undefined,
    );
  } catch (e) {
    if (e instanceof WorkLimitError) {
      process.stderr.write(`archsim: a drill run was stopped: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (tty) process.stderr.write('\r\x1b[K');
  const card = scorecardBuild(plan, results);
  if (opts.json) process.stdout.write(`${JSON.stringify(card, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`);
  else process.stdout.write(`${scorecardText(card)}\n`);
  return card.pass ? 0 : 1;
}
