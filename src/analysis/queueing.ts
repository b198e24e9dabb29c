/**
 * Closed-form queueing formulas (SEMANTICS §1), shared by the static analysis and the engine's
 * theory tests. Pure numbers in, numbers out: no DOM, no document types.
 *
 * Units: rates in requests per second, times in milliseconds, `a` (offered load) in erlangs = λ·E[S].
 */

/**
 * Erlang B: blocking probability of the loss system M/M/c/c (and M/G/c/c — it is insensitive
 * to the service distribution), `B(c,a) = (aᶜ/c!) / Σ_{k=0..c} aᵏ/k!`.
 * Uses the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)).
 * @example erlangB(1, 1) // 0.5
 */
export function erlangB(c: number, a: number): number {
  if (a <= 0) return 0;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: probability that an arrival waits in M/M/c, `C(c,a) = c·B / (c − a(1 − B))`.
 * Returns 1 when a ≥ c (every arrival waits: the queue is unstable).
 * @example erlangC(2, 1) // 1/3
 */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/**
 * Mean wait in queue Wq (ms) of M/M/c: `Wq = C(c,a)·E[S]/(c − a)`; Infinity when ρ ≥ 1.
 * @example mmcWaitMs(1, 50, 10) // 10: M/M/1 at ρ = 0.5 waits ρ/(1−ρ)·E[S]
 */
export function mmcWaitMs(c: number, lambdaRps: number, meanServiceMs: number): number {
  const a = (lambdaRps * meanServiceMs) / 1000;
  if (a >= c) return Infinity;
  return (erlangC(c, a) * meanServiceMs) / (c - a);
}

/**
 * Mean response time W (ms) of M/M/c: `W = Wq + E[S]`; Infinity when ρ ≥ 1.
 * @example mmcResponseMs(1, 50, 10) // 20 = 1/(μ − λ)
 */
export function mmcResponseMs(c: number, lambdaRps: number, meanServiceMs: number): number {
  return mmcWaitMs(c, lambdaRps, meanServiceMs) + meanServiceMs;
}

/**
 * Allen–Cunneen approximation of the mean wait (ms) in M/G/c:
 * `Wq ≈ Wq(M/M/c)·(1 + C_s²)/2`, C_s² the squared coefficient of variation of service.
 * Exact for c = 1 (Pollaczek–Khinchine), so M/D/1 waits half as long as M/M/1.
 * @example allenCunneenWaitMs(1, 50, 10, 0) // 5 (M/D/1)
 */
export function allenCunneenWaitMs(c: number, lambdaRps: number, meanServiceMs: number, scv: number): number {
  return (mmcWaitMs(c, lambdaRps, meanServiceMs) * (1 + scv)) / 2;
}

/**
 * Pollaczek–Khinchine mean wait (ms) of M/G/1: `Wq = ρ(1 + C_s²)/(2(1 − ρ))·E[S]`.
 * @example mg1WaitMs(50, 10, 1) // 10 (M/M/1)
 */
export function mg1WaitMs(lambdaRps: number, meanServiceMs: number, scv: number): number {
  const rho = (lambdaRps * meanServiceMs) / 1000;
  if (rho >= 1) return Infinity;
  return ((rho * (1 + scv)) / (2 * (1 - rho))) * meanServiceMs;
}

/**
 * Blocking probability P_K of M/M/1/K (K counts the one in service):
 * `P_K = ρᴷ(1−ρ)/(1−ρᴷ⁺¹)`, and 1/(K+1) at ρ = 1. Rewritten for ρ > 1 so large K does not overflow.
 * @example mm1kBlocking(1, 4) // 0.2
 */
export function mm1kBlocking(rho: number, K: number): number {
  if (rho <= 0) return 0;
  if (Math.abs(rho - 1) < 1e-12) return 1 / (K + 1);
  if (rho < 1) return (Math.pow(rho, K) * (1 - rho)) / (1 - Math.pow(rho, K + 1));
  return (1 - 1 / rho) / (1 - Math.pow(rho, -(K + 1)));
}

/** Steady-state results of a finite-capacity queue. */
export interface FiniteQueueMetrics {
  /** Probability an arrival finds K in the system and is rejected. */
  blocking: number;
  /** Accepted throughput λ(1 − P_K), rps. */
  throughputRps: number;
  /** Mean number in system (L) and waiting (Lq). */
  inSystem: number;
  waiting: number;
  /** Mean wait and response of accepted arrivals (Little on accepted traffic), ms. */
  waitMs: number;
  responseMs: number;
}

/**
 * M/M/c/K (K = most in the system, including those in service, K ≥ c):
 * p_n ∝ aⁿ/n! for n ≤ c and aᶜ/c!·(a/c)ⁿ⁻ᶜ above; W = L/(λ(1 − p_K)). Valid at any load.
 * Sums the terms in one pass with rescaling (a can be thousands of erlangs) and stops early
 * once an underloaded tail is negligible.
 * @example mmckMetrics(1, 4, 1000, 1).blocking // 0.2 (ρ = 1)
 */
export function mmckMetrics(c: number, K: number, lambdaRps: number, meanServiceMs: number): FiniteQueueMetrics {
  const a = (lambdaRps * meanServiceMs) / 1000;
  if (a <= 0 || lambdaRps <= 0) {
    return { blocking: 0, throughputRps: 0, inSystem: 0, waiting: 0, waitMs: 0, responseMs: meanServiceMs };
  }
  const r = a / c;
  let t = 1; // unnormalised p_n
  let sum = 1;
  let sumN = 0;
  let sumQ = 0;
  let n = 0;
  let tailLogFactor = -Infinity; // log of t_K / t_n when we stop early
  while (n < K) {
    n++;
    t *= a / Math.min(n, c);
    sum += t;
    sumN += n * t;
    if (n > c) sumQ += (n - c) * t;
    if (sum > 1e200) {
      t *= 1e-200;
      sum *= 1e-200;
      sumN *= 1e-200;
      sumQ *= 1e-200;
    }
    if (n >= c && r < 1 && t < sum * 1e-18) {
      tailLogFactor = (K - n) * Math.log(r);
      break;
    }
  }
  const pK = n === K ? t / sum : (t / sum) * Math.exp(tailLogFactor);
  const X = lambdaRps * (1 - pK);
  const L = sumN / sum;
  const Lq = sumQ / sum;
  return {
    blocking: pK,
    throughputRps: X,
    inSystem: L,
    waiting: Lq,
    waitMs: X > 0 ? (Lq / X) * 1000 : 0,
    responseMs: X > 0 ? (L / X) * 1000 : meanServiceMs,
  };
}
