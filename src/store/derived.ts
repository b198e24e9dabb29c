/**
 * Values derived from the document, computed once per document version (cached by object
 * identity, since every edit replaces `doc`): the traffic-equation analysis for the capacity
 * overlay, graph problems for the badges on nodes, and the expected work of a run.
 */
import { analyzeDocument, workEstimate, type Analysis, type WorkEstimate } from '../analysis/index.ts';
import { graphProblems, type ArchDocument, type GraphProblem } from '../model/index.ts';

const analyses = new WeakMap<ArchDocument, Analysis | { error: string }>();
const problems = new WeakMap<ArchDocument, GraphProblem[]>();
const work = new WeakMap<ArchDocument, WorkEstimate>();

/** The analysis of `doc`, or `{ error }` when the analysis cannot run on it (e.g. a cycle). */
export function documentAnalysis(doc: ArchDocument): Analysis | { error: string } {
  let a = analyses.get(doc);
  if (!a) {
    try {
      a = analyzeDocument(doc);
    } catch (e) {
      a = { error: e instanceof Error ? e.message : String(e) };
    }
    analyses.set(doc, a);
  }
  return a;
}

export function documentProblems(doc: ArchDocument): GraphProblem[] {
  let p = problems.get(doc);
  if (!p) {
    p = graphProblems(doc);
    problems.set(doc, p);
  }
  return p;
}

/** Problems that concern node `id`. */
export function documentNodeProblems(doc: ArchDocument, id: string): GraphProblem[] {
  return documentProblems(doc).filter((p) => p.nodes.includes(id));
}

/** The expected work of running `doc` (events, requests, seconds); an estimate that cannot be made counts as none. */
export function documentWork(doc: ArchDocument): WorkEstimate {
  let w = work.get(doc);
  if (!w) {
    try {
      w = workEstimate(doc);
    } catch {
      w = { events: 0, requests: 0, seconds: 0 };
    }
    work.set(doc, w);
  }
  return w;
}
