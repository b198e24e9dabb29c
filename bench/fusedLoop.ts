/**
 * A ceiling for the M/M/1 target: bench/bareLoop.ts plus the statistics the engine keeps for
 * the same run, written out inline in one function, with no model logic at all.
 *
 * The bare loop computes a mean response time only. For scenarios/mm1.json the engine also
 * keeps, per event, what its report shows: the source's and the server's request counters (run
 * totals and the time-series bucket), the time integrals of queue length, busy workers and
 * attempts in the system (touched at every change, as Metrics.touch does), the peak, the waits
 * (sum, count, histogram, max), and two latency histograms with their maxima (the server's and
 * the end-to-end one). This loop does all of that and nothing else: no request or job records,
 * no event payloads, no dispatch on component kinds, no failure, resilience or tracing checks.
 * So no general engine that reports the same numbers can be faster than it, and its ratio to
 * the bare loop bounds what the "≥ 50 % of the bare loop" target can ask of one.
 *
 * The heap is the bare loop's, copied rather than shared so that the reference loop's code
 * stays exactly as it was measured in every earlier note.
 */
import { Rng } from '../src/engine/core/rng.ts';
import { Histogram, histogramIndex, HISTOGRAM_BINS } from '../src/engine/stats/histogram.ts';

export function fusedLoopMM1(
  events: number,
  lambdaPerMs: number,
  muPerMs: number,
  seed = 1,
): { events: number; ms: number; meanResponse: number } {
  const cap = 1 << 12;
  const time = new Float64Array(cap);
  const kind = new Uint8Array(cap);
  let size = 0;
  const push = (t: number, k: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (time[p]! <= t) break;
      time[i] = time[p]!;
      kind[i] = kind[p]!;
      i = p;
    }
    time[i] = t;
    kind[i] = k;
  };
  const pop = (): number => {
    const k = kind[0]!;
    const n = --size;
    const t = time[n]!,
      kk = kind[n]!;
    let i = 0;
    while (2 * i + 1 < n) {
      let l = 2 * i + 1;
      if (l + 1 < n && time[l + 1]! < time[l]!) l++;
      if (t <= time[l]!) break;
      time[i] = time[l]!;
      kind[i] = kind[l]!;
      i = l;
    }
    time[i] = t;
    kind[i] = kk;
    return k;
  };
  const rng = new Rng(seed);
  // Node 0 is the source, node 1 the server; per-node arrays as in Metrics, one bucket in use.
  const N = 2,
    B = 300,
    s = 1,
    bucket = 0;
  const arrivals = new Float64Array(N),
    sArrivals = new Float64Array(N * B),
    completed = new Float64Array(N),
    sCompleted = new Float64Array(N * B);
  const lastT = new Float64Array(N),
    qLen = new Float64Array(N),
    busy = new Float64Array(N),
    inSys = new Float64Array(N);
  const qArea = new Float64Array(N),
    busyArea = new Float64Array(N),
    sysArea = new Float64Array(N),
    sysPeak = new Float64Array(N),
    qMax = new Float64Array(N);
  const latMax = new Float64Array(N),
    waitSum = new Float64Array(N),
    waitCount = new Float64Array(N),
    waitMax = new Float64Array(N),
    waitBins = new Float64Array(HISTOGRAM_BINS);
  const srcRequests = new Float64Array(1),
    sSrcRequests = new Float64Array(B),
    srcOk = new Float64Array(1),
    sSrcOk = new Float64Array(B),
    srcLatMax = new Float64Array(1);
  const hist = new Histogram(),
    srcHist = new Histogram();
  const touch = (i: number, now: number) => {
    const dt = now - lastT[i]!;
    if (dt > 0) {
      qArea[i]! += qLen[i]! * dt;
      busyArea[i]! += busy[i]! * dt;
      const x = inSys[i]!;
      sysArea[i]! += x * dt;
      if (x > sysPeak[i]!) sysPeak[i] = x;
      lastT[i] = now;
    }
  };
  // Arrival times of the requests in the system, oldest first (FIFO service).
  const fifo = new Float64Array(1 << 16);
  let head = 0,
    tail = 0;
  push(rng.exp(1 / lambdaPerMs), 0);
  const t0 = performance.now();
  for (let ev = 0; ev < events; ev++) {
    const now = time[0]!;
    const k = pop();
    if (k === 0) {
      push(now + rng.exp(1 / lambdaPerMs), 0);
      srcRequests[0]!++;
      sSrcRequests[bucket]!++;
      arrivals[s]!++;
      sArrivals[s * B + bucket]!++;
      touch(s, now);
      inSys[s]!++;
      fifo[tail++ & 0xffff] = now;
      if (busy[s]! < 1 && qLen[s] === 0) {
        busy[s]!++;
        waitCount[s]!++;
        push(now + rng.exp(1 / muPerMs), 1);
      } else if (++qLen[s]! > qMax[s]!) qMax[s] = qLen[s]!;
    } else {
      const lat = now - fifo[head++ & 0xffff]!;
      touch(s, now);
      busy[s]!--;
      if (qLen[s]! > 0) {
        qLen[s]!--;
        busy[s]!++;
        const w = now - fifo[head & 0xffff]!;
        waitSum[s]! += w;
        waitCount[s]!++;
        if (w > 0) {
          waitBins[histogramIndex(w)]!++;
          if (w > waitMax[s]!) waitMax[s] = w;
        }
        push(now + rng.exp(1 / muPerMs), 1);
      }
      sCompleted[s * B + bucket]!++;
      hist.add(lat);
      completed[s]!++;
      if (lat > latMax[s]!) latMax[s] = lat;
      touch(s, now);
      inSys[s]!--;
      sSrcOk[bucket]!++;
      srcHist.add(lat);
      srcOk[0]!++;
      if (lat > srcLatMax[0]!) srcLatMax[0] = lat;
    }
  }
  return { events, ms: performance.now() - t0, meanResponse: srcHist.mean() };
}
