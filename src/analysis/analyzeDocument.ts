/**
 * Static traffic equations (DESIGN §1, SEMANTICS §1.6): the expected arrival rate, utilization and
 * analytic queueing expectation of every node, without simulating. Fast enough to run on every edit.
 * Pure: no DOM, no store, no engine.
 *
 * Flow is propagated in topological order (documents are DAGs), one rate per traffic source so
 * that a per-client rate limiter can be applied. Rates are offered demand: an overloaded or
 * bounded node upstream still passes its full arrival rate on (only a gateway caps what it
 * forwards), so the overlay shows what each node would have to absorb.
 *
 * Approximations, beyond those of the formulas themselves:
 *  - retries: only the callee's own errorRate is retried (timeouts, 429s, failure injections and
 *    errors propagated from further downstream are not); backoff delays are not in response times;
 *  - a queue's redeliveries (visibility timeout, consumer errors) are not counted;
 *  - a service calls downstream whether or not its own work errors;
 *  - closed-loop clients: throughput solves X = users/(thinkTime + R(X)), R the estimated response
 *    from the open-network formulas (an approximation to exact MVA);
 *  - estimated response: own response + Σ (share · attempts · (edge latency + callee response)) for
 *    sequential calls, the largest such term for parallel calls; async calls and queues add nothing.
 */
import { distributionMean, distributionScv } from '../model/distributionMoments.ts';
import type { ArchDocument, DocEdge, DocNode } from '../model/schema.ts';
import type { Analysis, EdgeLoad, NodeLoad } from './types.ts';
import { cacheHitRatio } from './cacheHitRatio.ts';
import { clientPeakRate, clientRateAt, retryAttemptsPerCall } from './rates.ts';
import { stationLoad, type Station } from './stationLoad.ts';
import { kindDef } from '../kinds/registry.ts';

/** @internal Indexed view of the document graph. */
interface Graph {
  nodes: DocNode[];
  index: Map<string, number>;
  out: DocEdge[][];
  order: number[];
  /** Node indices of clients and schedulers; flows carry one slot per source. */
  sources: number[];
}

/** @internal Everything one propagation pass computes. */
interface Pass {
  loads: NodeLoad[];
  edges: Record<string, EdgeLoad>;
  /** Estimated mean response (ms) of a request entering each node, downstream calls included. */
  responseMs: number[];
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toPrecision(2));
const pct = (x: number) => `${fmt(100 * x)} %`;

/** @internal Kahn's algorithm in document order; nodes on a cycle (unparsed input) go last. */
function buildGraph(doc: ArchDocument): Graph {
  const nodes = doc.nodes;
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  const out: DocEdge[][] = nodes.map(() => []);
  const indegree = nodes.map(() => 0);
  for (const e of doc.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    out[s]!.push(e);
    indegree[t]!++;
  }
  const order: number[] = [];
  const ready = nodes.map((_, i) => i).filter((i) => indegree[i] === 0);
  const done = nodes.map(() => false);
  while (ready.length) {
    const u = ready.shift()!;
    order.push(u);
    done[u] = true;
    for (const e of out[u]!) {
      const t = index.get(e.target)!;
      if (--indegree[t]! === 0) ready.push(t);
    }
  }
  nodes.forEach((_, i) => {
    if (!done[i]) order.push(i);
  });
  const sources = nodes.map((n, i) => (n.kind === 'client' || n.kind === 'scheduler' ? i : -1)).filter((i) => i >= 0);
  return { nodes, index, out, order, sources };
}

/** @internal The node's own error probability, which callers with retry.onError retry. */
function errorProbability(n: DocNode | undefined): number {
  if (!n) return 0;
  return n.kind === 'service' || n.kind === 'database' || n.kind === 'external' ? n.params.errorRate : 0;
}

/** @internal Most requests per second a queue consumer can take: workers / E[S]. */
function consumerCapacity(n: DocNode | undefined): number {
  if (!n || n.kind !== 'service') return 0;
  const mean = distributionMean(n.params.serviceTime);
  return mean > 0 ? (1000 * n.params.workers) / mean : Infinity;
}

/** @internal Fraction of a node's forwarded traffic that goes down each outgoing edge (before retries). */
function edgeShares(g: Graph, n: DocNode, edges: readonly DocEdge[]): number[] {
  if (n.kind === 'loadBalancer') {
    // Every policy spreads evenly by weight in expectation.
    const total = edges.reduce((acc, e) => acc + e.params.weight, 0);
    return edges.map((e) => (total > 0 ? e.params.weight / total : 0));
  }
  if (n.kind === 'queue') {
    // Consumers pull: each takes work in proportion to how fast it can drain it.
    const caps = edges.map((e) => consumerCapacity(g.nodes[g.index.get(e.target)!]));
    const infinite = caps.filter((c) => c === Infinity).length;
    if (infinite > 0) return caps.map((c) => (c === Infinity ? 1 / infinite : 0));
    const total = caps.reduce((acc, c) => acc + c, 0);
    return caps.map((c) => (total > 0 ? c / total : 0));
  }
  return edges.map((e) => e.params.callProbability);
}

const POLICY_NAMES = {
  roundRobin: 'round-robin split',
  leastOutstanding: 'least-outstanding routing',
  p2c: 'power-of-two-choices routing',
} as const;

/** @internal Station description of a queueing node (its kind module's model), or null for nodes that do no queued work. */
function stationOf(n: DocNode): Station | null {
  const station = (kindDef(n.kind) as { station?: (p: DocNode['params']) => Station }).station;
  return station ? station(n.params) : null;
}

/** @internal One propagation of the source rates through the graph. */
function runPass(g: Graph, sourceRates: readonly number[], sourceNotes: readonly string[]): Pass {
  const N = g.nodes.length;
  const S = g.sources.length;
  const flows = g.nodes.map(() => new Float64Array(S));
  const reasons = g.nodes.map(() => new Set<string>());
  const forwardedFraction = new Float64Array(N).fill(1);
  const hit = new Float64Array(N);
  const edges: Record<string, EdgeLoad> = {};
  const shares: number[][] = g.nodes.map(() => []);
  const attempts: number[][] = g.nodes.map(() => []);

  g.sources.forEach((u, s) => {
    flows[u]![s] = sourceRates[s] ?? 0;
    const n = g.nodes[u]!;
    if (n.kind === 'scheduler') reasons[u]!.add(`batches of ${n.params.batchSize} from scheduler "${n.id}"`);
    else if (n.kind === 'client' && n.params.arrival === 'constant') reasons[u]!.add(`constant arrivals from "${n.id}"`);
    else if (n.kind === 'client' && n.params.arrival === 'closed') reasons[u]!.add(`closed-loop users at "${n.id}"`);
  });

  for (const u of g.order) {
    const n = g.nodes[u]!;
    const inflow = flows[u]!;
    const lambda = inflow.reduce((a, x) => a + x, 0);
    const fwd = Float64Array.from(inflow);
    if (n.kind === 'gateway') {
      const r = n.params.rateRps;
      if (n.params.scope === 'global') {
        const f = lambda > r ? r / lambda : 1;
        for (let s = 0; s < S; s++) fwd[s]! *= f;
      } else {
        for (let s = 0; s < S; s++) fwd[s] = Math.min(fwd[s]!, r);
      }
      const passed = fwd.reduce((a, x) => a + x, 0);
      forwardedFraction[u] = lambda > 0 ? passed / lambda : 1;
      if (passed < lambda) reasons[u]!.add(`rate limiting at "${n.id}"`);
    } else if (n.kind === 'cache') {
      hit[u] = cacheHitRatio(n.params, lambda);
      forwardedFraction[u] = 1 - hit[u]!;
      for (let s = 0; s < S; s++) fwd[s]! *= 1 - hit[u]!;
    }
    const outs = g.out[u]!;
    const sh = edgeShares(g, n, outs);
    shares[u] = sh;
    outs.forEach((e, i) => {
      const t = g.index.get(e.target)!;
      const callee = g.nodes[t];
      const k = e.params.retry.onError ? retryAttemptsPerCall(errorProbability(callee), e.params.retry.maxAttempts) : 1;
      attempts[u]![i] = k;
      const factor = (sh[i] ?? 0) * k;
      let rps = 0;
      const target = flows[t]!;
      for (let s = 0; s < S; s++) {
        const x = fwd[s]! * factor;
        target[s]! += x;
        rps += x;
      }
      edges[e.id] = { rps, attemptsPerCall: k };
      if (rps > 0) {
        for (const r of reasons[u]!) reasons[t]!.add(r);
        if (n.kind === 'loadBalancer' && n.params.policy !== 'random') reasons[t]!.add(`${POLICY_NAMES[n.params.policy]} at "${n.id}"`);
        if (k > 1) reasons[t]!.add(`retries on "${e.id}"`);
      }
    });
  }

  // Loads and responses in reverse topological order: a service that holds its worker while
  // it waits on its calls (blockingCalls, or a queue consumer until its ack) has an effective
  // service time of its own work plus its downstream response, known once its callees are done.
  const loads: NodeLoad[] = new Array<NodeLoad>(N);
  const responseMs = new Array<number>(N).fill(0);
  const effectiveMeanMs = new Array<number>(N).fill(NaN);
  const loadOf = (n: DocNode, u: number, heldMs: number): NodeLoad => {
    const inflow = flows[u]!;
    const lambda = inflow.reduce((a, x) => a + x, 0);
    const station = stationOf(n);
    if (station) {
      if (heldMs > 0) {
        const own = station.meanMs;
        station.meanMs = own + heldMs;
        // Holding time = own work + waits downstream: no longer a single known shape.
        station.scv = own > 0 ? Math.max(station.scv * (own / station.meanMs) ** 2, 0.3) : 1;
        station.shape = 'G';
      }
      effectiveMeanMs[u] = station.meanMs;
      const load = stationLoad(station, lambda, [...reasons[u]!]);
      if (heldMs > 0)
        load.note = `${load.note ? `${load.note} ` : ''}Each worker is held for its own work plus ${fmt(heldMs)} ms waiting on downstream calls${isConsumer(u) ? ' (a consumer keeps its slot until the ack)' : ''}.`;
      return load;
    }
    switch (n.kind) {
      case 'client':
      case 'scheduler': {
        const slot = g.sources.indexOf(u);
        const note = sourceNotes[slot];
        return { arrivalRps: sourceRates[slot] ?? 0, capacityRps: null, utilization: null, workers: 0, ...(note ? { note } : {}) };
      }
      case 'loadBalancer': {
        const how =
          n.params.policy === 'random'
            ? 'Random split: each backend sees Poisson arrivals if the input is Poisson.'
            : `${POLICY_NAMES[n.params.policy]}: spreads by weight in expectation and smooths each backend's arrivals (less queueing than the Poisson formulas predict).`;
        return { arrivalRps: lambda, capacityRps: null, utilization: null, workers: 0, note: how };
      }
      case 'gateway': {
        const r = n.params.rateRps;
        const passed = lambda * forwardedFraction[u]!;
        const perClient = n.params.scope === 'perClient';
        const active = inflow.filter((x) => x > 0).length;
        const capacityRps = perClient ? r * Math.max(1, active) : r;
        const utilization = perClient
          ? r > 0
            ? Math.max(0, ...inflow) / r
            : lambda > 0
              ? Infinity
              : 0
          : r > 0
            ? lambda / r
            : lambda > 0
              ? Infinity
              : 0;
        const scope = perClient ? `per client (utilization is the busiest client's share of its bucket)` : 'global';
        return {
          arrivalRps: lambda,
          capacityRps,
          utilization,
          workers: 0,
          note: `Token bucket ${fmt(r)} rps, burst ${fmt(n.params.burst)}, ${scope}: forwards ${fmt(passed)} rps, rejects ${fmt(lambda - passed)} rps with 429 (retries of 429s not counted).`,
        };
      }
      case 'cache': {
        const h = hit[u]!;
        const how = n.params.mode === 'keyspace' ? ' (estimated: Zipf popularity, LRU by the Che approximation, TTL)' : '';
        return {
          arrivalRps: lambda,
          capacityRps: null,
          utilization: null,
          workers: 0,
          hitRatio: h,
          note: `Hit ratio ${pct(h)}${how}: ${fmt(lambda * (1 - h))} rps of misses go downstream.`,
        };
      }
      case 'queue': {
        const caps = g.out[u]!.map((e) => {
          const t = g.index.get(e.target)!;
          const c = g.nodes[t];
          const eff = effectiveMeanMs[t]!;
          return c?.kind === 'service' && Number.isFinite(eff)
            ? eff > 0
              ? (1000 * c.params.workers) / eff
              : Infinity
            : consumerCapacity(c);
        });
        if (caps.length === 0)
          return { arrivalRps: lambda, capacityRps: null, utilization: null, workers: 0, note: 'No consumer: messages pile up.' };
        const total = caps.reduce((a, c) => a + c, 0);
        if (!Number.isFinite(total))
          return {
            arrivalRps: lambda,
            capacityRps: null,
            utilization: null,
            workers: 0,
            note: 'A consumer has zero service time: drain capacity is unlimited.',
          };
        return {
          arrivalRps: lambda,
          capacityRps: total,
          utilization: total > 0 ? lambda / total : null,
          workers: 0,
          note: `Capacity is how fast its ${caps.length} consumer${caps.length > 1 ? 's' : ''} drain it; the backlog grows when utilization ≥ 1. Redeliveries are not counted.`,
        };
      }
      default:
        return { arrivalRps: lambda, capacityRps: null, utilization: null, workers: 0 };
    }
  };

  const consumers = new Set<string>();
  g.nodes.forEach((q, k) => {
    if (q.kind === 'queue') for (const e of g.out[k]!) consumers.add(e.target);
  });
  const isConsumer = (u: number) => consumers.has(g.nodes[u]!.id);
  for (let j = g.order.length - 1; j >= 0; j--) {
    const u = g.order[j]!;
    const n = g.nodes[u]!;
    const holds = n.kind === 'service' && (n.params.blockingCalls || isConsumer(u));
    const downMs = holds ? downstreamMs(u, 1, n.params.calls) : 0;
    const load = loadOf(n, u, Number.isFinite(downMs) ? downMs : 0);
    loads[u] = load;
    let own = 0;
    let mode: 'sequence' | 'parallel' = 'sequence';
    let downstreamFactor = 1;
    switch (n.kind) {
      case 'service':
      case 'database':
      case 'external':
        own = load.expected ? load.expected.responseMs : Infinity;
        break;
      case 'loadBalancer':
        own = n.params.overheadMs;
        break;
      case 'gateway':
        own = n.params.overheadMs;
        downstreamFactor = forwardedFraction[u]!;
        break;
      case 'cache':
        own = distributionMean(n.params.hitTime);
        downstreamFactor = 1 - hit[u]!;
        break;
      case 'queue':
        own = n.params.enqueueMs;
        downstreamFactor = 0;
        break; // producers are acked on enqueue
      default:
        break;
    }
    if (n.kind === 'client' || n.kind === 'scheduler' || n.kind === 'gateway' || n.kind === 'service') mode = n.params.calls;
    // A service that held its worker already has the downstream wait inside its response.
    responseMs[u] = own + (holds ? 0 : downstreamMs(u, downstreamFactor, mode));
  }

  function downstreamMs(u: number, factor: number, mode: 'sequence' | 'parallel'): number {
    let down = 0;
    g.out[u]!.forEach((e, i) => {
      const weight = factor * (shares[u]![i] ?? 0) * (attempts[u]![i] ?? 1);
      if (e.params.async || weight === 0) return;
      const term = weight * (e.params.latencyMs + responseMs[g.index.get(e.target)!]!);
      down = mode === 'parallel' ? Math.max(down, term) : down + term;
    });
    return down;
  }
  return { loads, edges, responseMs };
}

/** @internal Open-loop rate of a source and the sentence explaining where it comes from. */
function openSourceRate(n: DocNode, doc: ArchDocument, atS: number | undefined): { rps: number; note: string } {
  if (n.kind === 'scheduler') {
    const p = n.params;
    return {
      rps: p.batchSize / p.intervalS,
      note: `Average of ${p.batchSize} jobs every ${fmt(p.intervalS)} s; each batch arrives at once${p.jitterMs > 0 ? ` (spread over ${fmt(p.jitterMs)} ms)` : ''}, so short-term load is far higher.`,
    };
  }
  if (n.kind !== 'client') return { rps: 0, note: '' };
  const p = n.params;
  if (atS !== undefined) {
    return { rps: clientRateAt(p.rateRps, p.schedule, atS), note: p.schedule.length ? `Rate of the schedule at t = ${fmt(atS)} s.` : '' };
  }
  if (!p.schedule.length) return { rps: p.rateRps, note: '' };
  const peak = clientPeakRate(p.rateRps, p.schedule, doc.scenario.durationS);
  return { rps: peak.rps, note: `Peak of the schedule (first reached at t = ${fmt(peak.atS)} s), the rate to size for.` };
}

/**
 * Expected load of every node and edge of a document, from the traffic equations.
 * `atS` evaluates client schedules at that time (seconds); without it each client's peak rate over
 * the scenario is used (peaks of different clients are added even if they never coincide).
 * @example
 * const { nodes } = analyzeDocument(doc);
 * if ((nodes.db?.utilization ?? 0) >= 1) warn('db is over capacity');
 */
export function analyzeDocument(doc: ArchDocument, atS?: number): Analysis {
  const g = buildGraph(doc);
  const rates: number[] = [];
  const notes: string[] = [];
  const closed: number[] = [];
  g.sources.forEach((u, s) => {
    const n = g.nodes[u]!;
    if (n.kind === 'client' && n.params.arrival === 'closed') {
      closed.push(s);
      rates.push(0);
      notes.push('');
    } else {
      const r = openSourceRate(n, doc, atS);
      rates.push(r.rps);
      notes.push(r.note);
    }
  });

  // Closed loops: X = users / (think + R(X)). g(X) = X − users/(think + R(X)) increases with X
  // (R grows with load and is infinite past saturation), so bisect on [0, users/(think + R(0))].
  // Several closed clients interact through shared nodes: sweep them until the rates settle.
  const responseAt = (s: number, x: number) => {
    const trial = [...rates];
    trial[s] = x;
    return runPass(g, trial, notes).responseMs[g.sources[s]!]!;
  };
  for (let round = 0; round < (closed.length > 1 ? 8 : 1); round++) {
    let change = 0;
    for (const s of closed) {
      const n = g.nodes[g.sources[s]!]!;
      if (n.kind !== 'client') continue;
      const users = n.params.users;
      const thinkMs = n.params.thinkTimeMs;
      const r0 = responseAt(s, 0);
      const boundRps = thinkMs > 0 ? (1000 * users) / thinkMs : Infinity;
      let x = 0;
      let respMs = r0;
      if (!(thinkMs + r0 > 0) || !Number.isFinite(r0)) {
        x = Number.isFinite(boundRps) ? boundRps : 0;
        notes[s] = `Closed loop: response time cannot be estimated, so the rate is the bound users/thinkTime = ${fmt(x)} rps.`;
      } else {
        let lo = 0;
        let hi = (1000 * users) / (thinkMs + r0);
        for (let i = 0; i < 60; i++) {
          const mid = (lo + hi) / 2;
          const r = responseAt(s, mid);
          if (mid - (1000 * users) / (thinkMs + r) < 0) lo = mid;
          else hi = mid;
        }
        x = lo;
        respMs = responseAt(s, x);
        notes[s] =
          `Closed loop: ${users} users / (think ${fmt(thinkMs)} ms + estimated response ${fmt(respMs)} ms) ≈ ${fmt(x)} rps` +
          ` (open-network approximation; upper bound users/thinkTime = ${Number.isFinite(boundRps) ? `${fmt(boundRps)} rps` : '∞'}).`;
      }
      change = Math.max(change, Math.abs(x - (rates[s] ?? 0)) / Math.max(1e-12, x));
      rates[s] = x;
    }
    if (change < 1e-9) break;
  }

  const pass = runPass(g, rates, notes);
  const nodes: Record<string, NodeLoad> = {};
  g.nodes.forEach((n, u) => {
    nodes[n.id] = pass.loads[u]!;
  });
  const edges: Record<string, EdgeLoad> = {};
  for (const e of doc.edges) edges[e.id] = pass.edges[e.id] ?? { rps: 0 };
  return { nodes, edges };
}
