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
 */
import type { ArchDocument } from '../model/schema.ts';
import { EventQueue } from './core/EventQueue.ts';
import { Rng } from './core/rng.ts';
import { distributionSample } from './core/distributions.ts';
import {
  compile, type CompiledModel, K_CACHE, K_CLIENT, K_DATABASE, K_EXTERNAL, K_GATEWAY, K_LB, K_QUEUE, K_SCHEDULER, K_SERVICE, LB_CODE,
} from './compile.ts';
import { CallPool, IntDeque, JobPool, MessagePool, RequestPool } from './pools.ts';
import {
  Metrics, CAUSE_CRASH, CAUSE_NONE, CAUSE_REDELIVERY, CAUSE_RETRY_ERROR, CAUSE_RETRY_TIMEOUT, CAUSE_NEW_KEY,
} from './stats/Metrics.ts';
import { Resilience } from './Resilience.ts';
import { KeyspaceCache } from './blocks/cache.ts';
import { Tracer, type TraceOptions } from './Tracer.ts';

// Event kinds.
const EV_ARRIVAL = 1, EV_THINK = 2, EV_TICK = 3, EV_EMIT = 4, EV_DONE = 5, EV_DELIVER = 6, EV_RESPONSE = 7,
  EV_TIMEOUT = 8, EV_RETRY = 9, EV_VISIBILITY = 10, EV_FAIL_START = 11, EV_FAIL_END = 12, EV_BUCKET = 13, EV_WARMUP = 14;

// Response statuses.
export const ST_OK = 0, ST_ERROR = 1, ST_FULL = 2, ST_RATE = 3, ST_TIMEOUT = 4, ST_BREAKER = 5, ST_CONFLICT = 6, ST_HANG = 7;

// Job flags.
const F_WORKER = 1, F_DIRECT = 2, F_WRITE = 4, F_HIT = 8, F_CLAIM = 16, F_QUEUED = 32, F_OWN_DONE = 64, F_MISS = 128;

// Node down modes.
const UP = 0, DOWN_FAST = 1, DOWN_HANG = 2;

export interface SimOptions {
  seed?: number;
  durationS?: number;
  /** Wall clock in ms, for wallMs only (never affects results). Default: performance.now. */
  clock?: () => number;
  /** Request-trace sampling (default 1 % of requests, 200 kept); false turns it off. */
  traces?: TraceOptions | false;
}

const defaultClock = (): number => (globalThis as { performance?: { now(): number } }).performance?.now() ?? 0;

const STATUS_TEXT = ['ok', 'error', 'rejected (queue full)', 'rate limited (429)', 'timeout', 'circuit open', 'conflict (409)', 'no answer'];
const fmtMs = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 10 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);

export class Simulation {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly rng: Rng;
  readonly eq = new EventQueue(4096);
  readonly metrics: Metrics;
  readonly res: Resilience;
  readonly tracer: Tracer | null;
  now = 0;
  events = 0;
  measuring = false;
  bucket = 0;
  done = false;
  wallMs = 0;
  private readonly clock: () => number;

  private readonly req = new RequestPool();
  private readonly job = new JobPool();
  private readonly call = new CallPool();
  private readonly msg = new MessagePool();
  private tokenNext = 1;
  private serialNext = 1;
  private keyNext = 1;

  // Node runtime state.
  private readonly effWorkers: Float64Array;
  private readonly waitQ: IntDeque[];
  private readonly down: Uint8Array;
  private readonly slow: Float64Array;
  private readonly injErr: Float64Array;
  private readonly crashP: Float64Array;
  private readonly visible: IntDeque[];
  /** Messages stored per queue, visible + in flight (what capacity limits). */
  private readonly stored: Float64Array;
  private readonly consumerRR: Int32Array;
  private readonly tokens: Float64Array[];
  private readonly tokensAt: Float64Array[];
  private readonly idem: Map<number, number>[];
  private readonly applied: Map<number, number>[];
  private readonly opCounts: Map<number, number>[];
  // Edge runtime state.
  private readonly partition: Uint8Array;
  private readonly addedMs: Float64Array;
  private readonly outstanding: Float64Array;
  private readonly lbCurrent: Float64Array;
  private readonly ejectedUntil: Float64Array;
  private readonly consecFails: Int32Array;
  private readonly constantArrivals: Uint8Array;
  private readonly lbHealth: Uint8Array;
  private readonly arrivalSeg: Int32Array;
  /** Per source: the one edge it calls when that call needs no caller-side machinery, else −1. */
  private readonly directEdge: Int32Array;
  private readonly caches: (KeyspaceCache | null)[];

  constructor(doc: ArchDocument, opts: SimOptions = {}) {
    const m = compile(doc, { durationS: opts.durationS });
    this.model = m;
    this.clock = opts.clock ?? defaultClock;
    this.seed = opts.seed ?? doc.scenario.seed;
    this.rng = new Rng(this.seed);
    this.metrics = new Metrics(m.n, m.sources.length, m.m, m.buckets);
    this.res = new Resilience(m, this.metrics);
    this.tracer = opts.traces === false ? null : new Tracer(this.seed, opts.traces ?? {});
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
    this.directEdge = Int32Array.from(doc.nodes, (node, i) => {
      if (m.sourceOf[i]! < 0 || m.outStart[i + 1]! - m.outStart[i]! !== 1) return -1;
      const e = m.outEdges[m.outStart[i]!]!;
      const p = doc.edges[e]!.params;
      const plain = p.timeoutMs === 0 && p.retry.maxAttempts === 1 && !p.breaker.enabled && !p.budget.enabled && p.callProbability === 1 && p.latencyMs === 0 && !p.async;
      return plain ? e : -1;
    });
    this.constantArrivals = Uint8Array.from(doc.nodes, (x) => (x.kind === 'client' && x.params.arrival === 'constant' ? 1 : 0));
    this.start();
  }

  // ── setup ──────────────────────────────────────────────────────────────────
  private start(): void {
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

  /** Process events up to simulated time `untilMs` (capped at the run's end). Returns true when the run is over. */
  runUntil(untilMs: number): boolean {
    const end = this.model.durationMs;
    const limit = Math.min(untilMs, end);
    const eq = this.eq;
    const t0 = this.clock();
    let events = 0;
    while (eq.size > 0) {
      const t = eq.peekTime();
      if (t > limit) break;
      const slot = eq.pop();
      this.now = t;
      events++;
      const a = eq.a[slot]!, b = eq.b[slot]!, c = eq.c[slot]!;
      switch (eq.kind[slot]) {
        case EV_DONE: this.ownWorkDone(a); break;
        case EV_ARRIVAL: this.onArrival(a); break;
        case EV_RESPONSE: this.callResponse(a, b, c); break;
        case EV_TIMEOUT: this.onTimeout(a, b); break;
        case EV_DELIVER: this.arrive(a); break;
        case EV_RETRY: this.attempt(a); break;
        case EV_THINK: this.startRequest(a, b); break;
        case EV_TICK: this.onTick(a); break;
        case EV_EMIT: this.startRequest(a, -1); break;
        case EV_VISIBILITY: this.onVisibility(a, b, c); break;
        case EV_FAIL_START: this.failure(a, true); break;
        case EV_FAIL_END: this.failure(a, false); break;
        case EV_BUCKET: this.closeBucket(a); break;
        case EV_WARMUP: this.startMeasuring(); break;
      }
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

  private finish(): void {
    if (this.done) return;
    this.done = true;
    for (let i = 0; i < this.model.n; i++) this.metrics.touch(i, this.now, this.measuring);
    this.res.finish(this.now);
  }

  private startMeasuring(): void {
    for (let i = 0; i < this.model.n; i++) this.metrics.touch(i, this.now, false);
    this.metrics.warmupEnd();
    this.measuring = true;
  }

  private closeBucket(b: number): void {
    const M = this.metrics, m = this.model;
    for (let i = 0; i < m.n; i++) M.touch(i, this.now, this.measuring);
    const width = Math.min(m.bucketMs, m.durationMs - b * m.bucketMs);
    M.closeBucket(b, width, m.workers);
    this.bucket = b + 1;
    this.pruneIdempotency();
  }

  // ── sources ────────────────────────────────────────────────────────────────
  /** Next arrival after t for an open-loop client: thinning over a piecewise-linear rate. */
  private nextArrival(s: number, t: number): number {
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

  private onArrival(s: number): void {
    const next = this.nextArrival(s, this.now);
    if (next < this.model.durationMs) this.eq.push(next, EV_ARRIVAL, s, 0, 0);
    this.startRequest(s, -1);
  }

  private onTick(s: number): void {
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
  private startRequest(s: number, user: number): void {
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

  private newJob(node: number, r: number, call: number, key: number, cause: number, edgeIn: number): number {
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
  private traceSpan(j: number, parentSpan: number, attempt: number): void {
    const J = this.job, m = this.model;
    const e = J.edgeIn[j]!;
    J.span[j] = this.tracer!.span(this.req.trace[J.req[j]!]!, parentSpan, m.ids[J.node[j]!]!, e >= 0 ? m.edgeIds[e]! : null, attempt, this.now);
  }

  private traceEvent(j: number, kind: string, text: string): void {
    const sp = this.job.span[j]!;
    if (sp >= 0) this.tracer!.event(this.req.trace[this.job.req[j]!]!, sp, this.now, kind, text);
  }

  // ── nodes ──────────────────────────────────────────────────────────────────
  /** An attempt reaches its node. */
  private arrive(j: number): void {
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
        if (this.idemCheck(j, i)) return;
        this.admit(j, i);
        return;
      case K_QUEUE:
        this.enqueue(j, i);
        return;
      case K_GATEWAY:
        if (!this.takeToken(j, i)) return;
        this.startOwnWork(j, i);
        return;
      default:
        this.startOwnWork(j, i);
    }
  }

  /** Workers free → start; else wait if there is room; else reject. */
  private admit(j: number, i: number): void {
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

  private startWorker(j: number, i: number): void {
    if (this.job.span[j]! >= 0 && this.now > this.job.arrive[j]!) this.traceEvent(j, 'dequeue', `waited ${fmtMs(this.now - this.job.arrive[j]!)} in the queue`);
    const M = this.metrics;
    M.busy[i]!++;
    if (this.measuring) { M.waitSum[i]! += this.now - this.job.arrive[j]!; M.waitCount[i]!++; }
    this.job.flags[j]! |= F_WORKER;
    this.startOwnWork(j, i);
  }

  /** Schedule the node's own work (service time, DB query, endpoint latency, cache lookup, overhead). */
  private startOwnWork(j: number, i: number): void {
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
  private isWrite(key: number, fraction: number): boolean {
    if (fraction <= 0) return false;
    if (fraction >= 1) return true;
    let h = Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 12;
    return (h >>> 0) / 4294967296 < fraction;
  }

  /** The node finished its own work: fail, apply side effects, then make its downstream calls. */
  private ownWorkDone(j: number): void {
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
        if (J.flags[j]! & F_WRITE) this.sideEffect(j, i);
        this.finishJob(j, ST_OK);
        return;
      case K_EXTERNAL:
        this.sideEffect(j, i);
        this.finishJob(j, ST_OK);
        return;
      case K_CACHE:
        if (!this.cacheLookup(j, i)) return;
        break;
      case K_SERVICE:
        if (m.sideEffect[i]) this.sideEffect(j, i);
        // A consumer holds its slot until the message is done (that is its concurrency).
        if ((J.flags[j]! & F_WORKER) && !m.blockingCalls[i] && J.msg[j]! < 0) this.releaseWorker(j, i);
        break;
    }
    this.proceed(j);
  }

  /** Make the job's downstream calls (sequence: one at a time; parallel: all at once). */
  private proceed(j: number): void {
    const J = this.job, m = this.model;
    const i = J.node[j]!;
    const end = m.outStart[i + 1]!;
    if (m.kind[i] === K_LB) {
      if (J.stage[j]! < end) {
        J.stage[j] = end;
        const e = this.lbPick(i);
        J.pending[j] = 1;
        this.startCall(j, e);
        return;
      }
    } else if (m.parallel[i]) {
      if (J.stage[j]! < end) {
        const startStage = J.stage[j]!;
        J.stage[j] = end;
        J.pending[j] = 1; // guard: calls that answer synchronously must not finish the job early
        for (let s = startStage; s < end; s++) {
          const e = m.outEdges[s]!;
          if (m.callProbability[e]! < 1 && this.rng.next() >= m.callProbability[e]!) continue;
          if (m.async[e]) { this.fireAndForget(j, e); continue; }
          J.pending[j]!++;
          this.startCall(j, e);
        }
        if (--J.pending[j]! > 0) return;
      }
    } else {
      while (J.stage[j]! < end && !J.failed[j]) {
        const e = m.outEdges[J.stage[j]!++]!;
        if (m.callProbability[e]! < 1 && this.rng.next() >= m.callProbability[e]!) continue;
        if (m.async[e]) { this.fireAndForget(j, e); continue; }
        J.pending[j] = 1;
        this.startCall(j, e);
        return;
      }
    }
    this.finishJob(j, J.failed[j] ? J.status[j]! : ST_OK);
  }

  private releaseWorker(j: number, i: number): void {
    const M = this.metrics, J = this.job;
    J.flags[j]! &= ~F_WORKER;
    M.touch(i, this.now, this.measuring);
    M.busy[i]!--;
    this.nextWaiting(i);
  }

  /** A worker came free at node i: take the next waiting attempt, or pull from a queue. */
  private nextWaiting(i: number): void {
    const M = this.metrics, m = this.model;
    while (M.busy[i]! < this.effWorkers[i]!) {
      const q = this.waitQ[i]!;
      if (q.length > 0) {
        const j = m.lifo[i] ? q.popBack() : q.popFront();
        M.touch(i, this.now, this.measuring);
        M.qLen[i]!--;
        this.job.flags[j]! &= ~F_QUEUED;
        this.startWorker(j, i);
        continue;
      }
      const c0 = m.consStart[i]!, c1 = m.consStart[i + 1]!;
      if (c0 === c1) return;
      let pulled = false;
      for (let c = c0; c < c1; c++) if (this.dispatch(m.consQueues[c]!)) pulled = true;
      if (!pulled) return;
    }
  }

  /** The attempt leaves node i with `status`: stats, idempotency record, response to its caller. */
  private finishJob(j: number, status: number): void {
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
    }
    if (m.kind[i] !== K_CLIENT && m.kind[i] !== K_SCHEDULER) {
      M.touch(i, this.now, this.measuring);
      M.inSys[i]!--;
    }
    if (m.idemMode[i] && (flags & (F_CLAIM | F_OWN_DONE))) this.idemRecord(j, i, status);
    if (flags & F_MISS) this.cacheFilled(j, i, status);
    const call = J.call[j]!;
    if (call >= 0) {
      if (status !== ST_HANG) {
        const e = this.call.edge[call]!;
        const lat2 = m.latencyMs[e]! / 2 + this.addedMs[e]!;
        if (lat2 > 0) this.eq.push(this.now + lat2, EV_RESPONSE, call, J.token[j]!, status);
        else this.callResponse(call, J.token[j]!, status);
      }
    } else if (J.msg[j]! >= 0) {
      this.consumerDone(j, status);
    } else if (m.sourceOf[i]! >= 0) {
      this.requestDone(j, status);
    } else if (flags & F_DIRECT) {
      this.directDone(j, status);
    }
    this.freeJob(j);
  }

  private freeJob(j: number): void {
    const r = this.job.req[j]!;
    this.job.give(j);
    this.unref(r);
  }

  private unref(r: number): void {
    if (--this.req.refs[r]! > 0) return;
    if (this.req.se[r]) this.forgetRequest(r);
    if (this.req.trace[r]! >= 0) this.tracer!.finish(this.req.trace[r]!);
    this.req.give(r);
  }

  /** Fast-path request (see startRequest): account the source node and the edge as the slow path would. */
  private directDone(j: number, status: number): void {
    const M = this.metrics, m = this.model;
    if (status === ST_HANG) return;
    const e = this.job.edgeIn[j]!;
    const src = m.src[e]!;
    const bi = src * M.buckets + this.bucket;
    const s = status === ST_OK ? ST_OK : ST_ERROR;
    if (s === ST_OK) { M.sCompleted[bi]!++; if (this.measuring) M.completed[src]!++; }
    else { M.eErrors[e]!++; M.sErrors[bi]!++; if (this.measuring) M.errors[src]!++; }
    this.requestDone(j, s);
  }

  /** End to end: the source's root job finished. */
  private requestDone(j: number, status: number): void {
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
  private startCall(j: number, e: number): void {
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
  private fireAndForget(j: number, e: number): void {
    const J = this.job;
    this.metrics.eAttempts[e]!++;
    const child = this.newJob(this.model.dst[e]!, J.req[j]!, -1, J.key[j]!, J.cause[j]!, e);
    if (J.span[j]! >= 0) { this.traceSpan(child, J.span[j]!, 1); this.traceEvent(j, 'send', `async call → ${this.model.ids[this.model.dst[e]!]}`); }
    this.send(child, e);
  }

  private send(child: number, e: number): void {
    const p = this.partition[e]!;
    if (p === DOWN_HANG) { this.job.node[child] = this.model.src[e]!; this.freeJob(child); return; }
    const lat = this.model.latencyMs[e]! / 2 + this.addedMs[e]!;
    if (lat > 0) this.eq.push(this.now + lat, EV_DELIVER, child, 0, 0);
    else this.arrive(child);
  }

  /** Send one attempt of call c. */
  private attempt(c: number): void {
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
    if (m.timeoutMs[e]! < Infinity) this.eq.push(this.now + m.timeoutMs[e]!, EV_TIMEOUT, c, token, 0);
    if (this.partition[e] === DOWN_FAST) {
      if (J.span[j]! >= 0) this.traceEvent(j, 'partition', `network partition: call to ${m.ids[m.dst[e]!]} failed`);
      this.callResponse(c, token, ST_ERROR);
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

  private onTimeout(c: number, token: number): void {
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
  private callResponse(c: number, token: number, status: number): void {
    const C = this.call, m = this.model;
    if (C.token[c] !== token) return;
    C.token[c] = 0;
    const e = C.edge[c]!;
    this.outstanding[e]!--;
    const ok = status === ST_OK;
    if (this.res.hasBreaker[e]) this.res.record(e, this.now, ok, C.probe[c]!);
    if (this.lbHealth[e]) this.healthRecord(e, ok);
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
  private backoff(c: number, e: number): number {
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

  private callFailed(c: number, status: number): void {
    this.callDone(c, status === ST_HANG ? ST_TIMEOUT : status);
  }

  /** The logical call is over: continue the caller's plan. */
  private callDone(c: number, status: number): void {
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

  // ── cache ──────────────────────────────────────────────────────────────────
  /**
   * Look the request up. Returns true when it missed and must go downstream; false when it
   * was answered (hit) or parked behind an in-flight fill of the same key (coalescing).
   */
  private cacheLookup(j: number, i: number): boolean {
    const J = this.job, M = this.metrics, m = this.model;
    const cache = this.caches[i];
    const noBackend = m.outStart[i + 1]! === m.outStart[i]!;
    if (!cache) {
      if (noBackend || this.rng.next() < m.hitRatio[i]!) {
        if (this.measuring) M.cacheHits[i]!++;
        J.flags[j]! |= F_HIT;
        this.finishJob(j, ST_OK);
        return false;
      }
      if (this.measuring) M.cacheMisses[i]!++;
      return true;
    }
    const key = cache.sampleKey(this.rng);
    J.aux[j] = key;
    if (cache.lookup(key, this.now) || noBackend) {
      if (noBackend) cache.fill(key, this.now);
      if (this.measuring) M.cacheHits[i]!++;
      J.flags[j]! |= F_HIT;
      this.finishJob(j, ST_OK);
      return false;
    }
    if (this.measuring) M.cacheMisses[i]!++;
    if (cache.coalesce) {
      const waiting = cache.filling.get(key);
      if (waiting) { waiting.push(j); return false; }
      cache.filling.set(key, []);
    }
    J.flags[j]! |= F_MISS;
    return true;
  }

  /** A miss came back from downstream: fill the entry and answer the requests that waited on it. */
  private cacheFilled(j: number, i: number, status: number): void {
    const cache = this.caches[i];
    if (!cache) return;
    const key = this.job.aux[j]!;
    if (status === ST_OK) cache.fill(key, this.now);
    if (!cache.coalesce) return;
    const waiting = cache.filling.get(key);
    cache.filling.delete(key);
    if (waiting) for (const w of waiting) this.finishJob(w, status);
  }

  // ── load balancer ──────────────────────────────────────────────────────────
  private lbPick(i: number): number {
    const m = this.model;
    const s0 = m.outStart[i]!, s1 = m.outStart[i + 1]!;
    const node = m.doc.nodes[i]!;
    const policy = node.kind === 'loadBalancer' ? LB_CODE[node.params.policy] : 0;
    let healthy = 0;
    for (let s = s0; s < s1; s++) if (this.ejectedUntil[m.outEdges[s]!]! <= this.now) healthy++;
    const ok = (e: number) => healthy === 0 || this.ejectedUntil[e]! <= this.now;
    switch (policy) {
      case 0: { // smooth weighted round robin (nginx)
        let total = 0, best = -1;
        for (let s = s0; s < s1; s++) {
          const e = m.outEdges[s]!;
          if (!ok(e)) continue;
          this.lbCurrent[e]! += m.weight[e]!;
          total += m.weight[e]!;
          if (best < 0 || this.lbCurrent[e]! > this.lbCurrent[best]!) best = e;
        }
        this.lbCurrent[best]! -= total;
        return best;
      }
      case 1: { // weighted random
        let total = 0;
        for (let s = s0; s < s1; s++) { const e = m.outEdges[s]!; if (ok(e)) total += m.weight[e]!; }
        let u = this.rng.next() * total;
        let last = m.outEdges[s0]!;
        for (let s = s0; s < s1; s++) {
          const e = m.outEdges[s]!;
          if (!ok(e)) continue;
          last = e;
          u -= m.weight[e]!;
          if (u < 0) return e;
        }
        return last;
      }
      case 2: { // least outstanding (per unit weight); ties go to the first
        let best = -1, bestV = Infinity;
        for (let s = s0; s < s1; s++) {
          const e = m.outEdges[s]!;
          if (!ok(e)) continue;
          const v = this.outstanding[e]! / (m.weight[e]! || 1e-9);
          if (v < bestV) { bestV = v; best = e; }
        }
        return best;
      }
      default: { // power of two choices among the healthy backends (no allocation)
        const n = healthy === 0 ? s1 - s0 : healthy;
        const nth = (k: number) => {
          for (let s = s0; s < s1; s++) { const e = m.outEdges[s]!; if (ok(e) && k-- === 0) return e; }
          return m.outEdges[s0]!;
        };
        if (n === 1) return nth(0);
        const a = this.rng.int(n);
        let b = this.rng.int(n - 1);
        if (b >= a) b++;
        const ea = nth(a), eb = nth(b);
        return this.outstanding[eb]! < this.outstanding[ea]! ? eb : ea;
      }
    }
  }

  private healthRecord(e: number, ok: boolean): void {
    const node = this.model.doc.nodes[this.model.src[e]!]!;
    if (node.kind !== 'loadBalancer' || !node.params.healthCheck.enabled) return;
    if (ok) { this.consecFails[e] = 0; return; }
    if (++this.consecFails[e]! >= node.params.healthCheck.consecutiveFailures) {
      this.consecFails[e] = 0;
      this.ejectedUntil[e] = this.now + node.params.healthCheck.ejectS * 1000;
    }
  }

  // ── gateway: token bucket (continuous refill) ─────────────────────────────
  private takeToken(j: number, i: number): boolean {
    const node = this.model.doc.nodes[i]!;
    if (node.kind !== 'gateway') return true;
    const p = node.params;
    const k = p.scope === 'perClient' ? this.req.source[this.job.req[j]!]! : 0;
    const tk = this.tokens[i]!, at = this.tokensAt[i]!;
    const rate = p.rateRps / 1000;
    let t = tk[k]! + (this.now - at[k]!) * rate;
    if (t > p.burst) t = p.burst;
    at[k] = this.now;
    if (t >= 1) {
      tk[k] = t - 1;
      return true;
    }
    tk[k] = t;
    const call = this.job.call[j]!;
    if (call >= 0) this.call.retryAfter[call] = p.retryAfterMs > 0 ? p.retryAfterMs : rate > 0 ? (1 - t) / rate : 1000;
    this.finishJob(j, ST_RATE);
    return false;
  }

  // ── queue / broker ─────────────────────────────────────────────────────────
  private enqueue(j: number, q: number): void {
    const M = this.metrics, Q = this.msg, m = this.model;
    if (this.stored[q]! >= m.queueCap[q]!) {
      this.finishJob(j, ST_FULL);
      return;
    }
    const x = Q.get();
    const r = this.job.req[j]!;
    Q.req[x] = r;
    Q.key[x] = this.job.key[j]!;
    Q.receives[x] = 0;
    Q.enq[x] = this.now;
    Q.serial[x] = this.serialNext++;
    Q.inflight[x] = 0;
    Q.deleted[x] = 0;
    Q.cause[x] = this.job.cause[j]!;
    Q.queue[x] = q;
    Q.crashed[x] = 0;
    Q.edgeIn[x] = -1;
    Q.span[x] = this.job.span[j]!;
    if (Q.span[x]! >= 0) this.traceEvent(j, 'enqueue', `message stored (${this.metrics.qLen[q]! + 1} waiting)`);
    this.req.refs[r]!++;
    this.stored[q]!++;
    this.makeVisible(x, q);
    this.startOwnWork(j, q); // the producer's ack after enqueueMs
    this.dispatch(q);
  }

  /** Hand visible messages of queue q to consumers with a free worker. Returns true if any was delivered. */
  private dispatch(q: number): boolean {
    const m = this.model, M = this.metrics, vis = this.visible[q]!;
    const s0 = m.outStart[q]!, s1 = m.outStart[q + 1]!;
    const nc = s1 - s0;
    if (nc === 0) return false;
    let any = false;
    while (vis.length > 0) {
      let consumer = -1, edge = -1;
      for (let k = 0; k < nc; k++) {
        const s = s0 + ((this.consumerRR[q]! + k) % nc);
        const e = m.outEdges[s]!;
        const c = m.dst[e]!;
        if (M.busy[c]! < this.effWorkers[c]! && this.waitQ[c]!.length === 0 && this.down[c] === UP) {
          consumer = c; edge = e;
          this.consumerRR[q] = (s - s0 + 1) % nc;
          break;
        }
      }
      if (consumer < 0) return any;
      const x = vis.popFront();
      const Q = this.msg;
      Q.listed[x] = 0;
      if (Q.deleted[x]) { Q.deleted[x] = 0; Q.give(x); continue; } // acked while it waited here
      M.touch(q, this.now, this.measuring);
      M.qLen[q]!--;
      this.deliver(x, q, consumer, edge);
      any = true;
    }
    return any;
  }

  private deliver(x: number, q: number, c: number, e: number): void {
    const Q = this.msg, M = this.metrics;
    Q.receives[x]!++;
    Q.inflight[x] = 1;
    M.deliveries[q]! += this.measuring ? 1 : 0;
    const cause = Q.receives[x]! > 1 ? (Q.crashed[x] ? CAUSE_CRASH : CAUSE_REDELIVERY) : Q.cause[x]!;
    if (Q.receives[x]! > 1) this.req.cause[Q.req[x]!] = cause;
    const vis = (this.model.doc.nodes[q] as { params: { visibilityTimeoutS: number } }).params.visibilityTimeoutS * 1000;
    this.eq.push(this.now + vis, EV_VISIBILITY, x, Q.serial[x]! % 0x7fffffff, Q.receives[x]!);
    const j = this.newJob(c, Q.req[x]!, -1, Q.key[x]!, cause, e);
    this.job.msg[j] = x;
    this.job.msgSerial[j] = Q.serial[x]!;
    if (Q.span[x]! >= 0) {
      this.traceSpan(j, Q.span[x]!, Q.receives[x]!);
      this.traceEvent(j, 'receive', `received (receive #${Q.receives[x]}, message age ${fmtMs(this.now - Q.enq[x]!)})`);
    }
    this.metrics.eAttempts[e]!++;
    this.arrive(j);
  }

  /** A consumer finished a message: ack (delete) on success, unless it crashed before the ack. */
  private consumerDone(j: number, status: number): void {
    const Q = this.msg, J = this.job;
    const x = J.msg[j]!;
    if (Q.serial[x] !== J.msgSerial[j] || Q.req[x] === -1) return;
    const c = J.node[j]!;
    if (status !== ST_OK) {
      this.metrics.eErrors[J.edgeIn[j]!]!++;
      if (J.span[j]! >= 0) this.traceEvent(j, 'nack', 'failed: no ack, the message returns after the visibility timeout');
      return;
    }
    if (this.crashP[c]! > 0 && this.rng.next() < this.crashP[c]!) {
      Q.crashed[x] = 1;
      if (J.span[j]! >= 0) this.traceEvent(j, 'crash', 'consumer crashed after its work, before the ack');
      return;
    }
    if (J.span[j]! >= 0) this.traceEvent(j, 'ack', `acked and deleted (age ${fmtMs(this.now - Q.enq[x]!)})`);
    this.deleteMessage(x, true);
  }

  /** Put message x on queue q's visible list (the backlog that `queue` metrics count). */
  private makeVisible(x: number, q: number): void {
    const M = this.metrics;
    M.touch(q, this.now, this.measuring);
    M.qLen[q]!++;
    if (M.qLen[q]! > M.bqMax[q]!) M.bqMax[q] = M.qLen[q]!;
    if (this.measuring && M.qLen[q]! > M.qMax[q]!) M.qMax[q] = M.qLen[q]!;
    this.msg.listed[x] = 1;
    this.visible[q]!.pushBack(x);
  }

  private deleteMessage(x: number, acked: boolean): void {
    const Q = this.msg, M = this.metrics;
    const q = Q.queue[x]!;
    this.stored[q]!--;
    Q.inflight[x] = 0;
    if (Q.listed[x]) {
      // Redelivered copy still waiting in the visible list: drop it from the backlog now,
      // free the slot when dispatch pops it.
      M.touch(q, this.now, this.measuring);
      M.qLen[q]!--;
    }
    if (acked) {
      const age = this.now - Q.enq[x]!;
      M.sCompleted[q * M.buckets + this.bucket]!++;
      M.hist[q]!.add(age);
      if (this.measuring) { M.completed[q]!++; if (age > M.latMax[q]!) M.latMax[q] = age; }
    }
    const r = Q.req[x]!;
    Q.req[x] = -1;
    Q.serial[x] = -1;
    if (Q.listed[x]) Q.deleted[x] = 1;
    else Q.give(x);
    this.unref(r);
  }

  private onVisibility(x: number, serial: number, receives: number): void {
    const Q = this.msg;
    if (Q.serial[x]! % 0x7fffffff !== serial || Q.receives[x] !== receives || !Q.inflight[x]) return;
    const q = Q.queue[x]!;
    Q.inflight[x] = 0;
    const sp = Q.span[x]!;
    if (sp >= 0) this.tracer!.event(this.req.trace[Q.req[x]!]!, sp, this.now, 'visibility', `visibility timeout expired after receive #${receives}: message visible again`);
    const node = this.model.doc.nodes[q]!;
    const maxRc = node.kind === 'queue' ? node.params.maxReceiveCount : 0;
    if (maxRc > 0 && receives >= maxRc) {
      const M = this.metrics;
      M.sDlq[q * M.buckets + this.bucket]!++;
      if (this.measuring) M.dlq[q]!++;
      if (sp >= 0) this.tracer!.event(this.req.trace[Q.req[x]!]!, sp, this.now, 'dlq', `moved to the dead-letter queue after ${receives} receives`);
      this.deleteMessage(x, false);
      return;
    }
    this.makeVisible(x, q);
    this.dispatch(q);
  }

  // ── side effects and idempotency ───────────────────────────────────────────
  /** One execution of a side effect at node i for the job's logical operation. */
  private sideEffect(j: number, i: number): void {
    const J = this.job, M = this.metrics, m = this.model, R = this.req;
    const r = J.req[j]!;
    if (m.dedupe[i]) {
      // Unique constraint / receiver dedupe on (idempotency key, operation): applied once.
      // The edge is part of the key, so two different writes of one request do not collide.
      const key = J.key[j]! * 16384 + J.edgeIn[j]! + 1;
      if (this.applied[i]!.has(key)) return;
      this.applied[i]!.set(key, r);
    }
    R.se[r] = 1;
    const op = R.serial[r]! * 16384 + (J.edgeIn[j]! + 1);
    const map = this.opCounts[i]!;
    const n = (map.get(op) ?? 0) + 1;
    map.set(op, n);
    const B = M.buckets;
    M.sSideEffects[i * B + this.bucket]!++;
    if (this.measuring) M.sideEffects[i]!++;
    if (J.span[j]! >= 0) {
      if (n > 1) this.tracer!.duplicate(R.trace[r]!);
      this.traceEvent(j, n > 1 ? 'duplicate' : 'sideEffect', n > 1 ? `DUPLICATE side effect (#${n} for this operation)` : 'side effect applied');
    }
    if (n > 1) {
      let cause = J.cause[j]!;
      if (cause === CAUSE_NONE) cause = R.cause[r]! || CAUSE_RETRY_TIMEOUT;
      M.sDuplicates[i * B + this.bucket]!++;
      if (this.measuring) { M.duplicates[i]!++; M.dupCause[i * 6 + cause]!++; }
    }
  }

  /** Drop the per-operation bookkeeping of a finished request. */
  private forgetRequest(r: number): void {
    const m = this.model, serial = this.req.serial[r]!, key = this.req.key[r]!;
    for (let i = 0; i < m.n; i++) {
      const map = this.opCounts[i]!;
      if (map.size === 0) continue;
      for (let s = m.inStart[i]!; s < m.inStart[i + 1]!; s++) map.delete(serial * 16384 + m.inEdges[s]! + 1);
      for (let s = m.inStart[i]!; s < m.inStart[i + 1]!; s++) {
        const k = key * 16384 + m.inEdges[s]! + 1;
        if (m.dedupe[i]) this.applied[i]!.delete(k);
        if (m.idemMode[i]) this.idem[i]!.delete(k);
      }
    }
  }

  /**
   * Service idempotency-key store, checked when the attempt arrives. Returns true when the
   * attempt was answered from the store (replay or conflict) with no work done.
   * Entry values: -1 in progress, else the completion time.
   */
  private idemCheck(j: number, i: number): boolean {
    const mode = this.model.idemMode[i]!;
    if (mode === 0) return false;
    const store = this.idem[i]!;
    const key = this.job.key[j]! * 16384 + this.job.edgeIn[j]! + 1;
    const v = store.get(key);
    if (v !== undefined && v >= 0 && this.now - v > this.model.idemRetentionMs[i]!) store.delete(key);
    const cur = store.get(key);
    if (cur !== undefined && cur >= 0) { this.finishJob(j, ST_OK); return true; }
    if (mode === 1) {
      if (cur === -1) { this.finishJob(j, ST_CONFLICT); return true; }
      store.set(key, -1);
      this.job.flags[j]! |= F_CLAIM;
    }
    return false;
  }

  private idemRecord(j: number, i: number, status: number): void {
    const store = this.idem[i]!;
    const key = this.job.key[j]! * 16384 + this.job.edgeIn[j]! + 1;
    if (status === ST_OK) store.set(key, this.now);
    else if (this.job.flags[j]! & F_CLAIM) store.delete(key); // release the claim so a retry can run
  }

  private pruneIdempotency(): void {
    const m = this.model;
    for (let i = 0; i < m.n; i++) {
      if (!m.idemMode[i]) continue;
      const ret = m.idemRetentionMs[i]!;
      for (const [k, v] of this.idem[i]!) if (v >= 0 && this.now - v > ret) this.idem[i]!.delete(k);
    }
  }

  // ── failure injection ──────────────────────────────────────────────────────
  private failure(idx: number, on: boolean): void {
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
        if (!on && m.kind[i] === K_QUEUE) this.dispatch(i);
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
