/**
 * compile: ArchDocument → CompiledModel. String ids become integer indices once, adjacency
 * becomes CSR arrays, and parameters become typed arrays, so the event loop never touches a
 * Map, a string or the document's object graph. Each kind fills its nodes' entries of the
 * per-node arrays (its `engine.compile`, src/kinds/<kind>/engine.ts); this file knows no kind.
 *
 *   nodes  0..n-1   kind[] (registry index), workers[], queueCap[], work distributions …
 *   edges  0..m-1   src[], dst[], timeoutMs[], maxAttempts[] …
 *   outStart[node]..outStart[node+1]  → outEdges[]  (edges leaving node, document order)
 *   inStart[node]..inStart[node+1]    → inEdges[]   (edges entering node)
 *   consStart[node]..consStart[node+1] → consQueues[] (the nodes a consumer pulls from)
 */
import type { ArchDocument } from '../model/schema.ts';
import { graphProblems } from '../model/graph.ts';
import { invalidDesign } from './errors.ts';
import { KIND_INDEX, KINDS } from '../kinds/registry.ts';
import {
  ARRIVE_ADMIT,
  ARRIVE_GUARDED,
  ARRIVE_HOOK,
  ARRIVE_WORK,
  DONE_ANSWER,
  DONE_CALLS,
  DONE_CALLS_CHECKED,
  DONE_HOOK,
  PLAN_SEQUENCE,
  SHED_CANCELLED,
} from './codes.ts';
import type { AutoscalePlan } from './core/autoscale.ts';
import { bucketPlan } from '../model/buckets.ts';
import type { OverloadArrays } from './core/overload.ts';

export const JITTER_CODE = { none: 0, full: 1, equal: 2, decorrelated: 3 } as const;
export const DL_NONE = 0,
  DL_TIMEOUT = 1,
  DL_BUDGET = 2;
const DEADLINE_CODE = { none: DL_NONE, timeout: DL_TIMEOUT, budget: DL_BUDGET } as const;

/** The per-node arrays a kind's compile step fills (defaults: no workers limit, no work, sequence). */
export interface CompiledNodes extends OverloadArrays {
  /** Workers / pool / concurrency; Infinity = unlimited (gateways, LBs, caches, queues …). */
  workers: Float64Array;
  /** Waiting slots beyond the workers; Infinity = unbounded. A kind may use it for its own capacity (a queue's messages). */
  queueCap: Float64Array;
  lifo: Uint8Array;
  /** Own work (0) and an alternative the kind may choose per job (1: a database write): type, p1, p2. */
  svcType: Uint8Array;
  svcP1: Float64Array;
  svcP2: Float64Array;
  altType: Uint8Array;
  altP1: Float64Array;
  altP2: Float64Array;
  errorRate: Float64Array;
  /** PLAN_SEQUENCE, PLAN_PARALLEL or PLAN_PICK (codes.ts). */
  plan: Uint8Array;
  /** Always schedules its work as an event, even when it takes 0 ms (else zero-time work answers at once). */
  timedWork: Uint8Array;
  /** The kind counts the node's completions itself (a queue's are acked messages, not producer acks). */
  ownCompletions: Uint8Array;
  /** A source of requests (client, scheduler). */
  source: Uint8Array;
  sideEffect: Uint8Array;
  blockingCalls: Uint8Array;
  /** Service idempotency store: 0 off, 1 atomic, 2 check-then-record. */
  idemMode: Uint8Array;
  idemRetentionMs: Float64Array;
  /** Database unique key / external dedupe. */
  dedupe: Uint8Array;
  /** Consumers of this node pull from it (a queue); its out-edges are consumer edges. */
  pulled: Uint8Array;
  /** ARRIVE_* and DONE_* (codes.ts): what the core does on arrival and after the node's own work (defaults: a hook if the kind has one, else WORK / CALLS). */
  arrivePlan: Uint8Array;
  donePlan: Uint8Array;
  /** DONE_CALLS: the worker is free once the own work is done (not held through the calls). */
  releaseAfterWork: Uint8Array;
  /** A pulled node's share of poison messages (ids that always fail at the consumer); its consumers get DONE_CALLS_CHECKED. */
  poison: Float64Array;
  /** Database optimistic concurrency on hot rows (its kind keeps the versions); the result then reports `occ`. */
  occ: Uint8Array;
  /** Per node: its autoscaling group (core/autoscale.ts), or null. */
  autoscale: (AutoscalePlan | null)[];
}

export interface CompiledModel extends CompiledNodes {
  doc: ArchDocument;
  n: number;
  m: number;
  ids: string[];
  edgeIds: string[];
  nodeIndex: Map<string, number>;
  edgeIndex: Map<string, number>;
  /** Index of the node's kind in the registry (kinds/registry.ts). */
  kind: Uint8Array;
  outStart: Int32Array;
  outEdges: Int32Array;
  inStart: Int32Array;
  inEdges: Int32Array;
  /** For each consumer, the nodes it pulls from (CSR). */
  consStart: Int32Array;
  consQueues: Int32Array;
  src: Int32Array;
  dst: Int32Array;
  timeoutMs: Float64Array;
  maxAttempts: Int32Array;
  baseMs: Float64Array;
  capMs: Float64Array;
  multiplier: Float64Array;
  jitter: Uint8Array;
  retryOnTimeout: Uint8Array;
  retryOnError: Uint8Array;
  retryOnRejected: Uint8Array;
  callProbability: Float64Array;
  weight: Float64Array;
  latencyMs: Float64Array;
  reuseKey: Uint8Array;
  async: Uint8Array;
  /** Edge deadline: DL_NONE, DL_TIMEOUT (send + timeoutMs per attempt), DL_BUDGET (call start + budgetMs). */
  deadlineMode: Uint8Array;
  deadlineBudgetMs: Float64Array;
  cancelOnTimeout: Uint8Array;
  /** Some edge sets a deadline: jobs then carry one and every call honours the inherited deadline. */
  deadlines: boolean;
  /** Sources (clients and schedulers) in node order, and each node's ordinal among them (−1). */
  sources: Int32Array;
  sourceOf: Int32Array;
  durationMs: number;
  warmupMs: number;
  bucketMs: number;
  buckets: number;
}

function csr(n: number, pairs: [number, number][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const [k] of pairs) start[k + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const items = new Int32Array(pairs.length);
  const fill = start.slice(0, n);
  for (const [k, v] of pairs) items[fill[k]!++] = v;
  return { start, items };
}

/** Compile a design; throws EngineError('invalid-design') when its graph has errors (cycles, dangling ids …). */
export function compile(doc: ArchDocument, overrides: { durationS?: number } = {}): CompiledModel {
  const errors = graphProblems(doc).filter((p) => p.severity === 'error');
  if (errors.length > 0) throw invalidDesign(errors);
  const n = doc.nodes.length;
  const m = doc.edges.length;
  const nodeIndex = new Map(doc.nodes.map((x, i) => [x.id, i]));
  const edgeIndex = new Map(doc.edges.map((x, i) => [x.id, i]));
  const f64 = (v = 0) => new Float64Array(n).fill(v);
  const u8 = () => new Uint8Array(n);
  const c: CompiledNodes = {
    workers: f64(Infinity),
    queueCap: f64(Infinity),
    lifo: u8(),
    svcType: u8(),
    svcP1: f64(),
    svcP2: f64(),
    altType: u8(),
    altP1: f64(),
    altP2: f64(),
    errorRate: f64(),
    plan: new Uint8Array(n).fill(PLAN_SEQUENCE),
    timedWork: u8(),
    ownCompletions: u8(),
    source: u8(),
    sideEffect: u8(),
    blockingCalls: u8(),
    idemMode: u8(),
    idemRetentionMs: f64(),
    dedupe: u8(),
    pulled: u8(),
    arrivePlan: u8(),
    donePlan: u8(),
    releaseAfterWork: u8(),
    contention: u8(),
    contAlpha: f64(),
    contBeta: f64(),
    shedAtStart: u8(),
    queueTimeoutMs: f64(),
    poison: f64(),
    occ: u8(),
    autoscale: new Array<AutoscalePlan | null>(n).fill(null),
    limitMode: u8(),
    limitInit: f64(),
    limitMin: f64(),
    limitMax: f64(),
    limitBackoff: f64(),
    limitSlowMs: f64(),
  };
  const kind = new Uint8Array(n);
  const sources: number[] = [];
  doc.nodes.forEach((node, i) => {
    const k = KIND_INDEX[node.kind];
    kind[i] = k;
    const engine = KINDS[k]!.engine;
    // Hooks by default; a kind's compile may choose one of the core's common behaviours instead.
    c.arrivePlan[i] = engine.arrive ? ARRIVE_HOOK : ARRIVE_WORK;
    c.donePlan[i] = engine.workDone ? DONE_HOOK : DONE_CALLS;
    (engine.compile as (p: unknown, i: number, c: CompiledNodes) => void)(node.params, i, c);
    if (c.source[i]) sources.push(i);
  });
  const src = new Int32Array(m),
    dst = new Int32Array(m);
  const e = {
    timeoutMs: new Float64Array(m),
    maxAttempts: new Int32Array(m),
    baseMs: new Float64Array(m),
    capMs: new Float64Array(m),
    multiplier: new Float64Array(m),
    jitter: new Uint8Array(m),
    retryOnTimeout: new Uint8Array(m),
    retryOnError: new Uint8Array(m),
    retryOnRejected: new Uint8Array(m),
    callProbability: new Float64Array(m),
    weight: new Float64Array(m),
    latencyMs: new Float64Array(m),
    reuseKey: new Uint8Array(m),
    async: new Uint8Array(m),
    deadlineMode: new Uint8Array(m),
    deadlineBudgetMs: new Float64Array(m),
    cancelOnTimeout: new Uint8Array(m),
  };
  doc.edges.forEach((edge, j) => {
    src[j] = nodeIndex.get(edge.source)!;
    dst[j] = nodeIndex.get(edge.target)!;
    const p = edge.params;
    e.timeoutMs[j] = p.timeoutMs > 0 ? p.timeoutMs : Infinity;
    e.maxAttempts[j] = p.retry.maxAttempts;
    e.baseMs[j] = p.retry.baseMs;
    e.capMs[j] = p.retry.capMs;
    e.multiplier[j] = p.retry.multiplier;
    e.jitter[j] = JITTER_CODE[p.retry.jitter];
    e.retryOnTimeout[j] = p.retry.onTimeout ? 1 : 0;
    e.retryOnError[j] = p.retry.onError ? 1 : 0;
    e.retryOnRejected[j] = p.retry.onRejected ? 1 : 0;
    e.callProbability[j] = p.callProbability;
    e.weight[j] = p.weight;
    e.latencyMs[j] = p.latencyMs;
    e.reuseKey[j] = p.reuseIdempotencyKey ? 1 : 0;
    e.async[j] = p.async ? 1 : 0;
    e.deadlineMode[j] = DEADLINE_CODE[p.deadline.mode];
    e.deadlineBudgetMs[j] = p.deadline.budgetMs;
    e.cancelOnTimeout[j] = p.deadline.cancelOnTimeout ? 1 : 0;
    // The callee checks for cancellation when an attempt reaches a worker.
    if (p.deadline.cancelOnTimeout) c.shedAtStart[dst[j]!]! |= SHED_CANCELLED;
  });
  const out = csr(
    n,
    doc.edges.map((_, j) => [src[j]!, j]),
  );
  const inn = csr(
    n,
    doc.edges.map((_, j) => [dst[j]!, j]),
  );
  const cons = csr(
    n,
    doc.edges.map((_, j) => [dst[j]!, src[j]!] as [number, number]).filter(([, s]) => c.pulled[s]),
  );
  // Consumers of a queue with poison messages check each message's flag after their work.
  for (let k = 0; k < n; k++) {
    for (let q = cons.start[k]!; q < cons.start[k + 1]!; q++) {
      if (c.poison[cons.items[q]!]! > 0 && c.donePlan[k] === DONE_CALLS) c.donePlan[k] = DONE_CALLS_CHECKED;
    }
  }
  // Admission checks are the guarded path's, so a plain node's admit tests none of them.
  for (let k = 0; k < n; k++)
    if (c.arrivePlan[k] === ARRIVE_ADMIT && (c.idemMode[k] || c.limitMode[k] || c.shedAtStart[k])) c.arrivePlan[k] = ARRIVE_GUARDED;
  // A node that calls nothing answers once its work is done: DONE_ANSWER, the same answer that
  // DONE_CALLS reaches through proceed() (the worker is freed first either way). After the
  // poison check, which looks for DONE_CALLS.
  for (let k = 0; k < n; k++) if (c.donePlan[k] === DONE_CALLS && out.start[k] === out.start[k + 1]) c.donePlan[k] = DONE_ANSWER;
  const sourceOf = new Int32Array(n).fill(-1);
  sources.forEach((s, k) => {
    sourceOf[s] = k;
  });
  const durationMs = (overrides.durationS ?? doc.scenario.durationS) * 1000;
  const { bucketMs, buckets } = bucketPlan(durationMs, doc.scenario.bucketS, n);
  return {
    doc,
    n,
    m,
    ids: doc.nodes.map((x) => x.id),
    edgeIds: doc.edges.map((x) => x.id),
    nodeIndex,
    edgeIndex,
    kind,
    ...c,
    ...e,
    deadlines: doc.edges.some((x) => x.params.deadline.mode !== 'none'),
    src,
    dst,
    outStart: out.start,
    outEdges: out.items,
    inStart: inn.start,
    inEdges: inn.items,
    consStart: cons.start,
    consQueues: cons.items,
    sources: Int32Array.from(sources),
    sourceOf,
    durationMs,
    warmupMs: Math.min(doc.scenario.warmupS * 1000, durationMs),
    bucketMs,
    buckets,
  };
}
