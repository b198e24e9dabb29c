/**
 * Result types of the static analysis. The canvas overlay (issue 4) and the theory-vs-simulation
 * view (issue 7) read these; fields may be added, existing ones keep their meaning.
 */

/** Analytic queueing expectation at one node. */
export interface NodeExpectation {
  /** Mean time waiting for a worker, ms. */
  waitMs: number;
  /** Mean time in the node (wait + own service), ms. Downstream calls are not included. */
  responseMs: number;
  /** The model used, e.g. "M/M/4", "M/D/1", "M/G/8 (Allen–Cunneen)", "M/M/4/54". */
  model: string;
  /** Probability an arrival is rejected (finite capacity models only). */
  blockingProbability?: number;
}

/** Expected load of one node. */
export interface NodeLoad {
  /** Arrivals per second: attempts, including retries (for a client or scheduler: what it emits). */
  arrivalRps: number;
  /** Most arrivals per second it can serve, c/E[S]; null when unlimited or not a queueing station. */
  capacityRps: number | null;
  /** arrivalRps / capacityRps; may exceed 1 (overloaded). null when capacity is null. */
  utilization: number | null;
  /** Parallel servers c (workers, pool size, concurrency); 0 for nodes that do no queued work. */
  workers: number;
  expected?: NodeExpectation;
  /** One human-readable sentence or two: approximations, assumptions, why a value is missing. */
  note?: string;
  /** Cache nodes: the hit ratio used for the miss traffic. */
  hitRatio?: number;
}

/** Expected traffic on one edge. */
export interface EdgeLoad {
  /** Attempts per second sent along the edge (retries included). */
  rps: number;
  /** Expected attempts per call made by the caller (1 = no retry amplification). */
  attemptsPerCall?: number;
}

export interface Analysis {
  nodes: Record<string, NodeLoad>;
  edges: Record<string, EdgeLoad>;
}
