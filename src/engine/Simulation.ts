/**
 * Simulation: the discrete-event loop and the request lifecycle.
 *
 * Time is simulated milliseconds. The loop pops (time, seq)-ordered events and dispatches
 * on an integer kind; no closures, promises or strings per event. An attempt's life:
 *
 *   caller job ──startCall──▶ Call ──attempt──▶ child Job at target node ──arrive──▶ node block
 *        ▲                     │ timeout timer (TIMEOUT) · backoff timer (RETRY)          │
 *        └──── callResponse ◀──┴──────────── finishJob(status) ◀────── own work + calls ◀─┘
 *
 * Timeouts end the caller's wait only: the child job keeps running and its side effects
 * still happen (DESIGN §3). A late response is recognised by its attempt token and ignored.
 * No DOM, no globals, no Math.random: runs the same in Node and in a Web Worker.
 * The node blocks (queue, cache, load balancer, gateway, side effects) live in blocks/ as
 * functions over this class's state; its fields are internal to the engine.
 */
import type { ArchDocument } from '../model/schema.ts';
import { EventQueue } from './core/EventQueue.ts';
import { WorkStack } from './core/WorkStack.ts';
import { TimerLists } from './core/TimerLists.ts';
import { Rng } from './core/rng.ts';
import { distributionSample } from './core/distributions.ts';
import {
  compile, type CompiledModel, K_CACHE, K_CLIENT, K_DATABASE, K_EXTERNAL, K_GATEWAY, K_LB, K_QUEUE, K_SCHEDULER, K_SERVICE,
} from './compile.ts';
import { CallPool, IntDeque, JobPool, MessagePool, RequestPool } from './pools.ts';
import {
  Metrics, CAUSE_NONE, CAUSE_RETRY_ERROR, CAUSE_RETRY_TIMEOUT, CAUSE_NEW_KEY,
} from './stats/Metrics.ts';
import { Resilience } from './Resilience.ts';
import { KeyspaceCache } from './blocks/cache.ts';
import { Tracer, type TraceOptions } from './Tracer.ts';
import { DOWN_FAST, DOWN_HANG, EV_ARRIVAL, EV_BUCKET, EV_DELIVER, EV_DONE, EV_EMIT, EV_FAIL_END, EV_FAIL_START, EV_RESPONSE, EV_RETRY, EV_THINK, EV_TICK, EV_TIMEOUT, EV_TIMER, EV_VISIBILITY, EV_WARMUP, OP_ARRIVE, OP_DISPATCH, OP_FANOUT, OP_FINISH, OP_LEAVE, OP_NEXT, OP_PROCEED, OP_RESPOND, F_CLAIM, F_DIRECT, F_MISS, F_OWN_DONE, F_QUEUED, F_WORKER, F_WRITE, STATUS_TEXT, ST_BREAKER, ST_ERROR, ST_FULL, ST_HANG, ST_OK, ST_RATE, ST_TIMEOUT, UP, fmtMs } from './constants.ts';
import { cacheLookup, cacheFilled } from './blocks/cacheFlow.ts';
import { lbPick, lbHealthRecord } from './blocks/loadBalancer.ts';
import { gatewayTakeToken } from './blocks/gateway.ts';
import { queueEnqueue, queueDispatch, queueConsumerDone, queueVisibilityExpired } from './blocks/queue.ts';
import { sideEffectApply, requestForget, idempotencyCheck, idempotencyRecord, idempotencyPrune } from './blocks/sideEffects.ts';

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

/** Sample about 2,000 requests per run: enough to catch rare duplicates, cheap on long runs. */
function defaultTraceRate(doc: ArchDocument, durationMs: number): number {
  let requests = 0;
  for (const n of doc.nodes) {
    if (n.kind === 'client') {
      const peak = Math.max(n.params.rateRps, ...n.params.schedule.map((p) => p.rateRps));
      requests += n.params.arrival === 'closed' ? (n.params.users * durationMs) / Math.max(1, n.params.thinkTimeMs) : (peak * durationMs) / 1000;
    } else if (n.kind === 'scheduler') requests += (n.params.batchSize * durationMs) / 1000 / n.params.intervalS;
  }
  return Math.min(0.05, Math.max(0.0002, 2000 / Math.max(1, requests)));
}

export class Simulation {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly rng: Rng;
  readonly eq = new EventQueue(4096);
  /** Hops waiting to run within the current event (the iterative lifecycle). */
  readonly work = new WorkStack();
  /** Fixed-delay timers outside the heap: list e = edge e's timeouts, list m + q = queue q's visibility timeouts. */
  readonly timers: TimerLists;
  readonly metrics: Metrics;
  readonly res: Resilience;
  readonly tracer: Tracer | null;
  now = 0;
  events = 0;
  measuring = false;
  bucket = 0;
  done = false;
  wallMs = 0;
  readonly clock: () => number;

  readonly req = new RequestPool();
  readonly job = new JobPool();
  readonly call = new CallPool();
  readonly msg = new MessagePool();
  tokenNext = 1;
  serialNext = 1;
  keyNext = 1;

  // Node runtime state.
  readonly effWorkers: Float64Array;
  readonly waitQ: IntDeque[];
  readonly down: Uint8Array;
  readonly slow: Float64Array;
  readonly injErr: Float64Array;
  readonly crashP: Float64Array;
  readonly visible: IntDeque[];
  /** Messages stored per queue, visible + in flight (what capacity limits). */
  readonly stored: Float64Array;
  readonly consumerRR: Int32Array;
  readonly tokens: Float64Array[];
  readonly tokensAt: Float64Array[];
  readonly idem: Map<number, number>[];
  readonly applied: Map<number, number>[];
  readonly opCounts: Map<number, number>[];
  // Edge runtime state.
  readonly partition: Uint8Array;
  readonly addedMs: Float64Array;
  readonly outstanding: Float64Array;
  readonly lbCurrent: Float64Array;
  readonly ejectedUntil: Float64Array;
  readonly consecFails: Int32Array;
  readonly constantArrivals: Uint8Array;
  readonly lbHealth: Uint8Array;
  readonly arrivalSeg: Int32Array;
  /** Per source: the one edge it calls when that call needs no caller-side machinery, else −1. */
  readonly directEdge: Int32Array;
  readonly caches: (KeyspaceCache | null)[];
  /** Nodes whose own work can take zero time (answered within the call that starts it). */
  readonly zeroWork: Uint8Array;

  constructor(doc: ArchDocument, opts: SimOptions = {}) {
    const m = compile(doc, { durationS: opts.durationS });
    this.model = m;
    this.clock = opts.clock ?? defaultClock;
    this.seed = opts.seed ?? doc.scenario.seed;
    this.rng = new Rng(this.seed);
    this.timers = new TimerLists(this.eq, m.m + m.n, EV_TIMER);
    this.metrics = new Metrics(m.n, m.sources.length, m.m, m.buckets);
    this.res = new Resilience(m, this.metrics);
    this.tracer = opts.traces === false ? null : new Tracer(this.seed, { sampleRate: defaultTraceRate(doc, m.durationMs), ...opts.traces });
    this.effWorkers = Float64Array.from(m.workers);
    this.waitQ = Array.from({ length: m.n }, () => new IntDeque());
    this.down = new Uint8Array(m.n);
    this.slow = new Float64Array(m.n).fill(1);
    this.injErr = new Float64Array(m.n);
    this.crashP = new Float64Array(m.n);
    this.visible = Array.from({ length: m.n }, () => new IntDeque());
    this.stored = new Float64Array(m.n);
    this.consumerRR = new Int32Array(m.n);
    this.tokens = doc.nodes.map((node) => {
      if (node.kind !== 'gateway') return new Float64Array(0);
      const k = node.params.scope === 'perClient' ? m.sources.length : 1;
      return new Float64Array(k).fill(node.params.burst);
    });
    this.tokensAt = this.tokens.map((t) => new Float64Array(t.length));
    this.idem = doc.nodes.map(() => new Map());
    this.applied = doc.nodes.map(() => new Map());
    this.opCounts = doc.nodes.map(() => new Map());
    this.partition = new Uint8Array(m.m);
    this.addedMs = new Float64Array(m.m);
    this.outstanding = new Float64Array(m.m);
    this.lbCurrent = new Float64Array(m.m);
    this.ejectedUntil = new Float64Array(m.m);
    this.consecFails = new Int32Array(m.m);
    this.caches = doc.nodes.map((x) => (x.kind === 'cache' && x.params.mode === 'keyspace' ? new KeyspaceCache(x.params) : null));
    this.lbHealth = Uint8Array.from(doc.edges, (e) => {
      const src = doc.nodes[m.src[m.edgeIndex.get(e.id)!]!]!;
      return src.kind === 'loadBalancer' && src.params.healthCheck.enabled ? 1 : 0;
    });
    this.arrivalSeg = new Int32Array(m.n);
    this.directEdge = Int32Array.from(doc.nodes, (_node, i) => {
      if (m.sourceOf[i]! < 0 || m.outStart[i + 1]! - m.outStart[i]! !== 1) return -1;
      const e = m.outEdges[m.outStart[i]!]!;
      const p = doc.edges[e]!.params;
      const plain = p.timeoutMs === 0 && p.retry.maxAttempts === 1 && !p.breaker.enabled && !p.budget.enabled && p.callProbability === 1 && p.latencyMs === 0 && !p.async;
      return plain ? e : -1;
    });
    this.zeroWork = Uint8Array.from(doc.nodes, (_x, i) => (m.kind[i] !== K_SERVICE && ((m.svcType[i] === 0 && m.svcP1[i] === 0) || (m.kind[i] === K_DATABASE && m.wrType[i] === 0 && m.wrP1[i] === 0)) ? 1 : 0));
    this.constantArrivals = Uint8Array.from(doc.nodes, (x) => (x.kind === 'client' && x.params.arrival === 'constant' ? 1 : 0));
    this.start();
  }

  // ── setup ──────────────────────────────────────────────────────────────────
  start(): void {
    const m = this.model;
    const eq = this.eq;
    for (let k = 0; k < m.sources.length; k++) {
      const s = m.sources[k]!;
      const node = m.doc.nodes[s]!;
      if (node.kind === 'client') {
        if (node.params.arrival === 'closed') {
          for (let u = 0; u < node.params.users; u++) eq.push(this.rng.exp(node.params.thinkTimeMs), EV_THINK, s, u, 0);
        } else {
          const t = this.nextArrival(s, 0);
          if (t < m.durationMs) eq.push(t, EV_ARRIVAL, s, 0, 0);
        }
      } else if (node.kind === 'scheduler') {
        eq.push(0, EV_TICK, s, 0, 0);
      }
    }
    m.doc.scenario.failures.forEach((f, i) => {
      eq.push(f.atS * 1000, EV_FAIL_START, i, 0, 0);
      eq.push((f.atS + f.durationS) * 1000, EV_FAIL_END, i, 0, 0);
    });
    for (let b = 1; b <= m.buckets; b++) eq.push(Math.min(b * m.bucketMs, m.durationMs), EV_BUCKET, b - 1, 0, 0);
    if (m.warmupMs > 0) eq.push(m.warmupMs, EV_WARMUP, 0, 0, 0);
    else this.measuring = true;
  }

  /**
   * Process every event with time ≤ `untilMs` (capped at the run's end): an event at exactly
   * `untilMs` is processed, so runUntil(t) twice in a row does nothing the second time. The
   * clock then reads `untilMs`. Returns true when the run is over.
   */
  runUntil(untilMs: number): boolean {
    const end = this.model.durationMs;
    const limit = Math.min(untilMs, end);
    const eq = this.eq;
    const t0 = this.clock();
    let events = 0;
    while (eq.size > 0) {
      const t = eq.peekTime();
      if (t > limit) break;
      this.now = t;
      events++;
      const slot = eq.pop();
      this.dispatch(eq.kind[slot]!, eq.a[slot]!, eq.b[slot]!, eq.c[slot]!);
    }
    this.events += events;
    if (limit >= end && (eq.size === 0 || eq.peekTime() > end)) {
      this.now = end;
      this.finish();
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
      this.finish();
      return 0;
    }
    this.now = eq.peekTime();
    this.events++;
    const slot = eq.pop();
    const kind = eq.kind[slot]!;
    this.dispatch(kind, eq.a[slot]!, eq.b[slot]!, eq.c[slot]!);
    return kind === EV_TIMER ? this.timers.kind : kind;
  }

  /** Handle one event (kind and payload as in constants.ts), then run the hops it started. */
  private dispatch(kind: number, a: number, b: number, c: number): void {
    switch (kind) {
      case EV_DONE: this.ownWorkDone(a); break;
      case EV_ARRIVAL: this.onArrival(a); break;
      case EV_RESPONSE: this.callResponse(a, b, c); break;
      case EV_TIMEOUT: this.onTimeout(a, b); break;
      case EV_DELIVER: this.arrive(a); break;
      case EV_RETRY: this.attempt(a); break;
      case EV_THINK: this.startRequest(a, b); break;
      case EV_TICK: this.onTick(a); break;
      case EV_EMIT: this.startRequest(a, -1); break;
      case EV_VISIBILITY: queueVisibilityExpired(this, a, b, c); break;
      case EV_FAIL_START: this.failure(a, true); break;
      case EV_FAIL_END: this.failure(a, false); break;
      case EV_BUCKET: this.closeBucket(a); break;
      case EV_WARMUP: this.startMeasuring(); break;
      case EV_TIMER: {
        const T = this.timers;
        T.pop(a);
        this.dispatch(T.kind, T.a, T.b, T.c);
        return;
      }
    }
    if (this.work.size > 0) this.drain();
  }

  /** Run the hops the last event started, depth first, until none is left. */
  drain(): void {
    const W = this.work;
    while (W.size > 0) {
      const k = --W.size;
      const a = W.a[k]!, b = W.b[k]!;
      switch (W.op[k]) {
        case OP_ARRIVE: this.arrive(a); break;
        case OP_RESPOND: this.callResponse(a, b, W.c[k]!); break;
        case OP_FANOUT: this.fanOut(a); break;
        case OP_PROCEED: this.proceed(a); break;
        case OP_FINISH: this.finishJob(a, b); break;
        case OP_LEAVE: this.leave(a, b); break;
        case OP_DISPATCH: queueDispatch(this, a); break;
        case OP_NEXT: this.nextWaiting(a); break;
      }
    }
  }

  finish(): void {
    if (this.done) return;
    this.done = true;
    for (let i = 0; i < this.model.n; i++) this.metrics.touch(i, this.now, this.measuring);
    this.res.finish(this.now);
  }

  startMeasuring(): void {
    for (let i = 0; i < this.model.n; i++) this.metrics.touch(i, this.now, false);
    this.metrics.warmupEnd();
    this.measuring = true;
  }

  closeBucket(b: number): void {
    const M = this.metrics, m = this.model;
    for (let i = 0; i < m.n; i++) M.touch(i, this.now, this.measuring);
    const width = Math.min(m.bucketMs, m.durationMs - b * m.bucketMs);
    M.closeBucket(b, width, m.workers);
    this.bucket = b + 1;
    idempotencyPrune(this);
  }

  // ── sources ────────────────────────────────────────────────────────────────
  /** Next arrival after t for an open-loop client: thinning over a piecewise-linear rate. */
  nextArrival(s: number, t: number): number {
    const sch = this.model.schedules[s]!;
    const constant = this.constantArrivals[s] === 1;
    // Time only moves forward, so resume from the segment of the previous arrival.
    let seg = this.arrivalSeg[s]!;
    while (sch.end[seg]! <= t) seg++;
    this.arrivalSeg[s] = seg;
    for (;;) {
      const s0 = sch.start[seg]!, s1 = sch.end[seg]!, r0 = sch.r0[seg]!, r1 = sch.r1[seg]!;
      const rmax = r0 > r1 ? r0 : r1;
      if (rmax <= 0) {
        if (s1 === Infinity) return Infinity;
        t = s1; seg++; continue;
      }
      if (constant) {
        const r = s1 === Infinity ? r0 : r0 + ((r1 - r0) * (t - s0)) / (s1 - s0);
        if (r > 0) return t + 1 / r;
        t = s1; seg++; continue;
      }
      const cand = t + this.rng.exp(1 / rmax);
      if (cand >= s1) { t = s1; seg++; continue; }
      if (r0 === r1) return cand;
      const r = r0 + ((r1 - r0) * (cand - s0)) / (s1 - s0);
      if (this.rng.next() * rmax < r) return cand;
      t = cand;
    }
  }

  onArrival(s: number): void {
    const next = this.nextArrival(s, this.now);
    if (next < this.model.durationMs) this.eq.push(next, EV_ARRIVAL, s, 0, 0);
    this.startRequest(s, -1);
  }

  onTick(s: number): void {
    const node = this.model.doc.nodes[s]!;
    if (node.kind !== 'scheduler') return;
    const p = node.params;
    const next = this.now + p.intervalS * 1000;
    if (next < this.model.durationMs) this.eq.push(next, EV_TICK, s, 0, 0);
    for (let i = 0; i < p.batchSize; i++) {
      if (p.jitterMs > 0) this.eq.push(this.now + this.rng.next() * p.jitterMs, EV_EMIT, s, 0, 0);
      else this.startRequest(s, -1);
    }
  }

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
    R.se[r] = 0;
    R.user[r] = user;
    R.trace[r] = this.tracer ? this.tracer.begin(this.model.ids[s]!, this.now) : -1;
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
    J.status[j] = ST_OK;
    J.span[j] = -1;
    this.req.refs[r]!++;
    return j;
  }

  // ── tracing (only for sampled requests: R.trace ≥ 0) ─────────────────────
  traceSpan(j: number, parentSpan: number, attempt: number): void {
    const J = this.job, m = this.model;
    const e = J.edgeIn[j]!;
    J.span[j] = this.tracer!.span(this.req.trace[J.req[j]!]!, parentSpan, m.ids[J.node[j]!]!, e >= 0 ? m.edgeIds[e]! : null, attempt, this.now);
  }

  traceEvent(j: number, kind: string, text: string): void {
    const sp = this.job.span[j]!;
    if (sp >= 0) this.tracer!.event(this.req.trace[this.job.req[j]!]!, sp, this.now, kind, text);
  }

  // ── nodes ──────────────────────────────────────────────────────────────────
  /** An attempt reaches its node. */
  arrive(j: number): void {
    const J = this.job, m = this.model, M = this.metrics;
    const i = J.node[j]!;
    J.arrive[j] = this.now;
    if (J.span[j]! >= 0) this.tracer!.start(this.req.trace[J.req[j]!]!, J.span[j]!, this.now);
    if (this.measuring) M.arrivals[i]!++;
    M.sArrivals[i * M.buckets + this.bucket]!++;
    M.touch(i, this.now, this.measuring);
    M.inSys[i]!++;
    const d = this.down[i]!;
    if (d !== UP) {
      if (d === DOWN_FAST) this.finishJob(j, ST_ERROR);
      else this.finishJob(j, ST_HANG);
      return;
    }
    switch (m.kind[i]) {
      case K_SERVICE:
      case K_DATABASE:
      case K_EXTERNAL:
        if (idempotencyCheck(this, j, i)) return;
        this.admit(j, i);
        return;
      case K_QUEUE:
        queueEnqueue(this, j, i);
        return;
      case K_GATEWAY:
        if (!gatewayTakeToken(this, j, i)) return;
        this.startOwnWork(j, i);
        return;
      default:
        this.startOwnWork(j, i);
    }
  }

  /** Workers free → start; else wait if there is room; else reject. */
  admit(j: number, i: number): void {
    const M = this.metrics;
    if (M.busy[i]! < this.effWorkers[i]! && this.waitQ[i]!.length === 0) {
      this.startWorker(j, i);
    } else if (M.qLen[i]! < this.model.queueCap[i]!) {
      this.waitQ[i]!.pushBack(j);
      this.job.flags[j]! |= F_QUEUED;
      M.qLen[i]!++;
      if (M.qLen[i]! > M.bqMax[i]!) M.bqMax[i] = M.qLen[i]!;
      if (this.measuring && M.qLen[i]! > M.qMax[i]!) M.qMax[i] = M.qLen[i]!;
    } else {
      this.finishJob(j, ST_FULL);
    }
  }

  startWorker(j: number, i: number): void {
    if (this.job.span[j]! >= 0 && this.now > this.job.arrive[j]!) this.traceEvent(j, 'dequeue', `waited ${fmtMs(this.now - this.job.arrive[j]!)} in the queue`);
    const M = this.metrics;
    M.busy[i]!++;
    if (this.measuring) { M.waitSum[i]! += this.now - this.job.arrive[j]!; M.waitCount[i]!++; }
    this.job.flags[j]! |= F_WORKER;
    this.startOwnWork(j, i);
  }

  /** Schedule the node's own work (service time, DB query, endpoint latency, cache lookup, overhead). */
  startOwnWork(j: number, i: number): void {
    const m = this.model;
    let type = m.svcType[i]!, p1 = m.svcP1[i]!, p2 = m.svcP2[i]!;
    if (m.kind[i] === K_DATABASE && this.isWrite(this.job.key[j]!, m.writeFraction[i]!)) {
      this.job.flags[j]! |= F_WRITE;
      type = m.wrType[i]!; p1 = m.wrP1[i]!; p2 = m.wrP2[i]!;
    }
    if (type === 0 && p1 === 0 && m.kind[i] !== K_SERVICE) {
      this.ownWorkDone(j);
      return;
    }
    const d = distributionSample(this.rng, type, p1, p2) * this.slow[i]!;
    this.eq.push(this.now + d, EV_DONE, j, 0, 0);
  }

  /** Deterministic per key, so every retry of one logical write is a write too. */
  isWrite(key: number, fraction: number): boolean {
    if (fraction <= 0) return false;
    if (fraction >= 1) return true;
    let h = Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 12;
    return (h >>> 0) / 4294967296 < fraction;
  }

  /** The node finished its own work: fail, apply side effects, then make its downstream calls. */
  ownWorkDone(j: number): void {
    const J = this.job, m = this.model;
    const i = J.node[j]!;
    const k = m.kind[i]!;
    J.flags[j]! |= F_OWN_DONE;
    const errP = m.errorRate[i]! + this.injErr[i]!;
    if (errP > 0 && this.rng.next() < errP) {
      this.finishJob(j, ST_ERROR);
      return;
    }
    switch (k) {
      case K_QUEUE:
        this.finishJob(j, ST_OK);
        return;
      case K_DATABASE:
        if (J.flags[j]! & F_WRITE) sideEffectApply(this, j, i);
        this.finishJob(j, ST_OK);
        return;
      case K_EXTERNAL:
        sideEffectApply(this, j, i);
        this.finishJob(j, ST_OK);
        return;
      case K_CACHE:
        if (!cacheLookup(this, j, i)) return;
        break;
      case K_SERVICE:
        if (m.sideEffect[i]) sideEffectApply(this, j, i);
        // A consumer holds its slot until the message is done (that is its concurrency).
        if ((J.flags[j]! & F_WORKER) && !m.blockingCalls[i] && J.msg[j]! < 0) this.releaseWorker(j, i);
        break;
    }
    this.proceed(j);
  }

  /** Make the job's downstream calls (sequence: one at a time; parallel: all at once). */
  proceed(j: number): void {
    const J = this.job, m = this.model;
    const i = J.node[j]!;
    const end = m.outStart[i + 1]!;
    if (m.kind[i] === K_LB) {
      if (J.stage[j]! < end) {
        J.stage[j] = end;
        const e = lbPick(this, i);
        J.pending[j] = 1;
        this.startCall(j, e);
        return;
      }
    } else if (m.parallel[i]) {
      if (J.stage[j]! < end) {
        J.pending[j] = 1; // guard: calls that answer synchronously must not finish the job early
        this.fanOut(j);
        return;
      }
    } else {
      while (J.stage[j]! < end && !J.failed[j]) {
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
    this.finishJob(j, J.failed[j] ? J.status[j]! : ST_OK);
  }

  /** A parallel job sends its next call; its continuation runs after that call's hop. */
  fanOut(j: number): void {
    const J = this.job, m = this.model;
    const end = m.outStart[J.node[j]! + 1]!;
    while (J.stage[j]! < end) {
      const e = m.outEdges[J.stage[j]!++]!;
      if (m.callProbability[e]! < 1 && this.rng.next() >= m.callProbability[e]!) continue;
      this.work.push(OP_FANOUT, j, 0, 0);
      if (m.async[e]) this.fireAndForget(j, e);
      else { J.pending[j]!++; this.startCall(j, e); }
      return;
    }
    if (--J.pending[j]! > 0) return;
    this.finishJob(j, J.failed[j] ? J.status[j]! : ST_OK);
  }

  releaseWorker(j: number, i: number): void {
    const M = this.metrics, J = this.job;
    J.flags[j]! &= ~F_WORKER;
    M.touch(i, this.now, this.measuring);
    M.busy[i]!--;
    this.nextWaiting(i);
  }

  /** A worker came free at node i: take the next waiting attempt, or pull from a queue. */
  nextWaiting(i: number): void {
    const M = this.metrics, m = this.model;
    while (M.busy[i]! < this.effWorkers[i]!) {
      const q = this.waitQ[i]!;
      if (q.length > 0) {
        const j = m.lifo[i] ? q.popBack() : q.popFront();
        M.touch(i, this.now, this.measuring);
        M.qLen[i]!--;
        this.job.flags[j]! &= ~F_QUEUED;
        if (this.zeroWork[i]) {
          // Its work ends within this call and answers upstream: take the next one after that hop.
          this.work.push(OP_NEXT, i, 0, 0);
          this.startWorker(j, i);
          return;
        }
        this.startWorker(j, i);
        continue;
      }
      const c0 = m.consStart[i]!, c1 = m.consStart[i + 1]!;
      if (c0 === c1) return;
      let pulled = false;
      for (let c = c0; c < c1; c++) if (queueDispatch(this, m.consQueues[c]!)) pulled = true;
      if (!pulled) return;
    }
  }

  /** The attempt leaves node i with `status`: stats, idempotency record, response to its caller. */
  finishJob(j: number, status: number): void {
    const J = this.job, M = this.metrics, m = this.model;
    const i = J.node[j]!;
    const flags = J.flags[j]!;
    if (flags & F_WORKER) this.releaseWorker(j, i);
    if (J.span[j]! >= 0) this.tracer!.end(this.req.trace[J.req[j]!]!, J.span[j]!, this.now, status === ST_OK ? 'ok' : status === ST_FULL || status === ST_RATE ? 'rejected' : status === ST_HANG ? 'hang' : 'error');
    const B = M.buckets, bi = i * B + this.bucket;
    const measured = this.measuring;
    const lat = this.now - J.arrive[j]!;
    if (status === ST_OK) {
      // A queue's completions are acked messages (deleteMessage), not producer acks.
      // A source's node latency is its end-to-end latency, recorded once in requestDone.
      if (m.kind[i] !== K_QUEUE) {
        M.sCompleted[bi]!++;
        if (m.sourceOf[i]! < 0) M.hist[i]!.add(lat);
        if (this.measuring) { M.completed[i]!++; if (lat > M.latMax[i]!) M.latMax[i] = lat; }
      }
    } else if (status === ST_FULL || status === ST_RATE) {
      M.sRejected[bi]!++;
      if (measured) M.rejected[i]!++;
    } else if (status !== ST_HANG) {
      M.sErrors[bi]!++;
      if (measured) M.errors[i]!++;
    } else M.dropped[i]!++;
    if (m.kind[i] !== K_CLIENT && m.kind[i] !== K_SCHEDULER) {
      M.touch(i, this.now, this.measuring);
      M.inSys[i]!--;
    }
    if (m.idemMode[i] && (flags & (F_CLAIM | F_OWN_DONE))) idempotencyRecord(this, j, i, status);
    if ((flags & F_MISS) && cacheFilled(this, j, i, status)) return; // answers its waiters first, then leaves
    this.leave(j, status);
  }

  /** The finished attempt answers whoever waits for it (caller, queue, source) and is freed. */
  leave(j: number, status: number): void {
    const J = this.job, m = this.model;
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
      queueConsumerDone(this, j, status);
    } else if (m.sourceOf[i]! >= 0) {
      this.requestDone(j, status);
    } else if (J.flags[j]! & F_DIRECT) {
      this.directDone(j, status);
    }
    this.freeJob(j);
  }

  freeJob(j: number): void {
    const r = this.job.req[j]!;
    this.job.give(j);
    this.unref(r);
  }

  unref(r: number): void {
    if (--this.req.refs[r]! > 0) return;
    if (this.req.se[r]) requestForget(this, r);
    if (this.req.trace[r]! >= 0) this.tracer!.finish(this.req.trace[r]!);
    this.req.give(r);
  }

  /** Fast-path request (see startRequest): account the source node and the edge as the slow path would. */
  directDone(j: number, status: number): void {
    const M = this.metrics, m = this.model;
    if (status === ST_HANG) { M.srcStuck[this.req.source[this.job.req[j]!]!]!++; return; } // no timeout: it waits forever
    const e = this.job.edgeIn[j]!;
    const src = m.src[e]!;
    const bi = src * M.buckets + this.bucket;
    const s = status === ST_OK ? ST_OK : ST_ERROR;
    if (s === ST_OK) { M.sCompleted[bi]!++; if (this.measuring) M.completed[src]!++; }
    else { M.eErrors[e]!++; M.sErrors[bi]!++; if (this.measuring) M.errors[src]!++; }
    this.requestDone(j, s);
  }

  /** End to end: the source's root job finished. */
  requestDone(j: number, status: number): void {
    const R = this.req, M = this.metrics;
    const r = this.job.req[j]!;
    const src = R.source[r]!;
    const B = M.buckets;
    const lat = this.now - R.start[r]!;
    if (R.trace[r]! >= 0) this.tracer!.outcome(R.trace[r]!, this.now, status === ST_OK);
    if (status === ST_OK) {
      M.sSrcOk[src * B + this.bucket]!++;
      M.srcHist[src]!.add(lat);
    } else M.sSrcFail[src * B + this.bucket]!++;
    if (this.measuring) {
      if (status === ST_OK) { M.srcOk[src]!++; if (lat > M.srcLatMax[src]!) M.srcLatMax[src] = lat; } else M.srcFail[src]!++;
    }
    const user = R.user[r]!;
    if (user >= 0) {
      const node = this.model.doc.nodes[this.model.sources[src]!]!;
      const think = node.kind === 'client' ? node.params.thinkTimeMs : 0;
      const t = this.now + this.rng.exp(think);
      if (t < this.model.durationMs) this.eq.push(t, EV_THINK, this.model.sources[src]!, user, 0);
    }
  }

  // ── calls, timeouts, retries ───────────────────────────────────────────────
  startCall(j: number, e: number): void {
    const C = this.call, m = this.model;
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
    if (this.res.hasBudget[e]) this.res.deposit(e, this.now);
    this.attempt(c);
  }

  /** Async edge: one attempt, nobody waits for it. */
  fireAndForget(j: number, e: number): void {
    const J = this.job;
    this.metrics.eAttempts[e]!++;
    const child = this.newJob(this.model.dst[e]!, J.req[j]!, -1, J.key[j]!, J.cause[j]!, e);
    if (J.span[j]! >= 0) { this.traceSpan(child, J.span[j]!, 1); this.traceEvent(j, 'send', `async call → ${this.model.ids[this.model.dst[e]!]}`); }
    this.send(child, e);
  }

  send(child: number, e: number): void {
    const p = this.partition[e]!;
    if (p === DOWN_HANG) { this.job.node[child] = this.model.src[e]!; this.freeJob(child); return; }
    const lat = this.model.latencyMs[e]! / 2 + this.addedMs[e]!;
    if (lat > 0) this.eq.push(this.now + lat, EV_DELIVER, child, 0, 0);
    else this.work.push(OP_ARRIVE, child, 0, 0);
  }

  /** Send one attempt of call c. */
  attempt(c: number): void {
    const C = this.call, J = this.job, m = this.model, M = this.metrics;
    const e = C.edge[c]!;
    const j = C.job[c]!;
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
    let cause = C.cause[c]!;
    if (n > 1) {
      M.eRetries[e]!++;
      const caller = m.src[e]!;
      M.sRetries[caller * M.buckets + this.bucket]!++;
      if (this.measuring) M.retries[caller]!++;
      cause = C.lastFail[c] === ST_TIMEOUT || C.lastFail[c] === ST_HANG ? CAUSE_RETRY_TIMEOUT : CAUSE_RETRY_ERROR;
      const r = J.req[j]!;
      this.req.cause[r] = cause;
      if (!m.reuseKey[e]) { C.key[c] = this.keyNext++; cause = CAUSE_NEW_KEY; this.req.cause[r] = CAUSE_NEW_KEY; }
    }
    const token = this.tokenNext++;
    if (this.tokenNext > 0x7ffffff0) this.tokenNext = 1;
    C.token[c] = token;
    this.outstanding[e]!++;
    if (m.timeoutMs[e]! < Infinity) this.timers.push(e, this.now + m.timeoutMs[e]!, EV_TIMEOUT, c, token, 0);
    if (this.partition[e] === DOWN_FAST) {
      if (J.span[j]! >= 0) this.traceEvent(j, 'partition', `network partition: call to ${m.ids[m.dst[e]!]} failed`);
      this.work.push(OP_RESPOND, c, token, ST_ERROR);
      return;
    }
    const child = this.newJob(m.dst[e]!, J.req[j]!, c, C.key[c]!, cause, e);
    J.token[child] = token;
    if (J.span[j]! >= 0) {
      this.traceSpan(child, J.span[j]!, n);
      this.traceEvent(j, 'send', `${n > 1 ? `retry #${n - 1}` : 'call'} → ${m.ids[m.dst[e]!]}${C.key[c] !== J.key[j] ? ' (new idempotency key)' : ''}`);
    }
    this.send(child, e);
  }

  onTimeout(c: number, token: number): void {
    const C = this.call;
    if (C.token[c] !== token) return;
    const e = C.edge[c]!;
    const M = this.metrics;
    M.eTimeouts[e]!++;
    const target = this.model.dst[e]!;
    if (this.job.span[C.job[c]!]! >= 0) this.traceEvent(C.job[c]!, 'timeout', `gave up on ${this.model.ids[target]} after ${fmtMs(this.model.timeoutMs[e]!)} (attempt ${C.attempt[c]}); its work goes on`);
    M.sTimeouts[target * M.buckets + this.bucket]!++;
    if (this.measuring) M.timeouts[target]!++;
    this.callResponse(c, token, ST_TIMEOUT);
  }

  /** An attempt's outcome reaches its caller (ignored if the caller already moved on). */
  callResponse(c: number, token: number, status: number): void {
    const C = this.call, m = this.model;
    if (C.token[c] !== token) return;
    C.token[c] = 0;
    const e = C.edge[c]!;
    this.outstanding[e]!--;
    const ok = status === ST_OK;
    if (this.res.hasBreaker[e]) this.res.record(e, this.now, ok, C.probe[c]!);
    if (this.lbHealth[e]) lbHealthRecord(this, e, ok);
    if (ok) {
      this.callDone(c, ST_OK);
      return;
    }
    if (status !== ST_TIMEOUT) this.metrics.eErrors[e]!++;
    C.lastFail[c] = status;
    const retryable =
      status === ST_TIMEOUT ? m.retryOnTimeout[e] :
      status === ST_RATE ? m.retryOnRejected[e] :
      m.retryOnError[e];
    if (retryable && C.attempt[c]! < m.maxAttempts[e]!) {
      if (!this.res.withdraw(e, this.now)) {
        this.metrics.eBudget[e]!++;
        if (this.job.span[C.job[c]!]! >= 0) this.traceEvent(C.job[c]!, 'budget', 'retry budget spent: not retrying');
        this.callFailed(c, status);
        return;
      }
      let sleep = this.backoff(c, e);
      if (status === ST_RATE && C.retryAfter[c]! > sleep) sleep = C.retryAfter[c]!;
      this.eq.push(this.now + sleep, EV_RETRY, c, 0, 0);
      const cj = C.job[c]!;
      if (this.job.span[cj]! >= 0) {
        this.tracer!.retry(this.req.trace[this.job.req[cj]!]!);
        this.traceEvent(cj, 'backoff', `${STATUS_TEXT[status]} from ${m.ids[m.dst[e]!]}; retry in ${fmtMs(sleep)}`);
      }
      return;
    }
    this.callFailed(c, status);
  }

  /** Sleep before retry n (1 = first retry), per the edge's jitter (Brooker 2015). */
  backoff(c: number, e: number): number {
    const m = this.model, C = this.call;
    const base = m.baseMs[e]!, cap = m.capMs[e]!;
    const n = C.attempt[c]!;
    const v = Math.min(cap, base * Math.pow(m.multiplier[e]!, n - 1));
    switch (m.jitter[e]) {
      case 0: return v;
      case 1: return this.rng.next() * v;
      case 2: return v / 2 + this.rng.next() * (v / 2);
      default: {
        const s = Math.min(cap, base + this.rng.next() * (3 * C.prevSleep[c]! - base));
        C.prevSleep[c] = s;
        return s;
      }
    }
  }

  callFailed(c: number, status: number): void {
    this.callDone(c, status === ST_HANG ? ST_TIMEOUT : status);
  }

  /** The logical call is over: continue the caller's plan. */
  callDone(c: number, status: number): void {
    const C = this.call, J = this.job;
    const j = C.job[c]!;
    C.give(c);
    // A failed call fails the caller's attempt with an error of its own: the caller did not
    // reject anything, so a downstream 429 or full queue is not counted as a rejection here.
    if (status !== ST_OK && !J.failed[j]) {
      J.failed[j] = 1;
      J.status[j] = ST_ERROR;
    }
    if (--J.pending[j]! > 0) return;
    this.proceed(j);
  }

  // ── failure injection ──────────────────────────────────────────────────────
  failure(idx: number, on: boolean): void {
    const f = this.model.doc.scenario.failures[idx]!;
    const m = this.model;
    if (f.kind === 'partition' || f.kind === 'latency') {
      const e = m.edgeIndex.get(f.target)!;
      if (f.kind === 'partition') this.partition[e] = on ? (f.mode === 'hang' ? DOWN_HANG : DOWN_FAST) : UP;
      else this.addedMs[e] = on ? f.addedMs : 0;
      return;
    }
    const i = m.nodeIndex.get(f.target)!;
    switch (f.kind) {
      case 'down':
        this.down[i] = on ? (f.mode === 'hang' ? DOWN_HANG : DOWN_FAST) : UP;
        if (!on) this.nextWaiting(i);
        if (!on && m.kind[i] === K_QUEUE) queueDispatch(this, i);
        break;
      case 'slowdown': this.slow[i] = on ? f.factor : 1; break;
      case 'errorRate': this.injErr[i] = on ? f.probability : 0; break;
      case 'capacity':
        this.effWorkers[i] = on ? Math.min(f.workers, m.workers[i]!) : m.workers[i]!;
        if (!on) this.nextWaiting(i);
        break;
      case 'consumerCrash': this.crashP[i] = on ? f.probability : 0; break;
    }
  }
}

export { K_CLIENT, K_SCHEDULER, K_LB, K_GATEWAY, K_SERVICE, K_QUEUE, K_CACHE, K_DATABASE, K_EXTERNAL };
