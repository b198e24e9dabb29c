/**
 * drillDocument: the document one drill runs: the candidate's design with the brief's given nodes
 * reset to the brief's parameters, the drill's traffic changes, and the drill's failures and
 * requirements as the scenario (the design's own scenario is not graded). `kind:<kind>` targets
 * expand to every node of that kind. Pure: imports only the model.
 */
import { graphProblems, parseDocument, formatErrors, type ArchDocument, type Failure, type Requirement } from '../model/index.ts';
import type { Drill, DrillRequirement, Problem } from './types.ts';

/** Metrics the engine grades itself (the rest are read from the result by `scorecardBuild`). */
export const ENGINE_METRIC = (m: DrillRequirement['metric']): m is Requirement['metric'] => m !== 'throughputRps';

/**
 * The node ids a drill target names: itself, every node of `kind:<kind>`, or the first node of
 * `one:<kind>` in the design's order (a failure of "one of your instances").
 */
export function targetNodes(doc: ArchDocument, target: string): string[] {
  const m = /^(kind|one):(.+)$/.exec(target);
  if (!m) return doc.nodes.some((n) => n.id === target) ? [target] : [];
  const ids = doc.nodes.filter((n) => n.kind === m[2]).map((n) => n.id);
  return m[1] === 'one' ? ids.slice(0, 1) : ids;
}

/** One graded line of a drill: its requirement, applied to one node. */
export interface DrillCheck {
  /** Index into drill.requirements. */
  requirement: number;
  node: string;
  text: string;
}

export type DrillDocument = { ok: true; doc: ArchDocument; checks: DrillCheck[] } | { ok: false; message: string };

/** What is wrong with the design as an answer to `problem`, before any drill runs (empty = gradeable). */
export function designProblems(problem: Problem, design: ArchDocument): string[] {
  const out: string[] = [];
  for (const g of problem.given) {
    const n = design.nodes.find((x) => x.id === g.id);
    if (!n)
      out.push(`The brief's node "${g.id}" (${g.role}) is missing: add it back, with id ${g.id}, or restart from the problem's canvas.`);
    else if (n.kind !== g.kind) out.push(`Node "${g.id}" must be a ${g.kind} (${g.role}), not a ${n.kind}.`);
  }
  for (const p of graphProblems(design)) if (p.severity === 'error') out.push(`${p.where}: ${p.message}`);
  return out;
}

export function drillDocument(problem: Problem, design: ArchDocument, drill: Drill): DrillDocument {
  const problems = designProblems(problem, design);
  if (problems.length) return { ok: false, message: problems.join(' ') };
  const nodes = design.nodes.map((n) => {
    const g = problem.given.find((x) => x.id === n.id);
    const extra = drill.sources?.[n.id];
    const workload = problem.workload?.[n.kind];
    if (!g && !extra && !workload) return n;
    return { ...n, params: { ...n.params, ...workload, ...g?.params, ...extra } };
  });
  const failures: Failure[] = [];
  for (const f of drill.failures)
    for (const target of targetNodes(design, f.target)) failures.push({ ...f, target, id: undefined } as unknown as Failure);
  const checks: DrillCheck[] = [];
  const requirements: Requirement[] = [];
  drill.requirements.forEach((r, i) => {
    const targets = targetNodes(design, r.target);
    for (const node of targets) {
      const text = targets.length > 1 || r.target !== node ? `${r.text} (${node})` : r.text;
      checks.push({ requirement: i, node, text });
      if (ENGINE_METRIC(r.metric)) requirements.push({ target: node, metric: r.metric, op: r.op, value: r.value, text });
    }
  });
  const parsed = parseDocument({
    ...design,
    nodes,
    scenario: { durationS: drill.durationS, warmupS: drill.warmupS ?? 0, seed: drill.seed, bucketS: 0, failures, requirements },
  });
  if (!parsed.ok) return { ok: false, message: `drill "${drill.name}" cannot run on this design: ${formatErrors(parsed.errors, 3)}` };
  return { ok: true, doc: parsed.doc, checks };
}
