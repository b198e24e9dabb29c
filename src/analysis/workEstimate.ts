/**
 * How much work a run is, before running it: the expected number of engine events from the
 * traffic equations, so the CLI can refuse a runaway design and the app can ask first.
 * Pure: no DOM, no store, no engine.
 *
 * Events per second of simulated time, from the engine's event kinds (SEMANTICS, Simulation.ts):
 *  - each request a source starts (an arrival, a user's think timer, a jittered batch job) and
 *    each scheduler tick;
 *  - each attempt a node serves with its own work: one completion (a service always; a database,
 *    endpoint, cache, load balancer, gateway or queue when its time is not a constant 0);
 *  - each attempt on an edge: one timeout timer if the edge has a timeout, a delivery and a
 *    response if it has network latency, a backoff timer if it is a retry;
 *  - each message a queue holds: one visibility timer;
 *  plus one event per time bucket and two per injected failure. The wall-time estimate adds the
 *  cost of closing each bucket (per node), which dominates designs with many fine buckets.
 * The traffic equations give offered load (an overloaded node still passes its full rate on)
 * and ignore retries of timeouts and redeliveries, so the estimate is rough (within about 2×
 * on the scenarios), which is enough to tell seconds from hours.
 */
import { bucketPlan } from '../model/buckets.ts';
import type { ArchDocument, DocNode } from '../model/schema.ts';
import { SOURCE_KINDS } from '../model/graph.ts';
import { analysisOf, analyzeDocument } from './analyzeDocument.ts';
import type { Analysis } from './types.ts';

/** Events per second of wall time to plan with: the full engine measured 0.6–1.2 million on a 2-core machine. */
export const PLANNING_EVENTS_PER_S = 1_000_000;
/**
 * Closing a time bucket costs about as much as this many events, plus NODE_BUCKET_COST per node
 * and source (percentiles over each latency histogram): measured 60–70 µs and 2–3 µs a time.
 */
const BUCKET_COST = 60;
const NODE_BUCKET_COST = 2;
/** Most schedule segments evaluated separately; longer schedules are sampled evenly. */
const MAX_SEGMENTS = 24;

export interface WorkEstimate {
  /** Expected engine events for the whole run. */
  events: number;
  /** Expected requests started by the sources. */
  requests: number;
  /** Expected wall time at PLANNING_EVENTS_PER_S, seconds (events plus closing the time buckets). */
  seconds: number;
  /** Set when the run may never finish whatever the estimate says, with the reason. */
  unbounded?: string;
}

/** @internal Events and requests per simulated second for one analysis. */
function ratesOf(doc: ArchDocument, a: Analysis): { events: number; requests: number } {
  let events = 0;
  let requests = 0;
  const pulled = new Set(doc.nodes.filter((n) => analysisOf(n).consumers).map((n) => n.id));
  for (const n of doc.nodes) {
    const lambda = a.nodes[n.id]?.arrivalRps ?? 0;
    if (SOURCE_KINDS.includes(n.kind)) requests += lambda;
    events += lambda * (analysisOf(n).eventsPerVisit?.(n.params) ?? 1);
  }
  for (const e of doc.edges) {
    const load = a.edges[e.id];
    if (!load || pulled.has(e.source)) continue; // consumers pull: counted at the queue
    const k = load.attemptsPerCall ?? 1;
    events += load.rps * ((e.params.timeoutMs > 0 ? 1 : 0) + (e.params.latencyMs > 0 ? 2 : 0) + (k > 1 ? 1 - 1 / k : 0));
  }
  return { events: Number.isFinite(events) ? events : Number.MAX_VALUE, requests: Number.isFinite(requests) ? requests : Number.MAX_VALUE };
}

/** @internal Times [0, D] splits into: 0, D and every schedule point inside, at most MAX_SEGMENTS segments. */
function segments(doc: ArchDocument, durationS: number): number[] {
  const points = new Set<number>([0, durationS]);
  for (const n of doc.nodes) for (const t of analysisOf(n).ratePoints?.(n.params) ?? []) if (t > 0 && t < durationS) points.add(t);
  const sorted = [...points].sort((x, y) => x - y);
  if (sorted.length - 1 <= MAX_SEGMENTS) return sorted;
  return Array.from({ length: MAX_SEGMENTS + 1 }, (_, i) => (durationS * i) / MAX_SEGMENTS);
}

/** @internal Why a run of `doc` may never finish, or undefined. */
function unboundedReason(doc: ArchDocument): string | undefined {
  for (const n of doc.nodes) {
    const why = analysisOf(n).unbounded?.(n.params, n.id);
    if (why) return why;
  }
  return undefined;
}

/** @internal Whether the traffic equations are linear in the source rates (no rate limiter, key-space cache or closed loop). */
function linear(doc: ArchDocument): boolean {
  return !doc.nodes.some((n) => analysisOf(n).nonLinear?.(n.params));
}

/** @internal `doc` with every open source silent except `only`, which emits 1 request per second. */
function unitSource(doc: ArchDocument, only: string): ArchDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const unit = analysisOf(n).unitRate;
      return unit ? ({ ...n, params: unit(n.params, n.id === only) } as DocNode) : n;
    }),
  };
}

/**
 * The expected work of running `doc` for `durationS` (default: the scenario's duration).
 * Where the traffic equations are linear in the source rates, each source's work per request
 * is found once and multiplied by its requests over the run (its schedule integrated exactly);
 * otherwise the run is cut at the schedules' points and each piece analysed at its midpoint.
 * @example
 * const w = workEstimate(doc);
 * if (w.seconds > 30) confirm(`This run is about ${Math.round(w.seconds)} s of work. Run anyway?`);
 */
export function workEstimate(doc: ArchDocument, opts: { durationS?: number } = {}): WorkEstimate {
  const durationS = opts.durationS ?? doc.scenario.durationS;
  let events = 0;
  let requests = 0;
  if (linear(doc)) {
    for (const n of doc.nodes) {
      if (!SOURCE_KINDS.includes(n.kind)) continue;
      const count = analysisOf(n).requestsOver?.(n.params, durationS) ?? 0;
      if (count === 0) continue;
      events += ratesOf(doc, analyzeDocument(unitSource(doc, n.id))).events * count;
      requests += count;
    }
  } else {
    // Each source at its mean rate over this run (a scheduler's batch · ⌈D/I⌉ / D).
    const ticked = {
      ...doc,
      nodes: doc.nodes.map((n) => {
        const avg = analysisOf(n).averagedOver;
        return avg ? ({ ...n, params: avg(n.params, durationS) } as DocNode) : n;
      }),
    };
    const cuts = segments(doc, durationS);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const t0 = cuts[i]!,
        t1 = cuts[i + 1]!;
      const r = ratesOf(ticked, analyzeDocument(ticked, (t0 + t1) / 2));
      events += r.events * (t1 - t0);
      requests += r.requests * (t1 - t0);
    }
  }
  for (const n of doc.nodes) events += analysisOf(n).fixedEvents?.(n.params, durationS) ?? 0; // ticks, first think timers
  const buckets = bucketPlan(durationS * 1000, doc.scenario.bucketS, doc.nodes.length).buckets;
  events += buckets + 2 * doc.scenario.failures.length;
  const sources = doc.nodes.filter((n) => SOURCE_KINDS.includes(n.kind)).length;
  const bucketWork = buckets * (BUCKET_COST + NODE_BUCKET_COST * (doc.nodes.length + sources));
  const unbounded = unboundedReason(doc);
  const out: WorkEstimate = { events, requests, seconds: (events + bucketWork) / PLANNING_EVENTS_PER_S };
  if (unbounded) out.unbounded = unbounded;
  return out;
}
