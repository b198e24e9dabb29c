/**
 * What a practice problem is: a brief with numbers, the nodes the brief gives (traffic and the
 * systems outside the candidate's control), failure drills with graded requirements, a budget,
 * hints and a reference design. Plain data; the documents live in scenarios/problems/.
 */
import type { ArchDocument, Failure, NodeKind, RequirementMetric } from '../model/index.ts';

/** A node the brief fixes: it must stay in the design with its kind, and its `params` are reset to these for every drill. */
export interface GivenNode {
  id: string;
  kind: NodeKind;
  /** The parameters the brief sets (a client's rate, a partner's latency); the rest stay the user's. */
  params: Record<string, unknown>;
  /** Why it is fixed, for the brief ("the partners' traffic", "the customer's endpoint, not yours"). */
  role: string;
}

/** Engine metrics plus the ones grading reads from a result directly. */
export type DrillMetric = RequirementMetric | 'throughputRps';

/**
 * One graded requirement of a drill. `target` is a node id (normally a given node), or
 * `kind:<kind>` for every node of that kind in the design (`kind:queue`: "no queue dead-letters").
 */
export interface DrillRequirement {
  target: string;
  metric: DrillMetric;
  op: '<' | '<=' | '>' | '>=' | '==';
  value: number;
  text: string;
}

/** A scripted failure of a drill: a `Failure` whose target may also be `kind:<kind>`. */
export type DrillFailure = Pick<Failure, 'target' | 'kind' | 'atS' | 'durationS'> & Partial<Failure>;

export interface Drill {
  id: string;
  name: string;
  /** What happens in it and what a good design does, in a sentence or two. */
  description: string;
  durationS: number;
  warmupS?: number;
  seed: number;
  /** Independent runs (seeds seed, seed+1, …); more than 1 where noise could flip a verdict. */
  replications: number;
  failures: DrillFailure[];
  /** Parameter changes on given sources for this drill only (a traffic spike). */
  sources?: Record<string, Record<string, unknown>>;
  requirements: DrillRequirement[];
}

/** A claim the tests check: the naive starting design fails `drill` on `requirement` (its text), and `finding` (a kind) shows why. */
export interface NaiveClaim {
  drill: string;
  requirement: string;
  finding: string;
  why: string;
}

/** A requirement on the design itself rather than on a run (a staleness bound is a cache's TTL). */
export interface DesignCheck {
  text: string;
  /** The measured value, in words, and whether it meets the bound. */
  grade: (doc: ArchDocument) => { pass: boolean; measured: string };
}

export interface Problem {
  id: string;
  title: string;
  /** One line for the picker. */
  summary: string;
  brief: {
    context: string;
    functional: string[];
    nonFunctional: string[];
    /** The numbers the design is sized from: QPS, latency SLO, durability, retention, record size. */
    numbers: { label: string; value: string }[];
  };
  given: GivenNode[];
  /** Workload parameters set on every node of a kind for every drill (a cache's key space and popularity are the traffic's, not the design's). */
  workload?: Partial<Record<NodeKind, Record<string, unknown>>>;
  /** Storage assumptions for the cost models. */
  storage: { bytesPerRecord: number; retentionDays: number };
  budgetUsdPerMonth: number;
  drills: Drill[];
  /** Requirements on the design's parameters, graded without a run. */
  designChecks?: DesignCheck[];
  hints: string[];
  /** The starting canvas (a naive design, or only the given nodes) and the reference design, as stored JSON (see `problemDocument`). */
  start: unknown;
  reference: unknown;
  /** What the reference trades off, and what a first version would leave for later. */
  tradeoffs: string;
  v1Defers: string[];
  /** What the starting design gets wrong, as checked claims (empty when it starts empty). */
  naiveFails: NaiveClaim[];
  /** Back of the envelope: the brief's own arithmetic (the app adds the per-tier capacity from the analysis). */
  envelope: { label: string; value: string; how: string }[];
}
