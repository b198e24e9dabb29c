/** Tests only: grade a design in this thread (the CLI and the app run the same plan on workers). */
import { simulate } from '../../engine/index.ts';
import type { ArchDocument } from '../../model/index.ts';
import { gradePlan, scorecardBuild, type Scorecard } from '../scorecard.ts';
import type { Problem } from '../types.ts';

export function gradeInline(problem: Problem, design: ArchDocument): Scorecard {
  const plan = gradePlan(problem, design);
  return scorecardBuild(plan, plan.ok ? plan.jobs.map((j) => simulate(j.doc, { traces: false })) : []);
}
