/**
 * Caller-side resilience per edge: circuit breakers and retry budgets.
 *
 * Circuit breaker (resilience4j semantics, count-based window):
 *   CLOSED    records every attempt outcome (timeouts and errors are failures). Opens when
 *             ≥ minimumCalls are recorded and failures/window ≥ failureRatePercent (mode
 *             failureRate), or after consecutiveFailures in a row (mode consecutive).
 *   OPEN      rejects calls at the caller (the dependency sees nothing) for openMs.
 *   HALF_OPEN the first call after openMs moves it here; halfOpenProbes calls go through,
 *             further calls are rejected until they answer. All probes succeed → CLOSED
 *             (window reset); any probe fails → OPEN again.
 *   Outcomes of attempts sent before the breaker opened are ignored while it is open.
 *
 * Retry budget (Finagle RetryBudget): every call deposits one unit, every retry withdraws
 * one; deposits and withdrawals expire after ttlS. A retry is allowed while
 *   deposits·percent/100 + minPerS·ttlS − withdrawals ≥ 1
 * kept in 1-second slots (so expiry is exact to the second).
 *
 * Retry throttling (gRPC, grpc/proposal A6-client-retries.md), per edge (the caller's channel
 * to one target): token_count starts at maxTokens and stays in [0, maxTokens]. Every failed
 * attempt whose status the edge retries takes 1 (also on the last attempt, as grpc-java's
 * RetriableStream does); every success adds tokenRatio. A retry is sent only while
 * token_count > maxTokens / 2 after that failure's decrement. Kept in thousandths (integers),
 * as grpc-java does, so ten successes at 0.1 give back exactly one token. A total outage from
 * a full bucket lets exactly ⌈maxTokens/2⌉ − 1 retries through (4 for maxTokens 10), provided
 * maxAttempts exceeds that count (else the failures of last attempts use tokens up too).
 */
import type { CompiledModel } from './compile.ts';
import type { Metrics } from './stats/Metrics.ts';

const CLOSED = 0,
  OPEN = 1,
  HALF_OPEN = 2;
const SLOTS = 61;
/** Bits of Resilience.flags: what an edge's answers must be recorded for. */
export const RES_BREAKER = 1,
  RES_THROTTLE = 2;

export class Resilience {
  private readonly m: CompiledModel;
  private readonly M: Metrics;
  readonly hasBreaker: Uint8Array;
  readonly hasBudget: Uint8Array;
  readonly state: Uint8Array;
  private readonly openedAt: Float64Array;
  private readonly openUntil: Float64Array;
  private readonly window: Uint8Array[];
  private readonly winPos: Int32Array;
  private readonly winCount: Int32Array;
  private readonly winFails: Int32Array;
  private readonly consec: Int32Array;
  private readonly probesSent: Int32Array;
  private readonly probesOk: Int32Array;
  private readonly epoch: Int32Array;
  private readonly deposits: Float64Array;
  private readonly withdrawals: Float64Array;
  private readonly slotSecond: Float64Array;
  readonly hasThrottle: Uint8Array;
  /** Per edge: RES_BREAKER | RES_THROTTLE, read once per answer. */
  readonly flags: Uint8Array;
  /** gRPC throttle per edge, in thousandths of a token. */
  private readonly tokens: Int32Array;
  private readonly tokensMax: Int32Array;
  private readonly tokenRatio: Int32Array;
  /** Times the breaker of each edge opened (for findings). */
  readonly opens: Int32Array;

  constructor(m: CompiledModel, M: Metrics) {
    this.m = m;
    this.M = M;
    const n = m.m;
    this.hasBreaker = new Uint8Array(n);
    this.hasBudget = new Uint8Array(n);
    this.hasThrottle = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.tokens = new Int32Array(n);
    this.tokensMax = new Int32Array(n);
    this.tokenRatio = new Int32Array(n);
    this.window = [];
    m.doc.edges.forEach((e, i) => {
      this.hasBreaker[i] = e.params.breaker.enabled ? 1 : 0;
      this.hasBudget[i] = e.params.budget.enabled ? 1 : 0;
      const t = e.params.throttle;
      this.hasThrottle[i] = t.enabled ? 1 : 0;
      this.tokensMax[i] = Math.round(t.maxTokens * 1000);
      this.tokens[i] = this.tokensMax[i]!;
      this.tokenRatio[i] = Math.round(t.tokenRatio * 1000);
      this.flags[i] = (this.hasBreaker[i]! ? RES_BREAKER : 0) | (this.hasThrottle[i]! ? RES_THROTTLE : 0);
      this.window.push(new Uint8Array(e.params.breaker.enabled ? e.params.breaker.windowSize : 0));
    });
    this.state = new Uint8Array(n);
    this.openedAt = new Float64Array(n);
    this.openUntil = new Float64Array(n);
    this.winPos = new Int32Array(n);
    this.winCount = new Int32Array(n);
    this.winFails = new Int32Array(n);
    this.consec = new Int32Array(n);
    this.probesSent = new Int32Array(n);
    this.probesOk = new Int32Array(n);
    this.epoch = new Int32Array(n);
    this.deposits = new Float64Array(n * SLOTS);
    this.withdrawals = new Float64Array(n * SLOTS);
    this.slotSecond = new Float64Array(n * SLOTS).fill(-1);
    this.opens = new Int32Array(n);
  }

  /** May an attempt go out on edge e? −1 rejected (open), else the breaker epoch tag to pass back to record(). */
  admit(e: number, now: number): number {
    if (!this.hasBreaker[e]) return 0;
    const st = this.state[e];
    if (st === CLOSED) return this.epoch[e]!;
    const p = this.m.doc.edges[e]!.params.breaker;
    if (st === OPEN) {
      if (now < this.openUntil[e]!) return -1;
      this.state[e] = HALF_OPEN;
      this.probesSent[e] = 0;
      this.probesOk[e] = 0;
      this.epoch[e] = (this.epoch[e]! + 1) & 0x7f;
    }
    if (this.probesSent[e]! >= p.halfOpenProbes) return -1;
    this.probesSent[e]!++;
    return this.epoch[e]!;
  }

  /** Outcome of an attempt admitted with tag `tag`. */
  record(e: number, now: number, ok: boolean, tag: number): void {
    if (!this.hasBreaker[e] || tag !== this.epoch[e]) return;
    const p = this.m.doc.edges[e]!.params.breaker;
    const st = this.state[e];
    if (st === OPEN) return;
    if (st === HALF_OPEN) {
      if (!ok) {
        this.open(e, now, p.openMs);
        return;
      }
      if (++this.probesOk[e]! >= p.halfOpenProbes) this.close(e, now);
      return;
    }
    if (p.mode === 'consecutive') {
      this.consec[e] = ok ? 0 : this.consec[e]! + 1;
      if (this.consec[e]! >= p.consecutiveFailures) this.open(e, now, p.openMs);
      return;
    }
    const w = this.window[e]!;
    const pos = this.winPos[e]!;
    if (this.winCount[e]! === w.length) this.winFails[e]! -= w[pos]!;
    else this.winCount[e]!++;
    w[pos] = ok ? 0 : 1;
    if (!ok) this.winFails[e]!++;
    this.winPos[e] = (pos + 1) % w.length;
    if (this.winCount[e]! >= Math.min(p.minimumCalls, w.length) && (100 * this.winFails[e]!) / this.winCount[e]! >= p.failureRatePercent) {
      this.open(e, now, p.openMs);
    }
  }

  private open(e: number, now: number, openMs: number): void {
    if (this.state[e] === CLOSED) this.openedAt[e] = now;
    this.state[e] = OPEN;
    this.openUntil[e] = now + openMs;
    this.epoch[e] = (this.epoch[e]! + 1) & 0x7f;
    this.opens[e]!++;
  }

  private close(e: number, now: number): void {
    this.M.eOpenMs[e]! += now - this.openedAt[e]!;
    this.state[e] = CLOSED;
    this.winPos[e] = 0;
    this.winCount[e] = 0;
    this.winFails[e] = 0;
    this.consec[e] = 0;
    this.window[e]!.fill(0);
    this.epoch[e] = (this.epoch[e]! + 1) & 0x7f;
  }

  finish(now: number): void {
    for (let e = 0; e < this.m.m; e++) if (this.state[e] !== CLOSED) this.M.eOpenMs[e]! += now - this.openedAt[e]!;
  }

  private slot(e: number, now: number): number {
    const sec = Math.floor(now / 1000);
    const k = e * SLOTS + (sec % SLOTS);
    if (this.slotSecond[k] !== sec) {
      this.slotSecond[k] = sec;
      this.deposits[k] = 0;
      this.withdrawals[k] = 0;
    }
    return k;
  }

  deposit(e: number, now: number): void {
    if (this.hasBudget[e]) this.deposits[this.slot(e, now)]!++;
  }

  /** Withdraw one retry from the budget; false when it is spent. */
  withdraw(e: number, now: number): boolean {
    if (!this.hasBudget[e]) return true;
    const p = this.m.doc.edges[e]!.params.budget;
    const sec = Math.floor(now / 1000);
    const ttl = Math.min(SLOTS - 1, Math.round(p.ttlS));
    let dep = 0,
      wd = 0;
    for (let s = sec - ttl + 1; s <= sec; s++) {
      if (s < 0) continue;
      const k = e * SLOTS + (s % SLOTS);
      if (this.slotSecond[k] === s) {
        dep += this.deposits[k]!;
        wd += this.withdrawals[k]!;
      }
    }
    if ((dep * p.percent) / 100 + p.minPerS * ttl - wd < 1) return false;
    this.withdrawals[this.slot(e, now)]!++;
    return true;
  }

  /** gRPC throttle: a successful attempt on edge e gives back tokenRatio. */
  throttleSuccess(e: number): void {
    const t = this.tokens[e]! + this.tokenRatio[e]!;
    this.tokens[e] = t > this.tokensMax[e]! ? this.tokensMax[e]! : t;
  }

  /** gRPC throttle: a retryable failure on edge e takes one token; true while retries may still be sent. */
  throttleFailure(e: number): boolean {
    const t = this.tokens[e]! - 1000;
    this.tokens[e] = t < 0 ? 0 : t;
    // grpc-java: threshold = maxTokens / 2 in integer thousandths; retry while count > threshold.
    return this.tokens[e]! > Math.trunc(this.tokensMax[e]! / 2);
  }

  /** Tokens left on edge e (for tests and traces). */
  throttleTokens(e: number): number {
    return this.tokens[e]! / 1000;
  }
}
