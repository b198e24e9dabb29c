/**
 * Metrics: every counter the engine keeps, in preallocated Float64Arrays.
 *
 *   totals  [node]               after warm-up only (what NodeResult reports)
 *   series  [node * buckets + b] every bucket, warm-up included (what the charts show)
 *   areas   time-integrals of queue length, busy workers and attempts in system, flushed
 *           at every change of the value (touch) and at bucket boundaries
 * Memory is nodes × buckets × metrics plus one histogram per node: never per request.
 */
import { Histogram, histogramBinValue, HISTOGRAM_BINS } from './histogram.ts';

export class Metrics {
  readonly n: number;
  readonly buckets: number;
  // totals
  arrivals: Float64Array;
  completed: Float64Array;
  errors: Float64Array;
  /** Of the errors, 409 "in progress" answers of an atomic idempotency-key store. */
  conflicts: Float64Array;
  /** Optimistic concurrency (database occ): hot-row writes that committed, and that lost to another commit. */
  occCommits: Float64Array;
  occConflicts: Float64Array;
  rejected: Float64Array;
  timeouts: Float64Array;
  retries: Float64Array;
  waitSum: Float64Array;
  waitCount: Float64Array;
  /**
   * Positive waits for a worker after warm-up, binned as histogram.ts does (for their percentiles;
   * mean = waitSum / waitCount), and the longest. Bins are made at a node's first positive wait: a
   * node where nothing waits costs none (a 2,000-node chain would otherwise allocate 40 MB). The
   * bins' total is the count of positive waits; zero waits are waitCount minus that.
   */
  waitBins: (Float64Array | null)[];
  waitMax: Float64Array;
  /** Most attempts in the system (waiting + in service) held for a positive time after warm-up. */
  sysPeak: Float64Array;
  cacheHits: Float64Array;
  cacheMisses: Float64Array;
  sideEffects: Float64Array;
  duplicates: Float64Array;
  dupCause: Float64Array;
  dlq: Float64Array;
  deliveries: Float64Array;
  /**
   * Time integrals of the waiting line, the busy workers and the attempts held, from the run's
   * start (warm-up included): the totals are their growth after the warm-up (`…Warm` holds them
   * then), a bucket's is its growth since the last bucket closed (`…Mark`). One running sum per
   * quantity keeps touch() at three additions, with no test of the warm-up.
   */
  qArea: Float64Array;
  busyArea: Float64Array;
  sysArea: Float64Array;
  qAreaWarm: Float64Array;
  busyAreaWarm: Float64Array;
  sysAreaWarm: Float64Array;
  qAreaMark: Float64Array;
  busyAreaMark: Float64Array;
  qMax: Float64Array;
  /** Attempts swallowed without an answer (node down, mode hang), whole run: for conservation checks. */
  dropped: Float64Array;
  /** Messages a queue accepted, whole run: for conservation checks. */
  enqueued: Float64Array;
  /** Attempts dropped when they reached a worker: waited past the queue timeout, deadline passed, cancelled by the caller. */
  shedQueueTimeout: Float64Array;
  shedExpired: Float64Array;
  shedCancelled: Float64Array;
  /** Attempts rejected at once by the node's concurrency limit; the limit's lowest and highest value. */
  shedLimited: Float64Array;
  limitLow: Float64Array;
  limitHigh: Float64Array;
  /** Latency of every completion, warm-up included; totals subtract `warmHist`, buckets diff against `prevCounts`. */
  hist: Histogram[];
  warmHist: Histogram[];
  latMax: Float64Array;
  // series
  sArrivals: Float64Array;
  sCompleted: Float64Array;
  sErrors: Float64Array;
  sRejected: Float64Array;
  sTimeouts: Float64Array;
  sRetries: Float64Array;
  sSideEffects: Float64Array;
  sDuplicates: Float64Array;
  sDlq: Float64Array;
  sQueueMean: Float64Array;
  sQueueMax: Float64Array;
  sUtil: Float64Array;
  sP50: Float64Array;
  sP99: Float64Array;
  bqMax: Float64Array;
  private prevCounts: Float64Array[];
  private prevCount: Float64Array;
  // live values
  qLen: Float64Array;
  busy: Float64Array;
  inSys: Float64Array;
  lastT: Float64Array;
  // sources (by source ordinal)
  /** Requests that can never be answered (no timeout, and the callee swallowed the attempt). */
  srcStuck: Float64Array;
  srcRequests: Float64Array;
  srcOk: Float64Array;
  srcFail: Float64Array;
  srcHist: Histogram[];
  srcWarmHist: Histogram[];
  srcLatMax: Float64Array;
  sSrcRequests: Float64Array;
  sSrcOk: Float64Array;
  sSrcFail: Float64Array;
  sSrcP50: Float64Array;
  sSrcP99: Float64Array;
  private srcPrevCounts: Float64Array[];
  private srcPrevCount: Float64Array;
  // edges (after warm-up: zeroed by warmupEnd)
  eAttempts: Float64Array;
  eRetries: Float64Array;
  eTimeouts: Float64Array;
  eErrors: Float64Array;
  eBreaker: Float64Array;
  eBudget: Float64Array;
  eThrottled: Float64Array;
  eOpenMs: Float64Array;

  constructor(n: number, nSources: number, m: number, buckets: number) {
    this.n = n;
    this.buckets = buckets;
    const t = () => new Float64Array(n);
    const s = () => new Float64Array(n * buckets);
    this.arrivals = t();
    this.completed = t();
    this.errors = t();
    this.conflicts = t();
    this.occCommits = t();
    this.occConflicts = t();
    this.rejected = t();
    this.timeouts = t();
    this.retries = t();
    this.waitSum = t();
    this.waitCount = t();
    this.waitBins = new Array<Float64Array | null>(n).fill(null);
    this.waitMax = t();
    this.sysPeak = t();
    this.cacheHits = t();
    this.cacheMisses = t();
    this.sideEffects = t();
    this.duplicates = t();
    this.dupCause = new Float64Array(n * 6);
    this.dlq = t();
    this.deliveries = t();
    this.qArea = t();
    this.busyArea = t();
    this.sysArea = t();
    this.qAreaWarm = t();
    this.busyAreaWarm = t();
    this.sysAreaWarm = t();
    this.qAreaMark = t();
    this.busyAreaMark = t();
    this.qMax = t();
    this.dropped = t();
    this.enqueued = t();
    this.shedQueueTimeout = t();
    this.shedExpired = t();
    this.shedCancelled = t();
    this.shedLimited = t();
    this.limitLow = t();
    this.limitHigh = t();
    this.hist = Array.from({ length: n }, () => new Histogram());
    this.warmHist = Array.from({ length: n }, () => new Histogram());
    this.latMax = t();
    this.sArrivals = s();
    this.sCompleted = s();
    this.sErrors = s();
    this.sRejected = s();
    this.sTimeouts = s();
    this.sRetries = s();
    this.sSideEffects = s();
    this.sDuplicates = s();
    this.sDlq = s();
    this.sQueueMean = s();
    this.sQueueMax = s();
    this.sUtil = s();
    this.sP50 = s();
    this.sP99 = s();
    this.bqMax = t();
    this.prevCounts = Array.from({ length: n }, () => new Float64Array(HISTOGRAM_BINS));
    this.prevCount = t();
    this.qLen = t();
    this.busy = t();
    this.inSys = t();
    this.lastT = t();
    const k = nSources;
    this.srcStuck = new Float64Array(k);
    this.srcRequests = new Float64Array(k);
    this.srcOk = new Float64Array(k);
    this.srcFail = new Float64Array(k);
    this.srcHist = Array.from({ length: k }, () => new Histogram());
    this.srcWarmHist = Array.from({ length: k }, () => new Histogram());
    this.srcLatMax = new Float64Array(k);
    this.srcPrevCounts = Array.from({ length: k }, () => new Float64Array(HISTOGRAM_BINS));
    this.srcPrevCount = new Float64Array(k);
    const sb = () => new Float64Array(k * buckets);
    this.sSrcRequests = sb();
    this.sSrcOk = sb();
    this.sSrcFail = sb();
    this.sSrcP50 = sb();
    this.sSrcP99 = sb();
    const e = () => new Float64Array(m);
    this.eAttempts = e();
    this.eRetries = e();
    this.eTimeouts = e();
    this.eErrors = e();
    this.eBreaker = e();
    this.eBudget = e();
    this.eThrottled = e();
    this.eOpenMs = e();
  }

  /**
   * Accumulate the time integrals of node i up to `now` (call before changing qLen/busy/inSys),
   * and its peak of attempts held for a positive time (warmupEnd restarts it).
   */
  touch(i: number, now: number): void {
    const dt = now - this.lastT[i]!;
    if (dt > 0) {
      this.qArea[i]! += this.qLen[i]! * dt;
      this.busyArea[i]! += this.busy[i]! * dt;
      const s = this.inSys[i]!;
      this.sysArea[i]! += s * dt;
      if (s > this.sysPeak[i]!) this.sysPeak[i] = s;
      this.lastT[i] = now;
    }
  }

  /** Node i's time integrals over the measured period [warm-up, now]: queue, busy workers, attempts held. */
  measuredAreas(i: number): { queue: number; busy: number; inSystem: number } {
    return {
      queue: this.qArea[i]! - this.qAreaWarm[i]!,
      busy: this.busyArea[i]! - this.busyAreaWarm[i]!,
      inSystem: this.sysArea[i]! - this.sysAreaWarm[i]!,
    };
  }

  /** Close bucket b of width widthMs: time averages (the integrals' growth since the last close) and percentiles; the next bucket starts from here. */
  closeBucket(b: number, widthMs: number, workers: Float64Array): void {
    const B = this.buckets;
    for (let i = 0; i < this.n; i++) {
      const k = i * B + b;
      this.sQueueMean[k] = (this.qArea[i]! - this.qAreaMark[i]!) / widthMs;
      this.sQueueMax[k] = Math.max(this.bqMax[i]!, this.qLen[i]!);
      const w = workers[i]!;
      this.sUtil[k] = w > 0 && w < Infinity ? (this.busyArea[i]! - this.busyAreaMark[i]!) / (w * widthMs) : 0;
      [this.sP50[k], this.sP99[k]] = bucketQuantiles(this.hist[i]!, this.prevCounts[i]!, this.prevCount, i);
      this.qAreaMark[i] = this.qArea[i]!;
      this.busyAreaMark[i] = this.busyArea[i]!;
      this.bqMax[i] = this.qLen[i]!;
    }
    for (let s = 0; s < this.srcHist.length; s++) {
      [this.sSrcP50[s * B + b], this.sSrcP99[s * B + b]] = bucketQuantiles(this.srcHist[s]!, this.srcPrevCounts[s]!, this.srcPrevCount, s);
    }
  }

  /**
   * Warm-up ends: snapshot the histograms, and zero the edge counters so that they cover
   * [warm-up, end] as the node totals do (edges count unconditionally, so a reset here keeps
   * their per-event path free of the measuring test). Open time is clamped in Resilience.
   */
  warmupEnd(): void {
    // The nodes were touched up to now: the integrals so far are the warm-up's, and the peak
    // starts again with what is held from here.
    this.qAreaWarm.set(this.qArea);
    this.busyAreaWarm.set(this.busyArea);
    this.sysAreaWarm.set(this.sysArea);
    this.sysPeak.fill(0);
    this.eAttempts.fill(0);
    this.eRetries.fill(0);
    this.eTimeouts.fill(0);
    this.eErrors.fill(0);
    this.eBreaker.fill(0);
    this.eBudget.fill(0);
    this.eThrottled.fill(0);
    for (let i = 0; i < this.n; i++) this.warmHist[i]!.copyFrom(this.hist[i]!);
    for (let k = 0; k < this.srcHist.length; k++) this.srcWarmHist[k]!.copyFrom(this.srcHist[k]!);
  }

  /** Node i's wait bins, made at its first positive wait (the caller adds the wait: Simulation.startWorker). */
  waitBinsFor(i: number): Float64Array {
    return (this.waitBins[i] = new Float64Array(HISTOGRAM_BINS));
  }

  /** Quantile q of node i's waits, zero waits included (0 when nothing waited). */
  waitQuantile(i: number, q: number): number {
    const n = this.waitCount[i]!,
      bins = this.waitBins[i],
      max = this.waitMax[i]!;
    if (!bins || n === 0) return 0;
    let positive = 0;
    for (let k = 0; k < HISTOGRAM_BINS; k++) positive += bins[k]!;
    const rank = Math.max(1, Math.ceil(q * n)) - (n - positive);
    if (rank <= 0) return 0;
    let seen = 0;
    for (let k = 0; k < HISTOGRAM_BINS; k++) {
      seen += bins[k]!;
      if (seen >= rank) return Math.min(histogramBinValue(k), max);
    }
    return max;
  }

  /** Node latency after warm-up (a new histogram). */
  nodeHist(i: number): Histogram {
    return histogramMinus(this.hist[i]!, this.warmHist[i]!, this.latMax[i]!);
  }

  sourceHist(k: number): Histogram {
    return histogramMinus(this.srcHist[k]!, this.srcWarmHist[k]!, this.srcLatMax[k]!);
  }
}

function histogramMinus(a: Histogram, b: Histogram, max: number): Histogram {
  const h = new Histogram();
  for (let i = 0; i < HISTOGRAM_BINS; i++) h.counts[i] = a.counts[i]! - b.counts[i]!;
  h.count = a.count - b.count;
  h.sum = a.sum - b.sum;
  h.max = max;
  return h;
}

/** p50 and p99 of the samples added since the last call (diff against `prev`, then prev := now). */
function bucketQuantiles(h: Histogram, prev: Float64Array, prevCount: Float64Array, i: number): [number, number] {
  const n = h.count - prevCount[i]!;
  let p50 = 0,
    p99 = 0;
  if (n > 0) {
    const r50 = Math.max(1, Math.ceil(0.5 * n)),
      r99 = Math.max(1, Math.ceil(0.99 * n));
    let seen = 0;
    const c = h.counts;
    for (let k = 0; k < HISTOGRAM_BINS; k++) {
      const d = c[k]! - prev[k]!;
      if (d === 0) continue;
      const before = seen;
      seen += d;
      if (before < r50 && seen >= r50) p50 = histogramBinValue(k);
      if (seen >= r99) {
        p99 = histogramBinValue(k);
        break;
      }
    }
    if (p50 > h.max) p50 = h.max;
    if (p99 > h.max) p99 = h.max;
  }
  prev.set(h.counts);
  prevCount[i] = h.count;
  return [p50, p99];
}
