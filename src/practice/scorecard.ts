/**
 * Grading, in two pure halves around the runs: `gradePlan` turns a design into the runs "Check my
 * design" needs (every drill × its replications), and `scorecardBuild` turns their results into
 * the scorecard. Whoever runs the jobs (the CLI's worker threads, the app's worker pool) sits in
 * between, so this module imports the engine's result types only, never the engine.
 *
 * A requirement with replications is graded on the mean of its measured value across them (an
 * `== 0` bound therefore needs every replication at 0); its 95 % half-width is shown beside it.
 */
import type { ArchDocument } from '../model/index.ts';
import type { Finding, SimResult } from '../engine/types.ts';
import { drillDocument, designProblems, type DrillCheck } from './drillDocument.ts';
import { documentCost, type DocumentCost } from './cost.ts';
import { latencyCause } from './latencyPath.ts';
import { REQUIREMENT_OPS } from '../model/requirementOps.ts';
import type { Drill, Problem } from './types.ts';

export interface GradeJob {
  drill: number;
  replication: number;
  doc: ArchDocument;
  seed: number;
}

export type GradePlan =
  | { ok: true; problem: Problem; design: ArchDocument; jobs: GradeJob[]; checks: DrillCheck[][] }
  | { ok: false; problem: Problem; messages: string[] };

export function gradePlan(problem: Problem, design: ArchDocument): GradePlan {
  const before = designProblems(problem, design);
  if (before.length) return { ok: false, problem, messages: before };
  const jobs: GradeJob[] = [];
  const checks: DrillCheck[][] = [];
  const messages: string[] = [];
  problem.drills.forEach((drill, d) => {
    const dd = drillDocument(problem, design, drill);
    if (!dd.ok) {
      messages.push(dd.message);
      return;
    }
    checks.push(dd.checks);
    for (let k = 0; k < drill.replications; k++) {
      const seed = drill.seed + k;
      jobs.push({ drill: d, replication: k, seed, doc: { ...dd.doc, scenario: { ...dd.doc.scenario, seed } } });
    }
  });
  if (messages.length) return { ok: false, problem, messages };
  return { ok: true, problem, design, jobs, checks };
}

export interface CheckResult {
  text: string;
  node: string;
  pass: boolean;
  /** Mean across replications; NaN when nothing was measured (no request finished). */
  measured: number;
  /** 95 % half-width across replications (NaN with one). */
  ci95: number;
  /** Replications in which it passed. */
  passed: number;
  op: string;
  value: number;
  metric: string;
  /** A failed latency check: where its time goes, from the drill's first run (see latencyPath.ts). */
  why?: string;
}

export interface DrillScore {
  id: string;
  name: string;
  description: string;
  replications: number;
  pass: boolean;
  checks: CheckResult[];
  /** Critical and warning findings of its runs (one per kind and nodes). */
  findings: Finding[];
}

export interface Scorecard {
  problem: string;
  title: string;
  pass: boolean;
  /** Why the design could not be graded at all (a missing given node, a graph error). */
  blocked: string[];
  drills: DrillScore[];
  /** The problem's requirements on the design itself (no run needed). */
  designChecks: { text: string; pass: boolean; measured: string }[];
  cost: DocumentCost & { budgetUsdPerMonth: number; pass: boolean; basis: string };
  /** Findings left across all drills, most severe first. */
  findings: (Finding & { drill: string })[];
}

function meanCi(xs: number[]): { mean: number; ci95: number } {
  if (xs.some((x) => !Number.isFinite(x))) return { mean: NaN, ci95: NaN };
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, ci95: NaN };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  // Student's t 97.5 % quantiles for 1–9 degrees of freedom; drills use few replications.
  const t = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262][n - 2] ?? 2.2;
  return { mean, ci95: (t * sd) / Math.sqrt(n) };
}

function measure(check: DrillCheck, drill: Drill, result: SimResult): number {
  const r = drill.requirements[check.requirement]!;
  if (r.metric === 'throughputRps') {
    const s = Math.max(1e-9, result.simulatedS - result.warmupS);
    const src = result.sources[check.node];
    if (src) return src.succeeded / s;
    const n = result.nodes[check.node];
    return n ? n.completed / s : NaN;
  }
  const q = result.requirements.find((x) => x.text === check.text && x.target === check.node);
  return q ? q.measured : NaN;
}

const findingKey = (f: Finding) => `${f.kind}|${[...f.nodes].sort().join(',')}`;
// Requirement misses are the checks themselves; warm-up advice is about the run, not the design.
const SKIPPED_FINDINGS = new Set(['sloMiss', 'warmupTooShort']);
/** How many of a failed drill's findings the scorecard shows (the app's card; the claims test checks the cause is among them). */
export const DRILL_FINDINGS_SHOWN = 3;

/**
 * Findings that restate a symptom (requests failed, a node answered errors) rather than name a
 * cause. A drill orders its findings by severity, then each kind's first finding before its
 * repeats on other nodes, then causes before symptoms, so the few it shows say why.
 */
const SYMPTOM_FINDINGS = new Set(['requestsFailed', 'errors']);
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;
function causesFirst(findings: Finding[]): Finding[] {
  const seenKinds = new Set<string>();
  const keyed = findings.map((f, i) => {
    const repeat = seenKinds.has(f.kind);
    seenKinds.add(f.kind);
    return { f, i, rank: [SEVERITY_RANK[f.severity], Number(repeat), Number(SYMPTOM_FINDINGS.has(f.kind))] };
  });
  keyed.sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]! || a.rank[2]! - b.rank[2]! || a.i - b.i);
  return keyed.map((k) => k.f);
}

/** The scorecard of `plan`, given its jobs' results in job order. */
export function scorecardBuild(plan: GradePlan, results: readonly SimResult[]): Scorecard {
  const { problem } = plan;
  const budget = problem.budgetUsdPerMonth;
  if (!plan.ok) {
    return {
      problem: problem.id,
      title: problem.title,
      pass: false,
      blocked: plan.messages,
      drills: [],
      designChecks: [],
      cost: { usdPerMonth: 0, nodes: [], budgetUsdPerMonth: budget, pass: false, basis: 'not graded' },
      findings: [],
    };
  }
  const drills: DrillScore[] = problem.drills.map((drill, d) => {
    const runs = plan.jobs.map((j, i) => ({ j, r: results[i]! })).filter((x) => x.j.drill === d);
    const checks = plan.checks[d]!.map((c): CheckResult => {
      const r = drill.requirements[c.requirement]!;
      const xs = runs.map(({ r: res }) => measure(c, drill, res));
      const { mean, ci95 } = meanCi(xs);
      const ok = (x: number) => Number.isFinite(x) && REQUIREMENT_OPS[r.op](x, r.value);
      const pass = ok(mean);
      const why =
        !pass && runs[0] ? latencyCause(runs[0].j.doc, runs[0].r, c.node, r.metric, runs.length > 1 ? 'the first run' : undefined) : null;
      return {
        text: c.text,
        node: c.node,
        pass,
        measured: mean,
        ci95,
        passed: xs.filter(ok).length,
        op: r.op,
        value: r.value,
        metric: r.metric,
        ...(why ? { why } : {}),
      };
    });
    const seen = new Map<string, Finding>();
    for (const { r } of runs)
      for (const f of r.findings)
        if (f.severity !== 'info' && !SKIPPED_FINDINGS.has(f.kind) && !seen.has(findingKey(f))) seen.set(findingKey(f), f);
    return {
      id: drill.id,
      name: drill.name,
      description: drill.description,
      replications: runs.length,
      pass: checks.every((c) => c.pass),
      checks,
      findings: causesFirst([...seen.values()]),
    };
  });
  // The bill is priced on the first drill (the normal day): its measured arrivals per node.
  const base = plan.jobs.map((j, i) => ({ j, r: results[i]! })).filter((x) => x.j.drill === 0);
  const rps = (id: string) => {
    const xs = base.map(({ r }) => (r.nodes[id]?.arrivals ?? 0) / Math.max(1e-9, r.simulatedS - r.warmupS));
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
  };
  const bill = documentCost(plan.design, rps, problem.storage);
  const cost = {
    ...bill,
    budgetUsdPerMonth: budget,
    pass: bill.usdPerMonth <= budget,
    basis: `traffic measured in the drill “${problem.drills[0]!.name}”, scaled to a 730-hour month`,
  };
  const designChecks = (problem.designChecks ?? []).map((c) => ({ text: c.text, ...c.grade(plan.design) }));
  const RANK = { critical: 0, warning: 1, info: 2 } as const;
  const findings = drills
    .flatMap((d) => d.findings.map((f) => ({ ...f, drill: d.name })))
    .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return {
    problem: problem.id,
    title: problem.title,
    pass: drills.every((d) => d.pass) && cost.pass && designChecks.every((c) => c.pass),
    blocked: [],
    drills,
    designChecks,
    cost,
    findings,
  };
}
