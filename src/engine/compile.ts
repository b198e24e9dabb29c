/**
 * compile: ArchDocument → CompiledModel. String ids become integer indices once, adjacency
 * becomes CSR arrays, and hot parameters become typed arrays, so the event loop never
 * touches a Map, a string or the document's object graph.
 *
 *   nodes  0..n-1   kind[], workers[], queueCap[], svcType/svcP1/svcP2[] …
 *   edges  0..m-1   src[], dst[], timeoutMs[], maxAttempts[] …
 *   outStart[node]..outStart[node+1]  → outEdges[]  (edges leaving node, document order)
 *   inStart[node]..inStart[node+1]    → inEdges[]   (edges entering node)
 */
import type { ArchDocument, DocNode } from '../model/schema.ts';
import { distributionCompile } from './core/distributions.ts';
import { bucketPlan } from '../model/buckets.ts';

export const K_CLIENT = 0, K_SCHEDULER = 1, K_LB = 2, K_GATEWAY = 3, K_SERVICE = 4, K_QUEUE = 5, K_CACHE = 6, K_DATABASE = 7, K_EXTERNAL = 8;
const KIND_CODE: Record<DocNode['kind'], number> = {
  client: K_CLIENT, scheduler: K_SCHEDULER, loadBalancer: K_LB, gateway: K_GATEWAY, service: K_SERVICE,
  queue: K_QUEUE, cache: K_CACHE, database: K_DATABASE, external: K_EXTERNAL,
};
export const JITTER_CODE = { none: 0, full: 1, equal: 2, decorrelated: 3 } as const;
export const LB_CODE = { roundRobin: 0, random: 1, leastOutstanding: 2, p2c: 3 } as const;

/** A rate schedule as segments [start, end) with a linear rate r0 → r1 (per ms). */
export interface RateSchedule { start: Float64Array; end: Float64Array; r0: Float64Array; r1: Float64Array }

export interface CompiledModel {
  doc: ArchDocument;
  n: number;
  m: number;
  ids: string[];
  edgeIds: string[];
  nodeIndex: Map<string, number>;
  edgeIndex: Map<string, number>;
  kind: Uint8Array;
  /** Workers / pool / concurrency; Infinity = unlimited (external without a limit, cache, LB…). */
  workers: Float64Array;
  /** Waiting slots beyond the workers; Infinity = unbounded. For a queue: message capacity. */
  queueCap: Float64Array;
  lifo: Uint8Array;
  /** Own work: service time; database read time; external latency; cache hit time; LB/gateway overhead; queue enqueue. */
  svcType: Uint8Array; svcP1: Float64Array; svcP2: Float64Array;
  /** Database write time. */
  wrType: Uint8Array; wrP1: Float64Array; wrP2: Float64Array;
  writeFraction: Float64Array;
  errorRate: Float64Array;
  parallel: Uint8Array;
  sideEffect: Uint8Array;
  blockingCalls: Uint8Array;
  /** Service idempotency store: 0 off, 1 atomic, 2 check-then-record. */
  idemMode: Uint8Array;
  idemRetentionMs: Float64Array;
  /** Database unique key / external dedupe. */
  dedupe: Uint8Array;
  hitRatio: Float64Array;
  outStart: Int32Array; outEdges: Int32Array;
  inStart: Int32Array; inEdges: Int32Array;
  /** For each service, the queues it consumes from (CSR). */
  consStart: Int32Array; consQueues: Int32Array;
  src: Int32Array; dst: Int32Array;
  timeoutMs: Float64Array;
  maxAttempts: Int32Array;
  baseMs: Float64Array; capMs: Float64Array; multiplier: Float64Array; jitter: Uint8Array;
  retryOnTimeout: Uint8Array; retryOnError: Uint8Array; retryOnRejected: Uint8Array;
  callProbability: Float64Array;
  weight: Float64Array;
  latencyMs: Float64Array;
  reuseKey: Uint8Array;
  async: Uint8Array;
  /** Client rate schedules (open loop), by node index (undefined for other kinds). */
  schedules: (RateSchedule | undefined)[];
  /** Sources (clients and schedulers) in node order. */
  sources: Int32Array;
  sourceOf: Int32Array;
  durationMs: number;
  warmupMs: number;
  bucketMs: number;
  buckets: number;
}

function csr(n: number, pairs: [number, number][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const [k] of pairs) start[k + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const items = new Int32Array(pairs.length);
  const fill = start.slice(0, n);
  for (const [k, v] of pairs) items[fill[k]!++] = v;
  return { start, items };
}

/** Piecewise-linear client rate in requests per ms over [0, ∞). */
export function scheduleCompile(rateRps: number, points: { atS: number; rateRps: number; shape: 'step' | 'ramp' }[]): RateSchedule {
  const pts = [...points].sort((a, b) => a.atS - b.atS);
  const start: number[] = [], end: number[] = [], r0: number[] = [], r1: number[] = [];
  let t = 0;
  let r = rateRps / 1000;
  for (const p of pts) {
    const at = p.atS * 1000;
    const target = p.rateRps / 1000;
    if (at > t) {
      start.push(t); end.push(at); r0.push(r); r1.push(p.shape === 'ramp' ? target : r);
      t = at;
    }
    r = target;
  }
  start.push(t); end.push(Infinity); r0.push(r); r1.push(r);
  return { start: Float64Array.from(start), end: Float64Array.from(end), r0: Float64Array.from(r0), r1: Float64Array.from(r1) };
}

/** Bucket width: the scenario's, or a round number giving at most 300 buckets. */
export function bucketWidthMs(durationMs: number, bucketS: number): number {
  if (bucketS > 0) return Math.min(bucketS * 1000, durationMs);
  const steps = [100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
  for (const s of steps) if (durationMs / s <= 300) return s;
  return Math.ceil(durationMs / 300);
}

export function compile(doc: ArchDocument, overrides: { durationS?: number } = {}): CompiledModel {
  const n = doc.nodes.length;
  const m = doc.edges.length;
  const nodeIndex = new Map(doc.nodes.map((x, i) => [x.id, i]));
  const edgeIndex = new Map(doc.edges.map((x, i) => [x.id, i]));
  const f64 = (v = 0) => new Float64Array(n).fill(v);
  const u8 = () => new Uint8Array(n);
  const c = {
    kind: u8(), workers: f64(Infinity), queueCap: f64(Infinity), lifo: u8(),
    svcType: u8(), svcP1: f64(), svcP2: f64(), wrType: u8(), wrP1: f64(), wrP2: f64(), writeFraction: f64(),
    errorRate: f64(), parallel: u8(), sideEffect: u8(), blockingCalls: u8(), idemMode: u8(), idemRetentionMs: f64(), dedupe: u8(), hitRatio: f64(),
  };
  const schedules: (RateSchedule | undefined)[] = new Array(n).fill(undefined);
  const setSvc = (i: number, d: Parameters<typeof distributionCompile>[0]) => {
    const x = distributionCompile(d);
    c.svcType[i] = x.type; c.svcP1[i] = x.p1; c.svcP2[i] = x.p2;
  };
  const sources: number[] = [];
  doc.nodes.forEach((node, i) => {
    c.kind[i] = KIND_CODE[node.kind];
    switch (node.kind) {
      case 'client': {
        const p = node.params;
        sources.push(i);
        c.parallel[i] = p.calls === 'parallel' ? 1 : 0;
        schedules[i] = scheduleCompile(p.rateRps, p.schedule);
        break;
      }
      case 'scheduler':
        sources.push(i);
        c.parallel[i] = node.params.calls === 'parallel' ? 1 : 0;
        break;
      case 'loadBalancer':
        setSvc(i, { type: 'constant', ms: node.params.overheadMs });
        break;
      case 'gateway':
        setSvc(i, { type: 'constant', ms: node.params.overheadMs });
        c.parallel[i] = node.params.calls === 'parallel' ? 1 : 0;
        break;
      case 'service': {
        const p = node.params;
        c.workers[i] = p.workers;
        c.queueCap[i] = p.queueCapacity ?? Infinity;
        c.lifo[i] = p.discipline === 'lifo' ? 1 : 0;
        setSvc(i, p.serviceTime);
        c.errorRate[i] = p.errorRate;
        c.parallel[i] = p.calls === 'parallel' ? 1 : 0;
        c.sideEffect[i] = p.sideEffect ? 1 : 0;
        c.blockingCalls[i] = p.blockingCalls ? 1 : 0;
        c.idemMode[i] = p.idempotency.enabled ? (p.idempotency.atomic ? 1 : 2) : 0;
        c.idemRetentionMs[i] = p.idempotency.retentionS * 1000;
        break;
      }
      case 'queue':
        c.queueCap[i] = node.params.capacity ?? Infinity;
        setSvc(i, { type: 'constant', ms: node.params.enqueueMs });
        break;
      case 'cache':
        c.hitRatio[i] = node.params.hitRatio;
        setSvc(i, node.params.hitTime);
        break;
      case 'database': {
        const p = node.params;
        c.workers[i] = p.poolSize;
        c.queueCap[i] = p.queueCapacity ?? Infinity;
        setSvc(i, p.readTime);
        const w = distributionCompile(p.writeTime);
        c.wrType[i] = w.type; c.wrP1[i] = w.p1; c.wrP2[i] = w.p2;
        c.writeFraction[i] = p.writeFraction;
        c.errorRate[i] = p.errorRate;
        c.dedupe[i] = p.uniqueKey ? 1 : 0;
        break;
      }
      case 'external': {
        const p = node.params;
        c.workers[i] = p.concurrency ?? Infinity;
        c.queueCap[i] = 0;
        setSvc(i, p.latency);
        c.errorRate[i] = p.errorRate;
        c.dedupe[i] = p.dedupe ? 1 : 0;
        break;
      }
    }
  });
  const src = new Int32Array(m), dst = new Int32Array(m);
  const e = {
    timeoutMs: new Float64Array(m), maxAttempts: new Int32Array(m), baseMs: new Float64Array(m), capMs: new Float64Array(m),
    multiplier: new Float64Array(m), jitter: new Uint8Array(m), retryOnTimeout: new Uint8Array(m), retryOnError: new Uint8Array(m),
    retryOnRejected: new Uint8Array(m), callProbability: new Float64Array(m), weight: new Float64Array(m), latencyMs: new Float64Array(m),
    reuseKey: new Uint8Array(m), async: new Uint8Array(m),
  };
  doc.edges.forEach((edge, j) => {
    src[j] = nodeIndex.get(edge.source)!;
    dst[j] = nodeIndex.get(edge.target)!;
    const p = edge.params;
    e.timeoutMs[j] = p.timeoutMs > 0 ? p.timeoutMs : Infinity;
    e.maxAttempts[j] = p.retry.maxAttempts;
    e.baseMs[j] = p.retry.baseMs;
    e.capMs[j] = p.retry.capMs;
    e.multiplier[j] = p.retry.multiplier;
    e.jitter[j] = JITTER_CODE[p.retry.jitter];
    e.retryOnTimeout[j] = p.retry.onTimeout ? 1 : 0;
    e.retryOnError[j] = p.retry.onError ? 1 : 0;
    e.retryOnRejected[j] = p.retry.onRejected ? 1 : 0;
    e.callProbability[j] = p.callProbability;
    e.weight[j] = p.weight;
    e.latencyMs[j] = p.latencyMs;
    e.reuseKey[j] = p.reuseIdempotencyKey ? 1 : 0;
    e.async[j] = p.async ? 1 : 0;
  });
  const out = csr(n, doc.edges.map((_, j) => [src[j]!, j]));
  const inn = csr(n, doc.edges.map((_, j) => [dst[j]!, j]));
  const cons = csr(n, doc.edges.map((_, j) => [dst[j]!, src[j]!] as [number, number]).filter(([, s]) => c.kind[s] === K_QUEUE));
  const sourceOf = new Int32Array(n).fill(-1);
  sources.forEach((s, k) => { sourceOf[s] = k; });
  const durationMs = (overrides.durationS ?? doc.scenario.durationS) * 1000;
  const { bucketMs, buckets } = bucketPlan(durationMs, doc.scenario.bucketS, n);
  return {
    doc, n, m, ids: doc.nodes.map((x) => x.id), edgeIds: doc.edges.map((x) => x.id), nodeIndex, edgeIndex,
    ...c, ...e, src, dst,
    outStart: out.start, outEdges: out.items, inStart: inn.start, inEdges: inn.items,
    consStart: cons.start, consQueues: cons.items,
    schedules, sources: Int32Array.from(sources), sourceOf,
    durationMs, warmupMs: Math.min(doc.scenario.warmupS * 1000, durationMs), bucketMs, buckets,
  };
}
