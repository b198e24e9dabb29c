/**
 * Caller-side resilience per edge: circuit breakers, retry budgets and gRPC retry throttling.
 * Every parameter is compiled into typed arrays here; the per-answer path reads no document.
 *
 * Circuit breaker (count-based window):
 *   CLOSED    records every attempt outcome (timeouts and errors are failures). Opens when
 *             ≥ minimumCalls are recorded and failures/window ≥ failureRatePercent (mode
 *             failureRate, resilience4j), or after consecutiveFailures in a row (mode consecutive).
 *   OPEN      rejects calls at the caller (the dependency sees nothing) for openMs.
 *   HALF_OPEN the first call after openMs moves it here (resilience4j without automatic
 *             transition). halfOpenMode decides how it leaves:
 *             resilience4j  halfOpenProbes calls go through (permittedNumberOfCallsInHalfOpenState),
 *                           further calls are refused; once all of them have answered, a failure
 *                           share ≥ failureRatePercent → OPEN, else → CLOSED (window reset).
 *             hystrix       one trial call (Hystrix's single test after the sleep window):
 *                           success → CLOSED, failure → OPEN.
 *   Outcomes of attempts sent before the latest transition are ignored (an epoch tag).
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
import { TransitionLog } from './stats/transitionLog.ts';

const CLOSED = 0,
  OPEN = 1,
  HALF_OPEN = 2;
const MODE_RATE = 0,
  MODE_CONSECUTIVE = 1;
const HALF_R4J = 0,
  HALF_HYSTRIX = 1;
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
  private readonly probesFailed: Int32Array;
  // Compiled breaker and budget parameters, per edge.
  private readonly bMode: Uint8Array;
  private readonly bHalf: Uint8Array;
  private readonly bRate: Float64Array;
  private readonly bMinCalls: Int32Array;
  private readonly bConsec: Int32Array;
  private readonly bOpenMs: Float64Array;
  private readonly bPermitted: Int32Array;
  private readonly budgetPercent: Float64Array;
  private readonly budgetMinPerS: Float64Array;
  private readonly budgetTtl: Int32Array;
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
  /** Every state change with its time, whole run, the first TRANSITION_LOG_CAP kept (for the report). */
  readonly transitions = new TransitionLog();

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
    this.bMode = new Uint8Array(n);
    this.bHalf = new Uint8Array(n);
    this.bRate = new Float64Array(n);
    this.bMinCalls = new Int32Array(n);
    this.bConsec = new Int32Array(n);
    this.bOpenMs = new Float64Array(n);
    this.bPermitted = new Int32Array(n);
    this.budgetPercent = new Float64Array(n);
    this.budgetMinPerS = new Float64Array(n);
    this.budgetTtl = new Int32Array(n);
    m.doc.edges.forEach((e, i) => {
      const b = e.params.breaker;
      this.bMode[i] = b.mode === 'consecutive' ? MODE_CONSECUTIVE : MODE_RATE;
      this.bHalf[i] = b.halfOpenMode === 'hystrix' ? HALF_HYSTRIX : HALF_R4J;
      this.bRate[i] = b.failureRatePercent;
      this.bMinCalls[i] = Math.min(b.minimumCalls, b.windowSize);
      this.bConsec[i] = b.consecutiveFailures;
      this.bOpenMs[i] = b.openMs;
      this.bPermitted[i] = b.halfOpenMode === 'hystrix' ? 1 : b.halfOpenProbes;
      const g = e.params.budget;
      this.budgetPercent[i] = g.percent;
      this.budgetMinPerS[i] = g.minPerS;
      this.budgetTtl[i] = Math.min(SLOTS - 1, Math.round(g.ttlS));
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
    this.probesFailed = new Int32Array(n);
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
    if (st === OPEN) {
      if (now < this.openUntil[e]!) return -1;
      this.state[e] = HALF_OPEN;
      this.transitions.add(now, e, HALF_OPEN);
      this.probesSent[e] = 0;
      this.probesOk[e] = 0;
      this.probesFailed[e] = 0;
      this.epoch[e] = (this.epoch[e]! + 1) & 0x7f;
    }
    if (this.probesSent[e]! >= this.bPermitted[e]!) return -1;
    this.probesSent[e]!++;
    return this.epoch[e]!;
  }

  /** Outcome of an attempt admitted with tag `tag`. */
  record(e: number, now: number, ok: boolean, tag: number): void {
    if (!this.hasBreaker[e] || tag !== this.epoch[e]) return;
    const st = this.state[e];
    if (st === OPEN) return;
    if (st === HALF_OPEN) {
      if (this.bHalf[e] === HALF_HYSTRIX) {
        if (ok) this.close(e, now);
        else this.open(e, now);
        return;
      }
      // resilience4j: decide once every permitted call has answered, on their failure rate.
      if (ok) this.probesOk[e]!++;
      else this.probesFailed[e]!++;
      const done = this.probesOk[e]! + this.probesFailed[e]!;
      if (done < this.bPermitted[e]!) return;
      if ((100 * this.probesFailed[e]!) / done >= this.bRate[e]!) this.open(e, now);
      else this.close(e, now);
      return;
    }
    if (this.bMode[e] === MODE_CONSECUTIVE) {
      this.consec[e] = ok ? 0 : this.consec[e]! + 1;
      if (this.consec[e]! >= this.bConsec[e]!) this.open(e, now);
      return;
    }
    const w = this.window[e]!;
    const pos = this.winPos[e]!;
    if (this.winCount[e]! === w.length) this.winFails[e]! -= w[pos]!;
    else this.winCount[e]!++;
    w[pos] = ok ? 0 : 1;
    if (!ok) this.winFails[e]!++;
    this.winPos[e] = (pos + 1) % w.length;
    if (this.winCount[e]! >= this.bMinCalls[e]! && (100 * this.winFails[e]!) / this.winCount[e]! >= this.bRate[e]!) {
      this.open(e, now);
    }
  }

  /** Breaker state of edge e: 0 closed, 1 open, 2 half-open. */
  breakerState(e: number): number {
    return this.state[e]!;
  }

  private open(e: number, now: number): void {
    if (this.state[e] === CLOSED) this.openedAt[e] = now;
    this.state[e] = OPEN;
    this.transitions.add(now, e, OPEN);
    this.openUntil[e] = now + this.bOpenMs[e]!;
    this.epoch[e] = (this.epoch[e]! + 1) & 0x7f;
    this.opens[e]!++;
  }

  /** Time not CLOSED from openedAt to now that falls after the warm-up (totals cover [warm-up, end]). */
  private openAfterWarmup(e: number, now: number): number {
    const from = Math.max(this.openedAt[e]!, this.m.warmupMs);
    return now > from ? now - from : 0;
  }

  private close(e: number, now: number): void {
    this.M.eOpenMs[e]! += this.openAfterWarmup(e, now);
    this.state[e] = CLOSED;
    this.transitions.add(now, e, CLOSED);
    this.winPos[e] = 0;
    this.winCount[e] = 0;
    this.winFails[e] = 0;
    this.consec[e] = 0;
    this.window[e]!.fill(0);
    this.epoch[e] = (this.epoch[e]! + 1) & 0x7f;
  }

  finish(now: number): void {
    for (let e = 0; e < this.m.m; e++) if (this.state[e] !== CLOSED) this.M.eOpenMs[e]! += this.openAfterWarmup(e, now);
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
    const sec = Math.floor(now / 1000);
    const ttl = this.budgetTtl[e]!;
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
    if ((dep * this.budgetPercent[e]!) / 100 + this.budgetMinPerS[e]! * ttl - wd < 1) return false;
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
