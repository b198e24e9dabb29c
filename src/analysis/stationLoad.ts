/**
 * Capacity, utilization and the analytic queueing expectation of one station (a service, a database
 * pool or an external endpoint), given its arrival rate. Pure: no DOM, no store.
 */
import { distributionMean, distributionScv } from '../model/distributionMoments.ts';
import type { Distribution } from '../model/schema.ts';
import type { NodeExpectation, NodeLoad } from './types.ts';
import { allenCunneenWaitMs, erlangB, mmcWaitMs, mmckMetrics } from './queueing.ts';

/** Service-time shape in Kendall notation: exponential, deterministic or general. */
export type ServiceShape = 'M' | 'D' | 'G';

/** A queueing station described by its service-time moments. */
export interface Station {
  /** Parallel servers; null = unlimited (an infinite-server delay). */
  servers: number | null;
  meanMs: number;
  /** Squared coefficient of variation of the service time. */
  scv: number;
  shape: ServiceShape;
  /** Waiting slots beyond the servers; null = unbounded. 0 with `servers` = a loss system. */
  queueCapacity: number | null;
  /** Load-dependent service time (× 1 + α·x^β); the queueing formulas then do not apply. */
  contention?: { alpha: number; beta: number; basis: 'busy' | 'inSystem' };
}

/** Service-time shape of one distribution. */
export function distributionShape(d: Distribution): ServiceShape {
  if (d.type === 'exponential') return 'M';
  if (d.type === 'constant') return 'D';
  return 'G';
}

/**
 * Moments of a probabilistic mixture (a database's reads and writes): E[S] = Σ wᵢ·mᵢ,
 * E[S²] = Σ wᵢ·mᵢ²(1 + scvᵢ). Its shape is M or D only if every weighted part is that shape with
 * the same mean (a mix of two different exponentials is hyperexponential: G).
 */
export function mixtureMoments(parts: readonly { weight: number; dist: Distribution }[]): {
  meanMs: number;
  scv: number;
  shape: ServiceShape;
} {
  const live = parts.filter((p) => p.weight > 0);
  let m1 = 0;
  let m2 = 0;
  for (const p of live) {
    const m = distributionMean(p.dist);
    m1 += p.weight * m;
    m2 += p.weight * m * m * (1 + distributionScv(p.dist));
  }
  const scv = m1 > 0 ? Math.max(0, m2 / (m1 * m1) - 1) : 0;
  const first = live[0];
  const same =
    first !== undefined &&
    live.every(
      (p) =>
        distributionShape(p.dist) === distributionShape(first.dist) &&
        Math.abs(distributionMean(p.dist) - distributionMean(first.dist)) <= 1e-12 * Math.max(1, m1),
    );
  return { meanMs: m1, scv, shape: same && first ? distributionShape(first.dist) : 'G' };
}

import { fmt } from './fmt.ts';

/**
 * Load of a station at arrival rate `lambdaRps`. `notPoisson` lists why its arrivals are not a
 * Poisson stream (the formulas assume Poisson; the note says so).
 */
export function stationLoad(st: Station, lambdaRps: number, notPoisson: readonly string[]): NodeLoad {
  const poissonNote = notPoisson.length
    ? `Formula assumes Poisson arrivals, but this input is not Poisson (${notPoisson.slice(0, 2).join('; ')}${notPoisson.length > 2 ? '; …' : ''}).`
    : '';
  const withNote = (load: NodeLoad, text: string): NodeLoad => {
    const note = [text, poissonNote].filter(Boolean).join(' ');
    return note ? { ...load, note } : load;
  };
  if (st.servers === null) {
    // Infinite servers: nobody waits, whatever the arrival process (M/G/∞ mean is exact).
    return {
      arrivalRps: lambdaRps,
      capacityRps: null,
      utilization: null,
      workers: 0,
      expected: { waitMs: 0, responseMs: st.meanMs, model: 'M/G/∞' },
      note: 'Unlimited concurrency: no queueing.',
    };
  }
  const c = st.servers;
  if (st.meanMs <= 0) {
    return {
      arrivalRps: lambdaRps,
      capacityRps: null,
      utilization: null,
      workers: c,
      expected: { waitMs: 0, responseMs: 0, model: 'zero service time' },
      note: 'Zero service time: capacity is unlimited.',
    };
  }
  if (st.contention) return contendedLoad(st, c, lambdaRps, poissonNote);
  const capacityRps = (1000 * c) / st.meanMs;
  const utilization = lambdaRps / capacityRps;
  const base: NodeLoad = { arrivalRps: lambdaRps, capacityRps, utilization, workers: c };
  const a = (lambdaRps * st.meanMs) / 1000;

  if (st.queueCapacity === 0) {
    // Loss system M/G/c/c: Erlang B is insensitive to the service distribution.
    const blocking = erlangB(c, a);
    const expected: NodeExpectation = {
      waitMs: 0,
      responseMs: st.meanMs,
      model: `M/G/${c}/${c} (Erlang B)`,
      blockingProbability: blocking,
    };
    return withNote({ ...base, expected }, `${fmt(100 * blocking)} % of arrivals find all ${c} busy and are rejected.`);
  }
  if (st.queueCapacity !== null && st.shape === 'M') {
    const K = c + st.queueCapacity;
    const m = mmckMetrics(c, K, lambdaRps, st.meanMs);
    const expected: NodeExpectation = {
      waitMs: m.waitMs,
      responseMs: m.responseMs,
      model: `M/M/${c}/${K}`,
      blockingProbability: m.blocking,
    };
    return withNote(
      { ...base, expected },
      `Bounded queue (K = ${K}): ${fmt(100 * m.blocking)} % of arrivals rejected; wait is for accepted ones.`,
    );
  }
  if (utilization >= 1) {
    const text =
      st.queueCapacity === null
        ? `Overloaded: arrivals exceed capacity by ${fmt(lambdaRps - capacityRps)} rps, so the queue grows without bound.`
        : `Overloaded: the queue fills and about ${fmt(lambdaRps - capacityRps)} rps are rejected.`;
    return withNote(base, text);
  }
  const bound = st.queueCapacity === null ? '' : ` (queue bound of ${st.queueCapacity} ignored)`;
  let expected: NodeExpectation;
  if (st.shape === 'M') {
    const w = mmcWaitMs(c, lambdaRps, st.meanMs);
    expected = { waitMs: w, responseMs: w + st.meanMs, model: `M/M/${c}${bound}` };
  } else {
    const w = allenCunneenWaitMs(c, lambdaRps, st.meanMs, st.scv);
    const name = c === 1 ? (st.shape === 'D' ? 'M/D/1' : 'M/G/1 (Pollaczek–Khinchine)') : `M/${st.shape}/${c} (Allen–Cunneen)`;
    expected = { waitMs: w, responseMs: w + st.meanMs, model: `${name}${bound}` };
  }
  return withNote({ ...base, expected }, '');
}

/**
 * A station whose service time grows with load, × f(u) = 1 + α·u^β. No queueing formula covers
 * it, so only the mean-value fixed point is given: the busy fraction u solves u = λ·S·f(u)/c
 * (the smallest root, the stable low-load state), and the most it can serve is
 * max over u ≤ 1 of c·u/(S·f(u)), which falls below c/S as α grows.
 */
function contendedLoad(st: Station, c: number, lambdaRps: number, poissonNote: string): NodeLoad {
  const { alpha, beta, basis } = st.contention!;
  const S = st.meanMs / 1000;
  const served = (u: number) => (c * u) / (S * (1 + alpha * u ** beta));
  const STEPS = 2000;
  let peak = 0,
    peakU = 1,
    u0: number | null = null;
  for (let k = 1; k <= STEPS; k++) {
    const u = k / STEPS;
    const x = served(u);
    if (x > peak) {
      peak = x;
      peakU = u;
    }
    if (u0 === null && x >= lambdaRps) u0 = u;
  }
  const f = (u: number) => 1 + alpha * u ** beta;
  const head = `Service time depends on load (× 1 + ${fmt(alpha)}·x^${fmt(beta)}, x = ${basis === 'busy' ? 'busy workers' : 'attempts held'} / workers): the queueing formulas do not apply.`;
  const peakText = `It serves at most about ${fmt(peak)} rps (at ${fmt(100 * peakU)} % busy, service time × ${fmt(f(peakU))})${peakU < 1 ? '; more load lowers throughput' : ''}.`;
  const backlog = basis === 'inSystem' ? ' A backlog slows it further (x counts waiting attempts too), so an overload feeds itself.' : '';
  const tail = [poissonNote].filter(Boolean).join(' ');
  if (u0 === null) {
    return {
      arrivalRps: lambdaRps,
      capacityRps: peak,
      utilization: lambdaRps / peak,
      workers: c,
      note: [head, peakText, `Overloaded: ${fmt(lambdaRps)} rps is more than that, so the queue grows.`, backlog, tail]
        .filter(Boolean)
        .join(' '),
    };
  }
  return {
    arrivalRps: lambdaRps,
    capacityRps: peak,
    utilization: u0,
    workers: c,
    note: [head, `Estimated busy fraction ${fmt(100 * u0)} % (service time × ${fmt(f(u0))}).`, peakText, backlog, tail]
      .filter(Boolean)
      .join(' '),
  };
}
