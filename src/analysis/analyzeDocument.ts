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
import type { ArchDocument, DocEdge, DocNode } from '../model/schema.ts';
import type { Analysis, EdgeLoad, NodeLoad } from './types.ts';
import { retryAttemptsPerCall } from './rates.ts';
import { stationLoad, type Station } from './stationLoad.ts';
import { kindDef } from '../kinds/registry.ts';
import { SOURCE_KINDS } from '../model/graph.ts';
import type { KindAnalysis } from '../kinds/types.ts';
import { fmt } from './fmt.ts';

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

/** @internal The node's kind's analysis hooks (src/kinds/<kind>/analysis.ts), typed for its own params. */
export function analysisOf(n: DocNode): KindAnalysis<DocNode['params']> {
  return kindDef(n.kind).analysis as KindAnalysis<DocNode['params']>;
}

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
  const sources = nodes.map((n, i) => (SOURCE_KINDS.includes(n.kind) ? i : -1)).filter((i) => i >= 0);
  return { nodes, index, out, order, sources };
}

/** @internal The node's own error probability, which callers with retry.onError retry. */
function errorProbability(n: DocNode | undefined): number {
  return n ? (analysisOf(n).errorRate?.(n.params) ?? 0) : 0;
}

/** @internal Most requests per second node n can take as a queue consumer (0: it cannot consume). */
function consumerCapacity(n: DocNode | undefined, effectiveMeanMs = NaN): number {
  return n ? (analysisOf(n).consumerRps?.(n.params, effectiveMeanMs) ?? 0) : 0;
}

/** @internal Fraction of a node's forwarded traffic that goes down each outgoing edge (before retries). */
function edgeShares(g: Graph, n: DocNode, edges: readonly DocEdge[]): number[] {
  const shares = analysisOf(n).shares;
  if (shares) return shares(n.params, edges, (e) => consumerCapacity(g.nodes[g.index.get(e.target)!]));
  return edges.map((e) => e.params.callProbability);
}

/** @internal Station description of a queueing node (its kind module's model), or null for nodes that do no queued work. */
function stationOf(n: DocNode): Station | null {
  const station = analysisOf(n).station;
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
    const why = analysisOf(n).arrivalNote?.(n.params, n.id);
    if (why) reasons[u]!.add(why);
  });

  for (const u of g.order) {
    const n = g.nodes[u]!;
    const inflow = flows[u]!;
    const lambda = inflow.reduce((a, x) => a + x, 0);
    const fwd = Float64Array.from(inflow);
    const kind = analysisOf(n);
    if (kind.filter) {
      const f = kind.filter(n.params, n.id, inflow, fwd);
      forwardedFraction[u] = f.forwardedFraction;
      if (f.hitRatio !== undefined) hit[u] = f.hitRatio;
      if (f.reason) reasons[u]!.add(f.reason);
    }
    const routing = kind.routingNote?.(n.params, n.id);
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
        if (routing) reasons[t]!.add(routing);
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
    const kind = analysisOf(n);
    if (SOURCE_KINDS.includes(n.kind)) {
      const slot = g.sources.indexOf(u);
      const note = sourceNotes[slot];
      return { arrivalRps: sourceRates[slot] ?? 0, capacityRps: null, utilization: null, workers: 0, ...(note ? { note } : {}) };
    }
    if (kind.load) {
      const consumerRps = kind.consumers
        ? g.out[u]!.map((e) => {
            const t = g.index.get(e.target)!;
            return consumerCapacity(g.nodes[t], effectiveMeanMs[t]!);
          })
        : [];
      return kind.load(n.params, { id: n.id, lambda, inflow, forwardedFraction: forwardedFraction[u]!, hitRatio: hit[u]!, consumerRps });
    }
    return { arrivalRps: lambda, capacityRps: null, utilization: null, workers: 0 };
  };

  const consumers = new Set<string>();
  g.nodes.forEach((q, k) => {
    if (analysisOf(q).consumers) for (const e of g.out[k]!) consumers.add(e.target);
  });
  const isConsumer = (u: number) => consumers.has(g.nodes[u]!.id);
  for (let j = g.order.length - 1; j >= 0; j--) {
    const u = g.order[j]!;
    const n = g.nodes[u]!;
    const kind = analysisOf(n);
    const mode: 'sequence' | 'parallel' = (n.params as { calls?: 'sequence' | 'parallel' }).calls ?? 'sequence';
    const holds = kind.holdsWorker?.(n.params, isConsumer(u)) ?? false;
    const downMs = holds ? downstreamMs(u, 1, mode) : 0;
    const load = loadOf(n, u, Number.isFinite(downMs) ? downMs : 0);
    loads[u] = load;
    const stationMs = kind.station ? (load.expected ? load.expected.responseMs : Infinity) : 0;
    const { ownMs: own, downstreamFactor } = kind.response?.(n.params, {
      stationMs,
      forwardedFraction: forwardedFraction[u]!,
      hitRatio: hit[u]!,
    }) ?? {
      ownMs: stationMs,
      downstreamFactor: 1,
    };
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
    const kind = analysisOf(n);
    const r = kind.sourceRate ? kind.sourceRate(n.params, doc.scenario.durationS, atS) : { rps: 0, note: '' };
    if (r === null) {
      closed.push(s);
      rates.push(0);
      notes.push('');
    } else {
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
      const loop = analysisOf(n).closedLoop?.(n.params);
      if (!loop) continue;
      const { users, thinkMs } = loop;
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
