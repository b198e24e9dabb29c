/**
 * What a component kind is: one module per kind (src/kinds/<kind>/), listed once in
 * registry.ts. The document model, the engine, the analysis, the CLI and the app all read
 * the kinds from the registry; nothing else names a kind.
 *
 *   params    zod schema of the node's parameters: defaults, ranges, units in the names,
 *             help text (`.describe`) saying what each does to the system
 *   meta      name, colour, palette blurb, icon (SVG shapes as data), card summary
 *   wiring    what the kind may call and be called by
 *   engine    compile (params → the core's typed arrays) and behaviour (KindEngine) over a
 *             narrow context (KindContext), never the whole simulation
 *   analysis  the traffic equations' view of it (analysis/analyzeDocument.ts, workEstimate.ts):
 *             its queueing station, what it forwards and how it splits, its own response time,
 *             the engine events a visit costs; sources: their rates
 *
 * Type-only imports here; the kind modules themselves may import `zod`, `model/params.ts`,
 * `engine/codes.ts`, `engine/core/*` and `lib/`: never React, the DOM, the store or the UI.
 */
import type { z } from 'zod';
import type { Rng } from '../engine/core/rng.ts';
import type { Finding, SimResult } from '../engine/types.ts';
import type { JobPool, RequestPool } from '../engine/pools.ts';
import type { Metrics } from '../engine/stats/Metrics.ts';
import type { CompiledModel, CompiledNodes } from '../engine/compile.ts';
import type { WorkStack } from '../engine/core/WorkStack.ts';
import type { TimerLists } from '../engine/core/TimerLists.ts';
import type { Station } from '../analysis/stationLoad.ts';
import type { NodeLoad } from '../analysis/types.ts';
import type { DocEdge } from '../model/schema.ts';

/** An SVG shape of a kind's 24×24 line icon (stroke = currentColor). */
export type IconShape =
  | { t: 'path'; d: string }
  | { t: 'rect'; x: number; y: number; width: number; height: number; rx?: number }
  | { t: 'circle'; cx: number; cy: number; r: number }
  | { t: 'ellipse'; cx: number; cy: number; rx: number; ry: number };

export interface KindMeta {
  /** Display name ("API gateway"), the one used by the palette, cards, CLI and docs. */
  name: string;
  color: string;
  /** One line for the palette. */
  blurb: string;
  /** What the engine does with it, for docs/FORMAT.md's kind table. */
  doc: string;
  icon: IconShape[];
}

export interface KindWiring {
  /** Originates requests (client, scheduler): takes no incoming calls, its requests are end-to-end. */
  source?: boolean;
  /** Makes no downstream calls (database, external endpoint). */
  leaf?: boolean;
  /** The only kinds it may call (a queue's consumers must be services); undefined = any non-source. */
  targets?: readonly string[];
  /** A warning when the node has no outgoing edge (undefined = none). */
  noCallsWarning?: (params: never) => string | null;
  /** An error when the node has no outgoing edge. */
  noCallsError?: string;
}

/** The narrow view of a running simulation that kind behaviour is written against. */
export interface KindContext {
  readonly now: number;
  readonly rng: Rng;
  readonly model: CompiledModel;
  readonly metrics: Metrics;
  readonly measuring: boolean;
  /** Current time-series bucket. */
  readonly bucket: number;
  readonly job: JobPool;
  readonly req: RequestPool;
  readonly work: WorkStack;
  readonly timers: TimerLists;
  /** Per node: workers available now (after capacity failures), and failure state. */
  readonly effWorkers: Float64Array;
  readonly down: Uint8Array;
  readonly crashP: Float64Array;
  /** Per edge: attempts sent and not yet answered. */
  readonly outstanding: Float64Array;
  /** Schedule an EventQueue event `delay` ms from now (codes.ts documents kinds and payloads). */
  schedule(delay: number, kind: number, a: number, b: number, c: number): void;
  /** The same at absolute time `t` (ms). */
  scheduleAt(t: number, kind: number, a: number, b: number, c: number): void;
  /** Next serial number (messages, operations). */
  nextSerial(): number;
  /** A new logical request from source node `s` (`user` ≥ 0 for a closed-loop user). */
  startRequest(s: number, user: number): void;
  /** A new attempt job at `node` for request `r`. */
  newJob(node: number, r: number, call: number, key: number, cause: number, edgeIn: number): number;
  /** The attempt reaches its node now (bounded: a node's arrival never recurses into another hop). */
  arrive(j: number): void;
  /** Take a worker now, or wait in the node's line, or be rejected (queue full). */
  admit(j: number, i: number): void;
  /** Start the node's own work (its service time); without workers for gateways, LBs, caches, queues. */
  startWork(j: number, i: number): void;
  /** The attempt leaves node i with `status`. */
  finishJob(j: number, status: number): void;
  /** Give back the job's worker before it leaves (a service that answers its downstream calls without holding a thread). */
  releaseWorker(j: number, i: number): void;
  /** True when consumer `c` can take a message now (a free worker, nobody waiting, up). */
  canTake(c: number): boolean;
  /** One execution of a side effect at node i for the job's operation (duplicates are counted). */
  sideEffect(j: number, i: number): void;
  /** Service idempotency store: true when the attempt was answered from the store. */
  idempotencyCheck(j: number, i: number): boolean;
  idempotencyRecord(j: number, i: number, status: number): void;
  /** The 429's Retry-After for the caller of job j. */
  setRetryAfter(j: number, ms: number): void;
  /** Drop a reference to request r (a message that held it is gone). */
  unref(r: number): void;
  /** Sampled tracing: whether job j is traced, and an event on its span. */
  traced(j: number): boolean;
  traceEvent(j: number, kind: string, text: string): void;
  traceSpan(j: number, parentSpan: number, attempt: number): void;
  traceRequestEvent(r: number, span: number, kind: string, text: string): void;
  /** The node id (for trace text). */
  nodeId(i: number): string;
}

/**
 * A kind's engine behaviour. `S` is its per-node runtime state (built by `init`). Every hook
 * runs on the per-event path: no document reads, strings (outside traced requests), Maps or
 * closures there.
 */
export interface KindEngine<S = unknown, P = unknown> {
  /** Params → the core's per-node typed arrays (workers, queue, service time, call plan …). */
  compile(p: P, i: number, c: CompiledNodes): void;
  /** Per-node runtime state, built once per simulation. */
  init?(p: P, i: number, m: CompiledModel): S;
  /** Sources: requests per ms the node is expected to start (trace sampling, work estimates). */
  requestRate?(p: P, durationMs: number): number;
  /** Sources: schedule the first events. */
  start?(ctx: KindContext, i: number, s: S): void;
  /** An EV_NODE event for this node (payload b, c as the kind documents). */
  event?(ctx: KindContext, i: number, s: S, b: number, c: number): void;
  /** Sources: one of its requests was answered (closed loop: the user thinks, then asks again). */
  requestDone?(ctx: KindContext, i: number, s: S, user: number): void;
  /** An attempt reaches the (up) node: admit it, start its work, answer it or reject it. */
  arrive?(ctx: KindContext, j: number, i: number, s: S): void;
  /** Which work the job does: 0 the node's service time, 1 its alternative (a database write). */
  workChoice?(ctx: KindContext, j: number, i: number, s: S): number;
  /** Own work done without error. True: make the downstream calls; false: it finished (or waits). */
  workDone?(ctx: KindContext, j: number, i: number, s: S): boolean;
  /** PLAN_PICK nodes: the out-edge the job's single call takes. */
  pick?(ctx: KindContext, i: number, s: S): number;
  /** The outcome of a call this node made over edge e (health checks). */
  callOutcome?(ctx: KindContext, e: number, ok: boolean, s: S): void;
  /** Whether this node's callOutcome needs to run at all (default: yes when the hook exists). */
  wantsOutcomes?(s: S): boolean;
  /** Whether node i's jobDone has anything to do (default: yes when the hook exists). */
  needsJobDone?(s: S, i: number, m: CompiledModel): boolean;
  /** The job is leaving with `status`; true when it must wait (waiters were queued, then OP_LEAVE). */
  jobDone?(ctx: KindContext, j: number, i: number, status: number, s: S): boolean;
  /** A consumer of this node (a queue) has a free worker: hand over messages; true if any. */
  pull?(ctx: KindContext, i: number, s: S): boolean;
  /** A consumer finished message job j that this node delivered. */
  consumerDone?(ctx: KindContext, j: number, i: number, status: number, s: S): void;
  /** The node came back up, or OP_RESUME: continue (a queue dispatches). */
  resume?(ctx: KindContext, i: number, s: S): void;
  /** Whether this node's pending timer (EV_NODE payload b, c) can no longer do anything; must stay true once true. */
  timerStale?(s: S, b: number, c: number): boolean;
  /** A flush failure begins (a cache forgets its entries). */
  flush?(ctx: KindContext, i: number, s: S): void;
  /** Once per bucket (idempotency stores prune expired keys). */
  bucketClosed?(ctx: KindContext, i: number, s: S): void;
}

/** What the traffic equations need for one node's load row (analysis/analyzeDocument.ts). */
export interface KindLoadInput {
  id: string;
  /** Arrivals per second, all sources. */
  lambda: number;
  /** Arrivals per second from each source. */
  inflow: Float64Array;
  /** Share of its arrivals it forwards downstream (after `filter`). */
  forwardedFraction: number;
  /** Its hit ratio (from `filter`), or 0. */
  hitRatio: number;
  /** For `consumers` kinds: the requests per second each out-edge's consumer can take. */
  consumerRps: number[];
}

/**
 * How the static analysis treats a kind. Every hook is optional: without them a node forwards
 * what it receives along each edge's callProbability, has no error rate of its own, responds in
 * its station's response time (0 without a station) and costs the engine one event per visit.
 * Pure functions of the node's parameters: no engine, no DOM.
 */
export interface KindAnalysis<P> {
  /** Its queueing station (capacity, service-time moments, the formula that applies); absent = no queued work of its own. */
  station?(p: P): Station;
  /** Its own error probability, which callers with retry.onError retry. */
  errorRate?(p: P): number;
  /** True when what it does to traffic depends on the rates (rate limiter, key-space cache, closed loop): the work estimate cannot then scale one unit run. */
  nonLinear?(p: P): boolean;
  /** Traffic it absorbs: scale `fwd` (a per-source copy of `inflow`) in place; returns the share it forwards, why traffic changed, its hit ratio. */
  filter?(p: P, id: string, inflow: Float64Array, fwd: Float64Array): { forwardedFraction: number; reason?: string; hitRatio?: number };
  /** How its forwarded traffic splits over its out-edges (default: each edge's callProbability). */
  shares?(p: P, edges: readonly DocEdge[], consumerRps: (e: DocEdge) => number): number[];
  /** A reason the traffic it forwards is not Poisson (it travels downstream into the notes), or null. */
  routingNote?(p: P, id: string): string | null;
  /** Its out-edges go to consumers that pull (a queue): their capacity is its capacity, their events count at it. */
  consumers?: boolean;
  /** As a consumer: requests per second it can take, workers / E[holding] (`effectiveMeanMs`: its own work plus downstream waits, NaN = unknown). */
  consumerRps?(p: P, effectiveMeanMs: number): number;
  /** Whether it holds its worker through its downstream calls (as a consumer it holds it until the ack). */
  holdsWorker?(p: P, consumer: boolean): boolean;
  /** The load row of a node without a station. */
  load?(p: P, x: KindLoadInput): NodeLoad;
  /** Time of its own per request (default: its station's response, 0 without one) and the share of its traffic that goes on downstream (default 1). */
  response?(p: P, x: { stationMs: number; forwardedFraction: number; hitRatio: number }): { ownMs: number; downstreamFactor: number };
  /** Engine events per visit (work estimate; default 1). */
  eventsPerVisit?(p: P): number;
  // ── sources ──
  /** Its open-loop rate (at `atS` s, or the peak over the scenario) and a sentence on where it comes from; null: a closed loop. */
  sourceRate?(p: P, durationS: number, atS: number | undefined): { rps: number; note: string } | null;
  /** A closed loop's users and think time (X = users / (think + R(X))). */
  closedLoop?(p: P): { users: number; thinkMs: number } | null;
  /** Why its arrivals are not Poisson (travels downstream into the notes), or null. */
  arrivalNote?(p: P, id: string): string | null;
  /** Requests it starts over [0, D] s. */
  requestsOver?(p: P, durationS: number): number;
  /** Its parameters emitting 1 request per second (`emit`) or none (the work estimate's unit runs). */
  unitRate?(p: P, emit: boolean): P;
  /** Its parameters as a steady rate equal to its mean over a run of D s (the non-linear work estimate). */
  averagedOver?(p: P, durationS: number): P;
  /** Times (s) where its rate changes. */
  ratePoints?(p: P): number[];
  /** Whether the traffic it sends changes over time (a schedule, bursts, a replayed recording): then a run has no steady state. */
  timeVarying?(p: P): boolean;
  /** Engine events of its own over a run of D s, outside the per-request ones (ticks, first think timers). */
  fixedEvents?(p: P, durationS: number): number;
  /** Why a run may never finish because of it, or undefined. */
  unbounded?(p: P, id: string): string | undefined;
}

export interface KindDef<K extends string = string, P extends z.ZodType = z.ZodType> {
  kind: K;
  params: P;
  meta: KindMeta;
  /** The card's one-line parameter summary ("4 workers · 20 ms exp"). */
  summary(params: z.output<P>): string;
  wiring: KindWiring;
  // The state type is private to the kind (the core treats it as opaque).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  engine: KindEngine<any, z.output<P>>;
  /** The static analysis' view of it (station, flow, response, work; see KindAnalysis). */
  analysis: KindAnalysis<z.output<P>>;
  /** What running one node of this kind costs per month (src/kinds/<kind>/cost.ts; prices documented there). */
  cost: KindCost<z.output<P>>;
  /** How the end-of-run findings speak of it, and its own detectors (undefined: the defaults). */
  findings?: KindFindings<z.output<P>>;
}

/**
 * What the findings (src/engine/findings/) need to know about a kind, so that they name no kind.
 * Every field is optional; the defaults describe a node with workers and a waiting line.
 */
export interface KindFindings<P> {
  /** Its waiting line is a broker's backlog that consumers drain (no latency of its own): "backlog" and "consumers", not "queue" and "workers"; a large backlog gets the backlog finding. */
  backlog?: boolean;
  /** Whether its waiting line has no bound (default: a `queueCapacity` param that is null). */
  unboundedLine?(p: P): boolean;
  /** Why it rejects, for the backpressure finding (default "a full queue (capacity K reached)"). */
  rejectWhy?: string;
  /** What to do about its rejections (default: add capacity, or let callers back off). */
  rejectAdvice?: string;
  /** Findings only this kind has (a key-space cache's stampede, an autoscaling group's lag), given the document's calls. */
  detect?(node: { id: string; params: P }, doc: { edges: readonly DocEdge[] }, r: SimResult): Finding[];
}

/** How much traffic a node carries, for its cost: measured by a run or expected by the analysis. */
export interface CostUsage {
  /** Attempts arriving per second (retries included). */
  arrivalRps: number;
}

/** Assumptions that price storage: how big one stored record is and how long it is kept. */
export interface CostEnv {
  bytesPerRecord: number;
  retentionDays: number;
}

/** One priced item of a node's bill: what it is, the quantity and unit price behind it, US$ per month. */
export interface CostLine {
  what: string;
  usdPerMonth: number;
}

/** A kind's cost model: params and usage → its monthly bill, one line per priced item. */
export type KindCost<P> = (params: P, usage: CostUsage, env: CostEnv) => CostLine[];
