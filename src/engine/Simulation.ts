/**
 * Simulation: the event loop and the request lifecycle. It knows no component kind by name:
 * what a node does is its kind's module (src/kinds/<kind>/engine.ts), called through the
 * narrow KindContext this class implements.
 *
 * Time is simulated milliseconds. The loop pops (time, seq)-ordered events, dispatches on an
 * integer kind (codes.ts), then drains the work stack of hops the event started. An attempt's
 * life:
 *
 *   caller job ──startCall──▶ Call ──attempt──▶ child Job ──OP_ARRIVE──▶ kind.arrive
 *        ▲                     │ timeout (timer list) · backoff (EV_RETRY)        │
 *        └── callResponse ◀─OP_RESPOND── leave ◀── finishJob ◀── own work, calls ◀┘
 *
 * Hops go through the work stack, never the JS call stack, so a chain's depth is bounded by
 * memory only; the stack runs them depth first, in the order direct calls would have.
 * Timeouts end the caller's wait only: the child job keeps running and its side effects still
 * happen (DESIGN §3). A late response is recognised by its attempt token and ignored.
 * No DOM, no globals, no Math.random: runs the same in Node and in a Web Worker.
 */
import type { ArchDocument } from '../model/schema.ts';
import type { KindContext, KindEngine } from '../kinds/types.ts';
import { KIND_ENGINES } from '../kinds/registry.ts';
import { EventQueue } from './core/EventQueue.ts';
import { WorkStack } from './core/WorkStack.ts';
import { TimerLists, type TimerStale } from './core/TimerLists.ts';
import { Rng } from './core/rng.ts';
import { distributionSample } from './core/distributions.ts';
import { CONT_BUSY, aimdNext, contentionFactor } from './core/overload.ts';
import { compile, DL_BUDGET, DL_TIMEOUT, type CompiledModel } from './compile.ts';
import { CallPool, IntDeque, JobPool, RequestPool } from './pools.ts';
import { Metrics } from './stats/Metrics.ts';
import {
  HISTOGRAM_BINS,
  HISTOGRAM_INDEX_OFFSET,
  HISTOGRAM_SCRATCH_F64,
  HISTOGRAM_SCRATCH_HIGH,
  HISTOGRAM_SHIFT,
} from './stats/histogram.ts';
import { Resilience, RES_BREAKER, RES_THROTTLE } from './Resilience.ts';
import { crashNode } from './crash.ts';
import { Autoscaler } from './Autoscaler.ts';
import { SideEffects, ENT_APPLIED, ENT_COUNT, ENT_IDEM } from './SideEffects.ts';
import { Tracer, type TraceOptions } from './Tracer.ts';
import { formatMs } from '../lib/formatMs.ts';
import {
  CAUSE_NEW_KEY,
  CAUSE_NONE,
  CAUSE_RETRY_ERROR,
  CAUSE_RETRY_TIMEOUT,
  DOWN_FAST,
  DOWN_HANG,
  EV_BUCKET,
  EV_DELIVER,
  EV_DONE,
  EV_FAIL_END,
  EV_FAIL_START,
  EV_NODE,
  EV_RESPONSE,
  EV_RETRY,
  EV_SCALE,
  EV_TIMEOUT,
  EV_TIMER,
  EV_WARMUP,
  F_ALT,
  F_CANCEL,
  F_CLAIM,
  F_DIRECT,
  F_OWN_DONE,
  F_POISON,
  F_WORKER,
  OP_ARRIVE,
  OP_FANOUT,
  OP_FINISH,
  OP_LEAVE,
  OP_NEXT,
  OP_PROCEED,
  OP_RESPOND,
  OP_RESUME,
  PLAN_SEQUENCE,
  PLAN_PICK,
  ARRIVE_ADMIT,
  ARRIVE_GUARDED,
  ARRIVE_HOOK,
  DONE_ANSWER,
  DONE_CALLS_CHECKED,
  DONE_HOOK,
  STATUS_TEXT,
  ST_BREAKER,
  ST_CONFLICT,
  ST_ERROR,
  ST_FULL,
  ST_HANG,
  ST_OK,
  ST_RATE,
  ST_SHED,
  ST_TIMEOUT,
  SHED_CANCELLED,
  SHED_EXPIRED,
  SHED_QUEUE_TIMEOUT,
  LIMIT_AIMD,
  UP,
} from './codes.ts';

export interface SimOptions {
  seed?: number;
  durationS?: number;
  /** Wall clock in ms, for wallMs only (never affects results). Default: performance.now. */
  clock?: () => number;
  /**
   * Request-trace sampling; false turns it off. By default about 2,000 requests of the run
   * are traced (between 0.02 % and 5 % of them) and 200 traces are kept.
   */
  traces?: TraceOptions | false;
}

const defaultClock = (): number => (globalThis as { performance?: { now(): number } }).performance?.now() ?? 0;

// Failure kinds, compiled from the scenario.
const FK_DOWN = 0,
  FK_SLOW = 1,
  FK_ERROR = 2,
  FK_CAPACITY = 3,
  FK_CRASH = 4,
  FK_PARTITION = 5,
  FK_LATENCY = 6,
  FK_FLUSH = 7;
const FAILURE_CODE = {
  down: FK_DOWN,
  slowdown: FK_SLOW,
  errorRate: FK_ERROR,
  capacity: FK_CAPACITY,
  consumerCrash: FK_CRASH,
  partition: FK_PARTITION,
  latency: FK_LATENCY,
  flush: FK_FLUSH,
} as const;
interface CompiledFailure {
  kind: number;
  target: number;
  hang: boolean;
  /** down: the node crashes (its work is lost) instead of only refusing new calls. */
  crash: boolean;
  factor: number;
  probability: number;
  workers: number;
  addedMs: number;
}

type AnyKind = KindEngine<unknown, unknown>;

export class Simulation implements KindContext, TimerStale {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly rng: Rng;
  readonly eq = new EventQueue(4096);
  /** Hops waiting to run within the current event (the iterative lifecycle). */
  readonly work = new WorkStack();
  /** Fixed-delay timers outside the heap: list e = edge e's timeouts, list m + i = node i's own (a queue's visibility). */
  readonly timers: TimerLists;
  readonly metrics: Metrics;
  readonly res: Resilience;
  readonly tracer: Tracer | null;
  readonly effects = new SideEffects();
  now = 0;
  events = 0;
  measuring = false;
  bucket = 0;
  /** Buckets closed so far (the series' `filled`); `bucket` stays on the last one once it closes at the run's end. */
  filledBuckets = 0;
  done = false;
  wallMs = 0;
  readonly clock: () => number;

  readonly req = new RequestPool();
  readonly job = new JobPool();
  readonly call = new CallPool();
  tokenNext = 1;
  serialNext = 1;
  keyNext = 1;

  /** Per node: its kind's engine module and runtime state. */
  readonly kindOf: AnyKind[];
  readonly state: unknown[];
  // Node runtime state.
  readonly effWorkers: Float64Array;
  /** Workers outside capacity failures (an autoscaling group's serving size), and a capacity failure's cut (Infinity: none). */
  readonly baseWorkers: Float64Array;
  private readonly capCut: Float64Array;
  /** Service-time factor of slowdown failures, and of an autoscaling group's slow-starting instances; slow = their product. */
  private readonly slowFail: Float64Array;
  readonly groupSlow: Float64Array;
  /** Autoscaling groups, or null when the design has none. */
  readonly scaler: Autoscaler | null;
  readonly waitQ: IntDeque[];
  readonly down: Uint8Array;
  readonly slow: Float64Array;
  readonly injErr: Float64Array;
  readonly crashP: Float64Array;
  /** Per node: its concurrency limit now (fixed, or moved by AIMD); unused when limitMode is off. */
  readonly limit: Float64Array;
  /** Nodes whose own work can take zero time (answered within the call that starts it). */
  readonly zeroWork: Uint8Array;
  /** Per node: whether its kind's jobDone / workChoice hooks have anything to do (so the per-event path skips no-op calls). */
  readonly hookJobDone: Uint8Array;
  readonly hookWorkChoice: Uint8Array;
  // Edge runtime state.
  readonly partition: Uint8Array;
  readonly addedMs: Float64Array;
  readonly outstanding: Float64Array;
  /** Edges whose caller's kind wants each call outcome (load-balancer health checks). */
  readonly outcomeHook: Uint8Array;
  /** Per source: the one edge it calls when that call needs no caller-side machinery, else −1. */
  readonly directEdge: Int32Array;
  private readonly failures: CompiledFailure[];
  /** Sequence number of the first bucket close (the others follow it). */
  private bucketSeq0 = 0;

  constructor(doc: ArchDocument, opts: SimOptions = {}) {
    const m = compile(doc, { durationS: opts.durationS });
    this.model = m;
    this.clock = opts.clock ?? defaultClock;
    this.seed = opts.seed ?? doc.scenario.seed;
    this.rng = new Rng(this.seed);
    this.timers = new TimerLists(this.eq, m.m + m.n, EV_TIMER);
    this.metrics = new Metrics(m.n, m.sources.length, m.m, m.buckets);
    this.res = new Resilience(m, this.metrics);
    this.kindOf = doc.nodes.map((_n, i) => KIND_ENGINES[m.kind[i]!]!);
    this.tracer = opts.traces === false ? null : new Tracer(this.seed, { sampleRate: this.defaultTraceRate(), ...opts.traces });
    this.effWorkers = Float64Array.from(m.workers);
    this.baseWorkers = Float64Array.from(m.workers);
    this.capCut = new Float64Array(m.n).fill(Infinity);
    this.slowFail = new Float64Array(m.n).fill(1);
    this.groupSlow = new Float64Array(m.n).fill(1);
    this.waitQ = Array.from({ length: m.n }, () => new IntDeque());
    this.down = new Uint8Array(m.n);
    this.slow = new Float64Array(m.n).fill(1);
    this.injErr = new Float64Array(m.n);
    this.crashP = new Float64Array(m.n);
    this.limit = Float64Array.from(m.limitInit);
    this.metrics.limitLow.set(m.limitInit);
    this.metrics.limitHigh.set(m.limitInit);
    this.zeroWork = Uint8Array.from(doc.nodes, (_x, i) =>
      !m.timedWork[i] &&
      ((m.svcType[i] === 0 && m.svcP1[i] === 0) || (this.kindOf[i]!.workChoice !== undefined && m.altType[i] === 0 && m.altP1[i] === 0))
        ? 1
        : 0,
    );
    this.partition = new Uint8Array(m.m);
    this.addedMs = new Float64Array(m.m);
    this.outstanding = new Float64Array(m.m);
    this.state = doc.nodes.map((node, i) => this.kindOf[i]!.init?.(node.params, i, m) ?? null);
    this.hookJobDone = Uint8Array.from(doc.nodes, (_x, i) => {
      const k = this.kindOf[i]!;
      return k.jobDone && (k.needsJobDone?.(this.state[i], i, m) ?? true) ? 1 : 0;
    });
    this.hookWorkChoice = Uint8Array.from(doc.nodes, (_x, i) => (this.kindOf[i]!.workChoice ? 1 : 0));
    this.outcomeHook = Uint8Array.from(doc.edges, (_e, k) => {
      const caller = this.kindOf[m.src[k]!]!;
      return caller.callOutcome && (caller.wantsOutcomes?.(this.state[m.src[k]!]) ?? true) ? 1 : 0;
    });
    this.directEdge = Int32Array.from(doc.nodes, (_node, i) => {
      if (m.sourceOf[i]! < 0 || m.outStart[i + 1]! - m.outStart[i]! !== 1) return -1;
      const e = m.outEdges[m.outStart[i]!]!;
      const p = doc.edges[e]!.params;
      const plain =
        p.timeoutMs === 0 &&
        p.retry.maxAttempts === 1 &&
        !p.breaker.enabled &&
        !p.budget.enabled &&
        p.callProbability === 1 &&
        p.latencyMs === 0 &&
        !p.async &&
        p.deadline.mode === 'none' &&
        !p.deadline.cancelOnTimeout;
      return plain ? e : -1;
    });
    this.failures = doc.scenario.failures.map((f) => {
      const onEdge = f.kind === 'partition' || f.kind === 'latency';
      return {
        kind: FAILURE_CODE[f.kind],
        target: onEdge ? m.edgeIndex.get(f.target)! : m.nodeIndex.get(f.target)!,
        hang: f.mode === 'hang',
        crash: f.kind === 'down' && f.effect === 'crash',
        factor: f.factor,
        probability: f.probability,
        workers: f.workers,
        addedMs: f.addedMs,
      };
    });
    this.scaler = m.autoscale.some((g) => g !== null) ? new Autoscaler(this, m.buckets) : null;
    this.start();
  }

  /** Sample about 2,000 requests per run: enough to catch rare duplicates, cheap on long runs. */
  private defaultTraceRate(): number {
    const m = this.model;
    let requests = 0;
    for (let k = 0; k < m.sources.length; k++) {
      const s = m.sources[k]!;
      requests += this.kindOf[s]!.requestRate?.(m.doc.nodes[s]!.params, m.durationMs) ?? 0;
    }
    return Math.min(0.05, Math.max(0.0002, 2000 / Math.max(1, requests)));
  }

  // ── setup ──────────────────────────────────────────────────────────────────
  start(): void {
    const m = this.model;
    const eq = this.eq;
    // Every bucket close is scheduled first (its sequence number is taken before any other
    // event's), so an event at exactly a bucket boundary counts in the bucket that starts there,
    // whenever it was scheduled. Only the next close sits in the heap: a heap of 300 closes would
    // make every other push and pop deeper.
    this.bucketSeq0 = eq.reserveSeqs(m.buckets);
    for (let k = 0; k < m.sources.length; k++) {
      const s = m.sources[k]!;
      this.kindOf[s]!.start?.(this, s, this.state[s]);
    }
    m.doc.scenario.failures.forEach((f, i) => {
      eq.push(f.atS * 1000, EV_FAIL_START, i, 0, 0);
      eq.push((f.atS + f.durationS) * 1000, EV_FAIL_END, i, 0, 0);
    });
    if (m.buckets > 0) eq.pushSeq(Math.min(m.bucketMs, m.durationMs), this.bucketSeq0, EV_BUCKET, 0, 0, 0);
    this.scaler?.start();
    if (m.warmupMs > 0) eq.push(m.warmupMs, EV_WARMUP, 0, 0, 0);
    else this.measuring = true;
  }

  /**
   * Process every event with time ≤ `untilMs` (capped at the run's end): an event at exactly
   * `untilMs` is processed, so runUntil(t) twice in a row does nothing the second time. The
   * clock then reads `untilMs`. With `maxEvents`, it stops after that many events even before
   * `untilMs` (the clock then reads the last event's time), so a caller can stay responsive
   * inside a busy instant. Returns true when the run is over.
   */
  runUntil(untilMs: number, maxEvents = Infinity): boolean {
    const end = this.model.durationMs;
    const limit = Math.min(untilMs, end);
    const eq = this.eq;
    const t0 = this.clock();
    let events = 0;
    while (eq.size > 0) {
      const t = eq.peekTime();
      if (t > limit) break;
      if (events >= maxEvents) {
        // Out of budget mid-slice: the clock stays at the last event (more may be due at it).
        this.events += events;
        this.wallMs += this.clock() - t0;
        return false;
      }
      this.now = t;
      events++;
      const slot = eq.pop();
      this.dispatch(eq.kind[slot]!, eq.a[slot]!, eq.b[slot]!, eq.c[slot]!);
    }
    this.events += events;
    if (limit >= end && (eq.size === 0 || eq.peekTime() > end)) {
      this.now = end;
      this.endRun();
    } else {
      this.now = limit;
    }
    this.wallMs += this.clock() - t0;
    return this.done;
  }

  /**
   * Process exactly one event (and the hops it starts). Returns its kind (EV_*), or 0 when
   * no event is left before the run's end (the run is then finished).
   */
  step(): number {
    const eq = this.eq;
    if (this.done) return 0;
    if (eq.size === 0 || eq.peekTime() > this.model.durationMs) {
      this.now = this.model.durationMs;
      this.endRun();
      return 0;
    }
    this.now = eq.peekTime();
    this.events++;
    const slot = eq.pop();
    const kind = eq.kind[slot]!;
    this.dispatch(kind, eq.a[slot]!, eq.b[slot]!, eq.c[slot]!);
    return kind === EV_TIMER ? this.timers.kind : kind;
  }

  /** Handle one event (kinds and payloads in codes.ts), then run the hops it started. */
  private dispatch(kind: number, a: number, b: number, c: number): void {
    switch (kind) {
      case EV_DONE:
        this.ownWorkDone(a);
        break;
      case EV_NODE:
        this.kindOf[a]!.event!(this, a, this.state[a], b, c);
        break;
      case EV_RESPONSE:
        this.callResponse(a, b, c);
        break;
      case EV_TIMEOUT:
        this.onTimeout(a, b);
        break;
      case EV_DELIVER:
        this.arrive(a);
        break;
      case EV_RETRY:
        this.attempt(a);
        break;
      case EV_FAIL_START:
        this.failure(a, true);
        break;
      case EV_FAIL_END:
        this.failure(a, false);
        break;
      case EV_BUCKET:
        this.closeBucket(a);
        break;
      case EV_WARMUP:
        this.startMeasuring();
        break;
      case EV_SCALE:
        this.scaler!.event(a, b);
        break;
      case EV_TIMER: {
        const T = this.timers;
        T.take(a);
        const kind = T.kind,
          ta = T.a,
          tb = T.b,
          tc = T.c;
        // Timers that can no longer fire anything (answered calls, acked messages) are passed
        // over here, without a trip through the heap; they still count as processed events.
        this.events += T.dropStale(a, this.model.durationMs, this);
        T.arm(a);
        this.dispatch(kind, ta, tb, tc);
        return;
      }
    }
    if (this.work.size > 0) this.drain();
  }

  /** Run the hops the last event started, depth first, until none is left. */
  private drain(): void {
    const W = this.work;
    while (W.size > 0) {
      const k = --W.size;
      const a = W.a[k]!,
        b = W.b[k]!;
      switch (W.op[k]) {
        case OP_ARRIVE:
          this.arrive(a);
          break;
        case OP_RESPOND:
          this.callResponse(a, b, W.c[k]!);
          break;
        case OP_FANOUT:
          this.fanOut(a);
          break;
        case OP_PROCEED:
          this.proceed(a);
          break;
        case OP_FINISH:
          this.finishJob(a, b);
          break;
        case OP_LEAVE:
          this.leave(a, b);
          break;
        case OP_RESUME:
          this.kindOf[a]!.resume!(this, a, this.state[a]);
          break;
        case OP_NEXT:
          this.nextWaiting(a);
          break;
      }
    }
  }

  /** The run is over: close the time integrals and the breakers' open time. */
  private endRun(): void {
    if (this.done) return;
    this.done = true;
    for (let i = 0; i < this.model.n; i++) this.metrics.touch(i, this.now);
    this.res.finish(this.now);
    this.scaler?.finish();
  }

  private startMeasuring(): void {
    for (let i = 0; i < this.model.n; i++) this.metrics.touch(i, this.now);
    this.metrics.warmupEnd();
    this.measuring = true;
  }

  private closeBucket(b: number): void {
    const M = this.metrics,
      m = this.model;
    for (let i = 0; i < m.n; i++) M.touch(i, this.now);
    const width = Math.min(m.bucketMs, m.durationMs - b * m.bucketMs);
    this.scaler?.bucketClosing(b);
    M.closeBucket(b, width, m.workers);
    this.filledBuckets = b + 1;
    // The last bucket closes at the run's end before the other events due then (its sequence
    // number is reserved): those still count in it, not one bucket past the series' end.
    this.bucket = Math.min(b + 1, m.buckets - 1);
    if (b + 1 < m.buckets) this.eq.pushSeq(Math.min((b + 2) * m.bucketMs, m.durationMs), this.bucketSeq0 + b + 1, EV_BUCKET, b + 1, 0, 0);
  }

  /** A pending timer that can no longer do anything (TimerLists.dropStale). */
  timerStale(kind: number, a: number, b: number, c: number): boolean {
    if (kind === EV_TIMEOUT) return this.call.token[a] !== b;
    return this.kindOf[a]!.timerStale?.(this.state[a], b, c) ?? false;
  }

  // ── KindContext services ─────────────────────────────────────────────────────
  schedule(delay: number, kind: number, a: number, b: number, c: number): void {
    this.eq.push(this.now + delay, kind, a, b, c);
  }

  scheduleAt(t: number, kind: number, a: number, b: number, c: number): void {
    this.eq.push(t, kind, a, b, c);
  }

  nextSerial(): number {
    return this.serialNext++;
  }

  nodeId(i: number): string {
    return this.model.ids[i]!;
  }

  canTake(c: number): boolean {
    return this.metrics.busy[c]! < this.effWorkers[c]! && this.waitQ[c]!.length === 0 && this.down[c] === UP;
  }

  setRetryAfter(j: number, ms: number): void {
    const call = this.job.call[j]!;
    if (call >= 0) this.call.retryAfter[call] = ms;
  }

  // ── requests and jobs ────────────────────────────────────────────────────────
  /** A new logical request from source node s (user ≥ 0 for closed-loop clients). */
  startRequest(s: number, user: number): void {
    const R = this.req;
    const r = R.get();
    R.source[r] = this.model.sourceOf[s]!;
    R.refs[r] = 0;
    R.start[r] = this.now;
    R.serial[r] = this.serialNext++;
    R.key[r] = this.keyNext++;
    R.cause[r] = CAUSE_NONE;
    R.effects[r] = -1;
    R.user[r] = user;
    R.trace[r] = this.tracer ? this.traceBegin(s) : -1;
    const src = R.source[r]!;
    const M = this.metrics;
    M.sSrcRequests[src * M.buckets + this.bucket]!++;
    if (this.measuring) M.srcRequests[src]!++;
    const direct = this.directEdge[s]!;
    if (direct >= 0 && R.trace[r]! < 0 && this.partition[direct] === UP && this.addedMs[direct] === 0) {
      // Fast path: a source whose only call has no timeout, retry, breaker, budget or latency
      // needs no root job and no call record — the attempt itself is the request.
      M.eAttempts[direct]!++;
      const child = this.newJob(this.model.dst[direct]!, r, -1, R.key[r]!, CAUSE_NONE, direct);
      this.job.flags[child] = F_DIRECT;
      this.arrive(child);
      return;
    }
    const j = this.newJob(s, r, -1, R.key[r]!, CAUSE_NONE, -1);
    if (R.trace[r]! >= 0) this.traceSpan(j, -1, 1);
    this.proceed(j);
  }

  /** Tracing's own steps live in small methods of their own, out of the hot functions (see traced()). */
  private traceBegin(s: number): number {
    return this.tracer!.begin(this.model.ids[s]!, this.now);
  }

  newJob(node: number, r: number, call: number, key: number, cause: number, edgeIn: number): number {
    const J = this.job;
    const j = J.get();
    J.node[j] = node;
    J.req[j] = r;
    J.call[j] = call;
    J.token[j] = 0;
    J.arrive[j] = this.now;
    J.stage[j] = this.model.outStart[node]!;
    J.pending[j] = 0;
    J.failed[j] = 0;
    J.cause[j] = cause;
    J.key[j] = key;
    J.msg[j] = -1;
    J.flags[j] = 0;
    J.edgeIn[j] = edgeIn;
    J.span[j] = -1;
    J.deadline[j] = Infinity;
    this.req.refs[r]!++;
    return j;
  }

  // ── tracing (only for sampled requests: R.trace ≥ 0) ─────────────────────
  traced(j: number): boolean {
    return this.job.span[j]! >= 0;
  }

  traceSpan(j: number, parentSpan: number, attempt: number): void {
    const J = this.job,
      m = this.model;
    const e = J.edgeIn[j]!;
    J.span[j] = this.tracer!.span(
      this.req.trace[J.req[j]!]!,
      parentSpan,
      m.ids[J.node[j]!]!,
      e >= 0 ? m.edgeIds[e]! : null,
      attempt,
      this.now,
    );
  }

  traceEvent(j: number, kind: string, text: string): void {
    const sp = this.job.span[j]!;
    if (sp >= 0) this.tracer!.event(this.req.trace[this.job.req[j]!]!, sp, this.now, kind, text);
  }

  traceRequestEvent(r: number, span: number, kind: string, text: string): void {
    if (span >= 0) this.tracer!.event(this.req.trace[r]!, span, this.now, kind, text);
  }

  // ── nodes ──────────────────────────────────────────────────────────────────
  /** An attempt reaches its node. */
  arrive(j: number): void {
    const J = this.job,
      M = this.metrics;
    const i = J.node[j]!;
    J.arrive[j] = this.now;
    if (J.span[j]! >= 0) this.traceStart(j);
    if (this.measuring) M.arrivals[i]!++;
    M.sArrivals[i * M.buckets + this.bucket]!++;
    M.touch(i, this.now);
    M.inSys[i]!++;
    const d = this.down[i]!;
    if (d !== UP) {
      this.finishJob(j, d === DOWN_FAST ? ST_ERROR : ST_HANG);
      return;
    }
    switch (this.model.arrivePlan[i]) {
      case ARRIVE_ADMIT:
        this.admit(j, i);
        return;
      case ARRIVE_GUARDED:
        this.admitGuarded(j, i);
        return;
      case ARRIVE_HOOK:
        this.kindOf[i]!.arrive!(this, j, i, this.state[i]);
        return;
      default:
        this.startWork(j, i);
    }
  }

  private traceStart(j: number): void {
    this.tracer!.start(this.req.trace[this.job.req[j]!]!, this.job.span[j]!, this.now);
  }

  /** Workers free → start; else wait if there is room; else reject. */
  admit(j: number, i: number): void {
    const M = this.metrics;
    if (M.busy[i]! < this.effWorkers[i]! && this.waitQ[i]!.length === 0) this.startWorker(j, i);
    else this.enqueue(j, i);
  }

  /** No worker free for the attempt: it waits if there is room, else it is rejected. */
  private enqueue(j: number, i: number): void {
    const M = this.metrics;
    if (M.qLen[i]! < this.model.queueCap[i]!) {
      this.waitQ[i]!.pushBack(j);
      M.qLen[i]!++;
      if (M.qLen[i]! > M.bqMax[i]!) M.bqMax[i] = M.qLen[i]!;
      if (this.measuring && M.qLen[i]! > M.qMax[i]!) M.qMax[i] = M.qLen[i]!;
    } else {
      this.finishJob(j, ST_FULL);
    }
  }

  /**
   * admit() behind the node's admission checks (ARRIVE_GUARDED): its idempotency store, its
   * concurrency limit, and the drops at a worker. Out of admit: V8 inlines by bytecode size, so
   * the hot functions keep only their hot lines and call out for the rest.
   */
  private admitGuarded(j: number, i: number): void {
    const m = this.model,
      M = this.metrics;
    if (m.idemMode[i] && this.idempotencyCheck(j, i)) return;
    if (m.limitMode[i] && this.limitRefuses(j, i)) return;
    if (M.busy[i]! < this.effWorkers[i]! && this.waitQ[i]!.length === 0) {
      if (m.shedAtStart[i] && this.shedAtStart(j, i)) return;
      this.startWorker(j, i);
    } else this.enqueue(j, i);
  }

  /**
   * Concurrency limit: the attempts held at node i, this one included, may not exceed it. True
   * when the attempt was refused (answered ST_SHED at once).
   */
  private limitRefuses(j: number, i: number): boolean {
    const M = this.metrics;
    if (M.inSys[i]! > this.limit[i]!) {
      this.job.inflight[j] = -1; // refused: no limiter sample when it leaves
      if (this.measuring) M.shedLimited[i]!++;
      if (this.job.span[j]! >= 0) this.traceEvent(j, 'shed', `concurrency limit ${this.limit[i]} reached: rejected at once`);
      this.finishJob(j, ST_SHED);
      return true;
    }
    this.job.inflight[j] = M.inSys[i]!;
    return false;
  }

  /**
   * The one place work is dropped when it reaches a worker (at once, or from the waiting line):
   * cancelled by its caller, deadline passed ("expired in queue", gRPC), or waited longer than
   * the queue timeout. True when the attempt was dropped (answered ST_SHED, no work done).
   */
  private shedAtStart(j: number, i: number): boolean {
    const J = this.job,
      M = this.metrics,
      m = this.model;
    const f = m.shedAtStart[i]!;
    const waited = this.now - J.arrive[j]!;
    let counter: Float64Array;
    if (f & SHED_CANCELLED && J.flags[j]! & F_CANCEL) counter = M.shedCancelled;
    else if (f & SHED_EXPIRED && J.deadline[j]! <= this.now) counter = M.shedExpired;
    else if (f & SHED_QUEUE_TIMEOUT && waited > m.queueTimeoutMs[i]!) counter = M.shedQueueTimeout;
    else return false;
    if (this.measuring) counter[i]!++;
    if (J.span[j]! >= 0)
      this.traceEvent(
        j,
        'shed',
        counter === M.shedCancelled
          ? 'cancelled by its caller: dropped before its work'
          : counter === M.shedExpired
            ? `deadline passed while it waited ${formatMs(waited)}: dropped (expired in queue)`
            : `waited ${formatMs(waited)}, past the queue timeout: dropped`,
      );
    this.finishJob(j, ST_SHED);
    return true;
  }

  private startWorker(j: number, i: number): void {
    if (this.job.span[j]! >= 0) this.traceDequeue(j);
    const M = this.metrics;
    M.busy[i]!++;
    if (this.measuring) {
      const wait = this.now - this.job.arrive[j]!;
      M.waitSum[i]! += wait;
      M.waitCount[i]!++;
      if (wait > 0) {
        // Histogram.add without its count and sum (waitCount and waitSum hold those), and
        // histogramIndex written out: this function is inlined where V8's inlining budget is
        // spent, so the call would stay a call (≈ 40 instructions per M/M/1 event).
        HISTOGRAM_SCRATCH_F64[0] = wait;
        const k = (HISTOGRAM_SCRATCH_HIGH[1]! >>> HISTOGRAM_SHIFT) - HISTOGRAM_INDEX_OFFSET;
        (M.waitBins[i] ?? M.waitBinsFor(i))[k < 0 ? 0 : k < HISTOGRAM_BINS ? k : HISTOGRAM_BINS - 1]!++;
        if (wait > M.waitMax[i]!) M.waitMax[i] = wait;
      }
    }
    this.job.flags[j]! |= F_WORKER;
    this.startWork(j, i);
  }

  private traceDequeue(j: number): void {
    const waited = this.now - this.job.arrive[j]!;
    if (waited > 0) this.traceEvent(j, 'dequeue', `waited ${formatMs(waited)} in the queue`);
  }

  /** Schedule the node's own work (service time, query, endpoint latency, lookup, overhead, enqueue). */
  startWork(j: number, i: number): void {
    const m = this.model;
    let type = m.svcType[i]!,
      p1 = m.svcP1[i]!,
      p2 = m.svcP2[i]!;
    if (this.hookWorkChoice[i] && this.kindOf[i]!.workChoice!(this, j, i, this.state[i]) === 1) {
      this.job.flags[j]! |= F_ALT;
      type = m.altType[i]!;
      p1 = m.altP1[i]!;
      p2 = m.altP2[i]!;
    }
    if (type === 0 && p1 === 0 && !m.timedWork[i]) {
      this.ownWorkDone(j);
      return;
    }
    let d = distributionSample(this.rng, type, p1, p2) * this.slow[i]!;
    if (m.contention[i]) d *= this.contentionFactor(i);
    this.eq.push(this.now + d, EV_DONE, j, 0, 0);
  }

  /**
   * Load-dependent service time: 1 + α·x^β with x = busy workers / workers (this job's worker
   * included) or attempts held at the node / workers, read as the work starts (docs/SEMANTICS.md).
   */
  private contentionFactor(i: number): number {
    const m = this.model,
      M = this.metrics;
    const x = (m.contention[i] === CONT_BUSY ? M.busy[i]! : M.inSys[i]!) / m.workers[i]!;
    return contentionFactor(m.contAlpha[i]!, m.contBeta[i]!, x);
  }

  /** The node finished its own work: fail, or let its kind continue, then make its downstream calls. */
  private ownWorkDone(j: number): void {
    const J = this.job,
      m = this.model;
    const i = J.node[j]!;
    if ((J.flags[j]! |= F_OWN_DONE) & F_CANCEL) {
      // Cancelled while working: it stops here, before its side effect and its calls.
      this.finishCancelled(j, i);
      return;
    }
    const errP = m.errorRate[i]! + this.injErr[i]!;
    if (errP > 0 && this.rng.next() < errP) {
      this.finishJob(j, ST_ERROR);
      return;
    }
    switch (m.donePlan[i]) {
      case DONE_ANSWER:
        if (m.sideEffect[i]) this.sideEffect(j, i);
        this.finishJob(j, ST_OK);
        return;
      case DONE_HOOK:
        if (!this.kindOf[i]!.workDone!(this, j, i, this.state[i])) return;
        break;
      case DONE_CALLS_CHECKED:
        this.doneCallsChecked(j, i);
        return;
      default:
        // Its own work may change the world; its worker is free once the work is done, unless it
        // holds it through its calls (thread per request) or it is a consumer (until the ack).
        if (m.sideEffect[i]) this.sideEffect(j, i);
        if (m.releaseAfterWork[i] && J.flags[j]! & F_WORKER && J.msg[j]! < 0) this.releaseWorker(j, i);
    }
    this.proceed(j);
  }

  /**
   * DONE_CALLS for a consumer of a queue with poison messages: a poison message fails after its
   * work; the rest go on as DONE_CALLS. (Out of ownWorkDone, which stays small enough for V8 to
   * inline: it inlines nothing over 460 bytes of bytecode.)
   */
  private doneCallsChecked(j: number, i: number): void {
    const J = this.job,
      m = this.model;
    if (J.flags[j]! & F_POISON) {
      this.failPoison(j);
      return;
    }
    if (m.sideEffect[i]) this.sideEffect(j, i);
    if (m.releaseAfterWork[i] && J.flags[j]! & F_WORKER && J.msg[j]! < 0) this.releaseWorker(j, i);
    this.proceed(j);
  }

  /** Make the job's downstream calls (sequence: one at a time; parallel: all at once; pick: one of them). */
  private proceed(j: number): void {
    const J = this.job,
      m = this.model;
    const i = J.node[j]!;
    const end = m.outStart[i + 1]!;
    if (m.plan[i] !== PLAN_SEQUENCE) {
      if (J.stage[j]! < end) {
        this.proceedAtOnce(j, i, end);
        return;
      }
    } else {
      while (J.stage[j]! < end && !J.failed[j]) {
        // (A cancelled job has failed set: it starts no further call.)
        const e = m.outEdges[J.stage[j]!++]!;
        if (m.callProbability[e]! < 1 && this.rng.next() >= m.callProbability[e]!) continue;
        if (m.async[e]) {
          this.work.push(OP_PROCEED, j, 0, 0); // the next call, after the async send's hop
          this.fireAndForget(j, e);
          return;
        }
        J.pending[j] = 1;
        this.startCall(j, e);
        return;
      }
    }
    if (J.failed[j]) this.finishFailed(j, i);
    else this.finishJob(j, ST_OK);
  }

  /** proceed() for a pick (one call, chosen by the kind) or parallel (all calls at once) plan. */
  private proceedAtOnce(j: number, i: number, end: number): void {
    const J = this.job;
    if (this.model.plan[i] === PLAN_PICK) {
      J.stage[j] = end;
      const e = this.kindOf[i]!.pick!(this, i, this.state[i]);
      J.pending[j] = 1;
      this.startCall(j, e);
    } else {
      J.pending[j] = 1; // guard: calls that answer synchronously must not finish the job early
      this.fanOut(j);
    }
  }

  /** A job whose call failed (or that was cancelled while it waited on one) ends without further calls. */
  private finishFailed(j: number, i: number): void {
    if (this.job.flags[j]! & F_CANCEL) this.finishCancelled(j, i);
    else this.finishJob(j, ST_ERROR);
  }

  /** A cancelled attempt stops (after its work, or between its calls): counted as dropped, answered ST_SHED. */
  private finishCancelled(j: number, i: number): void {
    if (this.measuring) this.metrics.shedCancelled[i]!++;
    this.finishJob(j, ST_SHED);
  }

  /** A poison message's consumer fails it after its work (queue kind, DONE_CALLS_CHECKED). */
  private failPoison(j: number): void {
    if (this.job.span[j]! >= 0) this.traceEvent(j, 'poison', 'poison message: the consumer fails it');
    this.finishJob(j, ST_ERROR);
  }

  /** A parallel job sends its next call; its continuation runs after that call's hop. */
  private fanOut(j: number): void {
    const J = this.job,
      m = this.model;
    const end = m.outStart[J.node[j]! + 1]!;
    while (J.stage[j]! < end) {
      const e = m.outEdges[J.stage[j]!++]!;
      if (m.callProbability[e]! < 1 && this.rng.next() >= m.callProbability[e]!) continue;
      this.work.push(OP_FANOUT, j, 0, 0);
      if (m.async[e]) this.fireAndForget(j, e);
      else {
        J.pending[j]!++;
        this.startCall(j, e);
      }
      return;
    }
    if (--J.pending[j]! > 0) return;
    this.finishJob(j, J.failed[j] ? ST_ERROR : ST_OK);
  }

  releaseWorker(j: number, i: number): void {
    const M = this.metrics,
      J = this.job;
    J.flags[j]! &= ~F_WORKER;
    M.touch(i, this.now);
    M.busy[i]!--;
    this.nextWaiting(i);
  }

  /** A worker came free at node i: take the next waiting attempt, or pull from the nodes it consumes. */
  private nextWaiting(i: number): void {
    const M = this.metrics,
      m = this.model;
    while (M.busy[i]! < this.effWorkers[i]!) {
      const q = this.waitQ[i]!;
      if (q.length > 0) {
        const j = m.lifo[i] ? q.popBack() : q.popFront();
        M.touch(i, this.now);
        M.qLen[i]!--;
        if (m.shedAtStart[i] && this.shedAtStart(j, i)) continue;
        if (this.zeroWork[i]) {
          // Its work ends within this call and answers upstream: take the next one after that hop.
          this.work.push(OP_NEXT, i, 0, 0);
          this.startWorker(j, i);
          return;
        }
        this.startWorker(j, i);
        continue;
      }
      const c0 = m.consStart[i]!,
        c1 = m.consStart[i + 1]!;
      if (c0 === c1) return;
      let pulled = false;
      for (let c = c0; c < c1; c++) {
        const p = m.consQueues[c]!;
        if (this.kindOf[p]!.pull!(this, p, this.state[p])) pulled = true;
      }
      if (!pulled) return;
    }
  }

  /** One AIMD sample as an admitted attempt leaves: a drop (shed, rejected below) or a slow answer lowers the limit. */
  private aimdSample(j: number, i: number, status: number, lat: number): void {
    const m = this.model,
      M = this.metrics;
    const drop = status === ST_SHED || status === ST_FULL || lat > m.limitSlowMs[i]!;
    const next = aimdNext(this.limit[i]!, this.job.inflight[j]!, drop, m.limitMin[i]!, m.limitMax[i]!, m.limitBackoff[i]!);
    if (next === this.limit[i]) return;
    this.limit[i] = next;
    if (next < M.limitLow[i]!) M.limitLow[i] = next;
    if (next > M.limitHigh[i]!) M.limitHigh[i] = next;
  }

  /** The attempt leaves node i with `status`: stats, its kind's bookkeeping, then the answer. */
  finishJob(j: number, status: number): void {
    const J = this.job,
      M = this.metrics,
      m = this.model;
    const i = J.node[j]!;
    const flags = J.flags[j]!;
    if (flags & F_WORKER) this.releaseWorker(j, i);
    if (J.span[j]! >= 0) this.traceEnd(j, status);
    const B = M.buckets,
      bi = i * B + this.bucket;
    const measured = this.measuring;
    const lat = this.now - J.arrive[j]!;
    if (status === ST_OK) {
      // A queue's completions are acked messages (its kind counts them), not producer acks.
      // A source's node latency is its end-to-end latency, recorded once in requestDone.
      if (!m.ownCompletions[i]) {
        M.sCompleted[bi]!++;
        if (m.sourceOf[i]! < 0) M.hist[i]!.add(lat);
        if (measured) {
          M.completed[i]!++;
          if (lat > M.latMax[i]!) M.latMax[i] = lat;
        }
      }
    } else this.countUnsuccessful(i, bi, status);
    if (!m.source[i]) {
      M.touch(i, this.now);
      M.inSys[i]!--;
    }
    if (m.limitMode[i] === LIMIT_AIMD && J.inflight[j]! >= 0) this.aimdSample(j, i, status, lat);
    if (this.hookJobDone[i] && this.kindOf[i]!.jobDone!(this, j, i, status, this.state[i])) return; // answers its waiters first, then leaves
    this.leave(j, status);
  }

  /** finishJob's counters for an attempt that did not succeed (rejected, failed, or hung up). */
  private countUnsuccessful(i: number, bi: number, status: number): void {
    const M = this.metrics;
    if (status === ST_FULL || status === ST_RATE || status === ST_SHED) {
      M.sRejected[bi]!++;
      if (this.measuring) M.rejected[i]!++;
    } else if (status !== ST_HANG) {
      M.sErrors[bi]!++;
      if (this.measuring) {
        M.errors[i]!++;
        if (status === ST_CONFLICT) M.conflicts[i]!++;
      }
    } else M.dropped[i]!++;
  }

  private traceEnd(j: number, status: number): void {
    const J = this.job;
    const outcome =
      status === ST_OK
        ? 'ok'
        : status === ST_FULL || status === ST_RATE || status === ST_SHED
          ? 'rejected'
          : status === ST_HANG
            ? 'hang'
            : 'error';
    this.tracer!.end(this.req.trace[J.req[j]!]!, J.span[j]!, this.now, outcome);
  }

  /** The finished attempt answers whoever waits for it (caller, queue, source) and is freed. */
  private leave(j: number, status: number): void {
    const J = this.job,
      m = this.model;
    const i = J.node[j]!;
    const call = J.call[j]!;
    if (call >= 0) {
      if (status !== ST_HANG) {
        const e = this.call.edge[call]!;
        const lat2 = m.latencyMs[e]! / 2 + this.addedMs[e]!;
        if (lat2 > 0) this.eq.push(this.now + lat2, EV_RESPONSE, call, J.token[j]!, status);
        else this.work.push(OP_RESPOND, call, J.token[j]!, status);
      }
    } else if (J.msg[j]! >= 0) {
      const q = m.src[J.edgeIn[j]!]!;
      this.kindOf[q]!.consumerDone!(this, j, q, status, this.state[q]);
    } else if (m.sourceOf[i]! >= 0) {
      this.requestDone(j, status);
    } else if (J.flags[j]! & F_DIRECT) {
      this.directDone(j, status);
    }
    this.freeJob(j);
  }

  private freeJob(j: number): void {
    const r = this.job.req[j]!;
    this.job.give(j);
    this.unref(r);
  }

  unref(r: number): void {
    const R = this.req;
    if (--R.refs[r]! > 0) return;
    if (R.effects[r]! >= 0) this.effects.freeList(R.effects[r]!);
    if (R.trace[r]! >= 0) this.tracer!.finish(R.trace[r]!);
    R.give(r);
  }

  /** Fast-path request (see startRequest): account the source node and the edge as the slow path would. */
  private directDone(j: number, status: number): void {
    const M = this.metrics,
      m = this.model;
    if (status === ST_HANG) {
      M.srcStuck[this.req.source[this.job.req[j]!]!]!++;
      return;
    } // no timeout: it waits forever
    const e = this.job.edgeIn[j]!;
    const src = m.src[e]!;
    const bi = src * M.buckets + this.bucket;
    const s = status === ST_OK ? ST_OK : ST_ERROR;
    if (s === ST_OK) {
      M.sCompleted[bi]!++;
      if (this.measuring) M.completed[src]!++;
    } else {
      M.eErrors[e]!++;
      M.sErrors[bi]!++;
      if (this.measuring) M.errors[src]!++;
    }
    this.requestDone(j, s);
  }

  /** End to end: the source's root job finished. */
  private requestDone(j: number, status: number): void {
    const R = this.req,
      M = this.metrics;
    const r = this.job.req[j]!;
    const src = R.source[r]!;
    const B = M.buckets;
    const lat = this.now - R.start[r]!;
    if (R.trace[r]! >= 0) this.traceOutcome(r, status);
    if (status === ST_OK) {
      M.sSrcOk[src * B + this.bucket]!++;
      M.srcHist[src]!.add(lat);
    } else M.sSrcFail[src * B + this.bucket]!++;
    if (this.measuring) {
      if (status === ST_OK) {
        M.srcOk[src]!++;
        if (lat > M.srcLatMax[src]!) M.srcLatMax[src] = lat;
      } else M.srcFail[src]!++;
    }
    const user = R.user[r]!;
    if (user >= 0) {
      const s = this.model.sources[src]!;
      this.kindOf[s]!.requestDone!(this, s, this.state[s], user);
    }
  }

  private traceOutcome(r: number, status: number): void {
    this.tracer!.outcome(this.req.trace[r]!, this.now, status === ST_OK);
  }

  // ── side effects and idempotency (shared by the kinds that change the world) ─
  /** One execution of a side effect at node i for the job's logical operation. */
  sideEffect(j: number, i: number): void {
    const J = this.job,
      M = this.metrics,
      m = this.model,
      R = this.req,
      E = this.effects;
    const r = J.req[j]!;
    const edge = J.edgeIn[j]!;
    if (m.dedupe[i]) {
      // Unique constraint / receiver dedupe on (idempotency key, operation): applied once.
      // The edge is part of the key, so two different writes of one request do not collide.
      if (E.find(R.effects[r]!, ENT_APPLIED, i, edge, J.key[j]!) >= 0) return;
      R.effects[r] = E.add(R.effects[r]!, ENT_APPLIED, i, edge, J.key[j]!, 1);
    }
    let x = E.find(R.effects[r]!, ENT_COUNT, i, edge, 0);
    if (x < 0) {
      x = E.add(R.effects[r]!, ENT_COUNT, i, edge, 0, 0);
      R.effects[r] = x;
    }
    const n = ++E.value[x]!;
    const B = M.buckets;
    M.sSideEffects[i * B + this.bucket]!++;
    if (this.measuring) M.sideEffects[i]!++;
    if (J.span[j]! >= 0) {
      if (n > 1) this.tracer!.duplicate(R.trace[r]!);
      this.traceEvent(
        j,
        n > 1 ? 'duplicate' : 'sideEffect',
        n > 1 ? `DUPLICATE side effect (#${n} for this operation)` : 'side effect applied',
      );
    }
    if (n > 1) {
      let cause = J.cause[j]!;
      if (cause === CAUSE_NONE) cause = R.cause[r]! || CAUSE_RETRY_TIMEOUT;
      M.sDuplicates[i * B + this.bucket]!++;
      if (this.measuring) {
        M.duplicates[i]!++;
        M.dupCause[i * 6 + cause]!++;
      }
    }
  }

  /**
   * Service idempotency-key store, checked when the attempt arrives. Returns true when the
   * attempt was answered from the store (replay or conflict) with no work done.
   * Entry values: −1 in progress, else the completion time (a key older than the retention is new).
   */
  idempotencyCheck(j: number, i: number): boolean {
    const mode = this.model.idemMode[i]!;
    if (mode === 0) return false;
    const J = this.job,
      R = this.req,
      E = this.effects;
    const r = J.req[j]!;
    let x = E.find(R.effects[r]!, ENT_IDEM, i, J.edgeIn[j]!, J.key[j]!);
    if (x >= 0 && E.value[x]! >= 0 && this.now - E.value[x]! > this.model.idemRetentionMs[i]!) {
      R.effects[r] = E.remove(R.effects[r]!, x);
      x = -1;
    }
    if (x >= 0 && E.value[x]! >= 0) {
      this.finishJob(j, ST_OK);
      return true;
    }
    if (mode === 1) {
      if (x >= 0) {
        this.finishJob(j, ST_CONFLICT);
        return true;
      }
      R.effects[r] = E.add(R.effects[r]!, ENT_IDEM, i, J.edgeIn[j]!, J.key[j]!, -1);
      J.flags[j]! |= F_CLAIM;
    }
    return false;
  }

  idempotencyRecord(j: number, i: number, status: number): void {
    const J = this.job;
    if (!(J.flags[j]! & (F_CLAIM | F_OWN_DONE))) return;
    const R = this.req,
      E = this.effects;
    const r = J.req[j]!;
    const x = E.find(R.effects[r]!, ENT_IDEM, i, J.edgeIn[j]!, J.key[j]!);
    if (status === ST_OK) {
      if (x >= 0) E.value[x] = this.now;
      else R.effects[r] = E.add(R.effects[r]!, ENT_IDEM, i, J.edgeIn[j]!, J.key[j]!, this.now);
    } else if (J.flags[j]! & F_CLAIM && x >= 0) R.effects[r] = E.remove(R.effects[r]!, x); // release the claim so a retry can run
  }

  // ── calls, timeouts, retries ───────────────────────────────────────────────
  private startCall(j: number, e: number): void {
    const C = this.call,
      m = this.model;
    const c = C.get();
    C.edge[c] = e;
    C.job[c] = j;
    C.attempt[c] = 0;
    C.token[c] = 0;
    C.prevSleep[c] = m.baseMs[e]!;
    C.lastFail[c] = 0;
    C.retryAfter[c] = 0;
    C.key[c] = this.job.key[j]!;
    C.cause[c] = this.job.cause[j]!;
    if (m.deadlines) this.callDeadline(c, j, e);
    if (this.res.hasBudget[e]) this.res.deposit(e, this.now);
    this.attempt(c);
  }

  /** The call inherits its caller's deadline (gRPC propagation), shortened by its own budget. */
  private callDeadline(c: number, j: number, e: number): void {
    const m = this.model;
    const own = m.deadlineMode[e] === DL_BUDGET ? this.now + m.deadlineBudgetMs[e]! : Infinity;
    const inherited = this.job.deadline[j]!;
    this.call.deadline[c] = own < inherited ? own : inherited;
  }

  /** Async edge: one attempt, nobody waits for it. */
  private fireAndForget(j: number, e: number): void {
    const J = this.job;
    this.metrics.eAttempts[e]!++;
    const child = this.newJob(this.model.dst[e]!, J.req[j]!, -1, J.key[j]!, J.cause[j]!, e);
    if (J.span[j]! >= 0) {
      this.traceSpan(child, J.span[j]!, 1);
      this.traceEvent(j, 'send', `async call → ${this.model.ids[this.model.dst[e]!]}`);
    }
    this.send(child, e);
  }

  private send(child: number, e: number): void {
    const p = this.partition[e]!;
    if (p === DOWN_HANG) {
      this.job.node[child] = this.model.src[e]!;
      this.freeJob(child);
      return;
    }
    const lat = this.model.latencyMs[e]! / 2 + this.addedMs[e]!;
    if (lat > 0) this.eq.push(this.now + lat, EV_DELIVER, child, 0, 0);
    else this.work.push(OP_ARRIVE, child, 0, 0);
  }

  /** Send one attempt of call c. */
  private attempt(c: number): void {
    const C = this.call,
      J = this.job,
      m = this.model,
      M = this.metrics;
    const e = C.edge[c]!;
    const j = C.job[c]!;
    if (m.deadlines && C.deadline[c]! <= this.now) {
      this.deadlinePassed(c);
      return;
    }
    const probe = this.res.hasBreaker[e] ? this.res.admit(e, this.now) : 0;
    if (probe < 0) {
      M.eBreaker[e]!++;
      if (J.span[j]! >= 0) this.traceEvent(j, 'breaker', `circuit open: call to ${m.ids[m.dst[e]!]} refused`);
      this.callFailed(c, ST_BREAKER);
      return;
    }
    C.probe[c] = probe;
    const n = ++C.attempt[c]!;
    M.eAttempts[e]!++;
    const cause = n > 1 ? this.retryCause(c, e, j) : C.cause[c]!;
    const token = this.tokenNext++;
    if (this.tokenNext > 0x7ffffff0) this.tokenNext = 1;
    C.token[c] = token;
    this.outstanding[e]!++;
    let deadline = Infinity;
    if (m.deadlines) deadline = this.armDeadline(c, e, token);
    else if (m.timeoutMs[e]! < Infinity) this.timers.push(e, this.now + m.timeoutMs[e]!, EV_TIMEOUT, c, token, 0);
    if (this.partition[e] === DOWN_FAST) {
      if (J.span[j]! >= 0) this.traceEvent(j, 'partition', `network partition: call to ${m.ids[m.dst[e]!]} failed`);
      this.work.push(OP_RESPOND, c, token, ST_ERROR);
      return;
    }
    const child = this.newJob(m.dst[e]!, J.req[j]!, c, C.key[c]!, cause, e);
    J.token[child] = token;
    J.deadline[child] = deadline;
    C.child[c] = child;
    if (J.span[j]! >= 0) this.traceSend(c, e, j, child, n);
    this.send(child, e);
  }

  /** The call's deadline passed during the backoff: no further attempt (gRPC DEADLINE_EXCEEDED). */
  private deadlinePassed(c: number): void {
    const m = this.model,
      j = this.call.job[c]!;
    if (this.job.span[j]! >= 0) this.traceEvent(j, 'deadline', `deadline passed: no retry to ${m.ids[m.dst[this.call.edge[c]!]!]}`);
    this.callFailed(c, ST_TIMEOUT);
  }

  /** Attempt 2 or later of call c on edge e (from job j): count the retry; the cause its attempt carries. */
  private retryCause(c: number, e: number, j: number): number {
    const C = this.call,
      m = this.model,
      M = this.metrics;
    M.eRetries[e]!++;
    const caller = m.src[e]!;
    M.sRetries[caller * M.buckets + this.bucket]!++;
    if (this.measuring) M.retries[caller]!++;
    const r = this.job.req[j]!;
    if (!m.reuseKey[e]) {
      C.key[c] = this.keyNext++;
      this.req.cause[r] = CAUSE_NEW_KEY;
      return CAUSE_NEW_KEY;
    }
    const cause = C.lastFail[c] === ST_TIMEOUT || C.lastFail[c] === ST_HANG ? CAUSE_RETRY_TIMEOUT : CAUSE_RETRY_ERROR;
    this.req.cause[r] = cause;
    return cause;
  }

  /**
   * A design with deadlines: the attempt's deadline (the call's, or sooner its own timeout when
   * the edge takes the deadline from it), and the timer for whichever of the two comes first.
   */
  private armDeadline(c: number, e: number, token: number): number {
    const m = this.model;
    const timeoutAt = this.now + m.timeoutMs[e]!;
    let deadline = this.call.deadline[c]!;
    if (m.deadlineMode[e] === DL_TIMEOUT && timeoutAt < deadline) deadline = timeoutAt;
    if (deadline < timeoutAt) {
      // The deadline comes before the edge's own timeout: the caller gives up then. (Not on the
      // edge's timer list, whose timers must expire in the order they are set.)
      this.eq.push(deadline, EV_TIMEOUT, c, token, 0);
    } else if (m.timeoutMs[e]! < Infinity) this.timers.push(e, timeoutAt, EV_TIMEOUT, c, token, 0);
    return deadline;
  }

  private traceSend(c: number, e: number, j: number, child: number, n: number): void {
    const J = this.job,
      m = this.model;
    this.traceSpan(child, J.span[j]!, n);
    this.traceEvent(
      j,
      'send',
      `${n > 1 ? `retry #${n - 1}` : 'call'} → ${m.ids[m.dst[e]!]}${this.call.key[c] !== J.key[j] ? ' (new idempotency key)' : ''}`,
    );
  }

  private onTimeout(c: number, token: number): void {
    const C = this.call;
    if (C.token[c] !== token) return;
    const e = C.edge[c]!;
    const M = this.metrics;
    M.eTimeouts[e]!++;
    const target = this.model.dst[e]!;
    if (this.job.span[C.job[c]!]! >= 0) this.traceTimeout(c, e);
    M.sTimeouts[target * M.buckets + this.bucket]!++;
    if (this.measuring) M.timeouts[target]!++;
    if (this.model.cancelOnTimeout[e]) this.cancelAttempt(c, token);
    this.callResponse(c, token, ST_TIMEOUT);
  }

  private traceTimeout(c: number, e: number): void {
    const C = this.call,
      m = this.model;
    const target = m.ids[m.dst[e]!];
    const after = m.cancelOnTimeout[e] ? ' and cancelled it' : '; its work goes on';
    this.traceEvent(
      C.job[c]!,
      'timeout',
      m.deadlines && C.deadline[c]! <= this.now
        ? `deadline passed: gave up on ${target} (attempt ${C.attempt[c]})${after}`
        : `gave up on ${target} after ${formatMs(m.timeoutMs[e]!)} (attempt ${C.attempt[c]})${after}`,
    );
  }

  /**
   * The caller gave up on attempt `token` of call c and cancels it: the callee's job is dropped
   * when it reaches a worker, stops after its current work (no side effect, no calls), or
   * starts no further call. Cooperative, like a gRPC server checking its context.
   */
  private cancelAttempt(c: number, token: number): void {
    const J = this.job;
    const child = this.call.child[c]!;
    // Still that attempt (job indices are recycled; attempt tokens are not).
    if (J.call[child] !== c || J.token[child] !== token || J.flags[child]! & F_CANCEL) return;
    J.flags[child]! |= F_CANCEL;
    J.failed[child] = 1;
    if (J.span[child]! >= 0) this.traceEvent(child, 'cancel', 'its caller gave up: cancelled');
  }

  /** An attempt's outcome reaches its caller (ignored if the caller already moved on). */
  private callResponse(c: number, token: number, status: number): void {
    const C = this.call,
      m = this.model;
    if (C.token[c] !== token) return;
    C.token[c] = 0;
    const e = C.edge[c]!;
    this.outstanding[e]!--;
    const ok = status === ST_OK;
    const rf = this.res.flags[e]!;
    if (rf !== 0) {
      if (rf & RES_BREAKER) this.res.record(e, this.now, ok, C.probe[c]!);
      if (ok && rf & RES_THROTTLE) this.res.throttleSuccess(e);
    }
    if (this.outcomeHook[e]) {
      const s = m.src[e]!;
      this.kindOf[s]!.callOutcome!(this, e, ok, this.state[s]);
    }
    if (ok) {
      this.callDone(c, ST_OK);
      return;
    }
    if (status !== ST_TIMEOUT) this.metrics.eErrors[e]!++;
    C.lastFail[c] = status;
    const retryable = status === ST_TIMEOUT ? m.retryOnTimeout[e] : status === ST_RATE ? m.retryOnRejected[e] : m.retryOnError[e];
    // gRPC throttling counts every retryable failure, the last attempt's too.
    const throttled = retryable && rf & RES_THROTTLE && !this.res.throttleFailure(e);
    if (retryable && C.attempt[c]! < m.maxAttempts[e]!) {
      if (throttled) {
        this.metrics.eThrottled[e]!++;
        if (this.job.span[C.job[c]!]! >= 0)
          this.traceEvent(C.job[c]!, 'throttle', 'retry throttled (gRPC tokens ≤ maxTokens/2): not retrying');
        this.callFailed(c, status);
        return;
      }
      if (!this.res.withdraw(e, this.now)) {
        this.metrics.eBudget[e]!++;
        if (this.job.span[C.job[c]!]! >= 0) this.traceEvent(C.job[c]!, 'budget', 'retry budget spent: not retrying');
        this.callFailed(c, status);
        return;
      }
      let sleep = this.backoff(c, e);
      if (status === ST_RATE && C.retryAfter[c]! > sleep) sleep = C.retryAfter[c]!;
      this.eq.push(this.now + sleep, EV_RETRY, c, 0, 0);
      if (this.job.span[C.job[c]!]! >= 0) this.traceBackoff(c, e, status, sleep);
      return;
    }
    this.callFailed(c, status);
  }

  private traceBackoff(c: number, e: number, status: number, sleep: number): void {
    const cj = this.call.job[c]!;
    this.tracer!.retry(this.req.trace[this.job.req[cj]!]!);
    this.traceEvent(cj, 'backoff', `${STATUS_TEXT[status]} from ${this.model.ids[this.model.dst[e]!]}; retry in ${formatMs(sleep)}`);
  }

  /** Sleep before retry n (1 = first retry), per the edge's jitter (Brooker 2015). */
  private backoff(c: number, e: number): number {
    const m = this.model,
      C = this.call;
    const base = m.baseMs[e]!,
      cap = m.capMs[e]!;
    const n = C.attempt[c]!;
    const v = Math.min(cap, base * Math.pow(m.multiplier[e]!, n - 1));
    switch (m.jitter[e]) {
      case 0:
        return v;
      case 1:
        return this.rng.next() * v;
      case 2:
        return v / 2 + this.rng.next() * (v / 2);
      default: {
        const s = Math.min(cap, base + this.rng.next() * (3 * C.prevSleep[c]! - base));
        C.prevSleep[c] = s;
        return s;
      }
    }
  }

  private callFailed(c: number, status: number): void {
    this.callDone(c, status === ST_HANG ? ST_TIMEOUT : status);
  }

  /** The logical call is over: continue the caller's plan. */
  private callDone(c: number, status: number): void {
    const C = this.call,
      J = this.job;
    const j = C.job[c]!;
    C.give(c);
    // A failed call fails the caller's attempt with an error of its own: the caller did not
    // reject anything, so a downstream 429 or full queue is not counted as a rejection here.
    if (status !== ST_OK) J.failed[j] = 1;
    if (--J.pending[j]! > 0) return;
    this.proceed(j);
  }

  /** An autoscaling group's serving workers changed (capped by a capacity failure); a larger pool takes waiting work now. */
  workersSet(i: number, workers: number): void {
    this.slow[i] = this.slowFail[i]! * this.groupSlow[i]!;
    this.baseWorkers[i] = workers;
    const before = this.effWorkers[i]!;
    this.effWorkers[i] = Math.min(this.capCut[i]!, workers);
    if (this.effWorkers[i]! > before) this.nextWaiting(i);
  }

  // ── failure injection ──────────────────────────────────────────────────────
  private failure(idx: number, on: boolean): void {
    const f = this.failures[idx]!;
    const i = f.target,
      m = this.model;
    switch (f.kind) {
      case FK_PARTITION:
        this.partition[i] = on ? (f.hang ? DOWN_HANG : DOWN_FAST) : UP;
        break;
      case FK_LATENCY:
        this.addedMs[i] = on ? f.addedMs : 0;
        break;
      case FK_DOWN:
        this.down[i] = on ? (f.hang ? DOWN_HANG : DOWN_FAST) : UP;
        if (on && f.crash) crashNode(this, i, f.hang ? ST_HANG : ST_ERROR);
        if (!on) {
          this.nextWaiting(i);
          this.kindOf[i]!.resume?.(this, i, this.state[i]);
        }
        break;
      case FK_SLOW:
        this.slowFail[i] = on ? f.factor : 1;
        this.slow[i] = this.slowFail[i]! * this.groupSlow[i]!;
        break;
      case FK_ERROR:
        this.injErr[i] = on ? f.probability : 0;
        break;
      case FK_CAPACITY:
        this.capCut[i] = on ? f.workers : Infinity;
        this.effWorkers[i] = Math.min(this.capCut[i]!, this.baseWorkers[i]!);
        if (!on) this.nextWaiting(i);
        break;
      case FK_CRASH:
        this.crashP[i] = on ? f.probability : 0;
        break;
      case FK_FLUSH:
        // A point event: the cache forgets its entries at the start; the end does nothing.
        if (on) this.kindOf[i]!.flush?.(this, i, this.state[i]);
        break;
    }
  }
}
