/**
 * Autoscaling groups: services run as min…max identical instances of `perInstance` workers,
 * sized by target tracking (Kubernetes HPA / AWS target tracking). Every evalMs:
 *   utilization       desired = ⌈busy workers (mean over the interval) / (perInstance × target)⌉,
 *                     so an instance still starting counts as idle (the HPA's conservative rule
 *                     for not-ready pods when scaling up)
 *   queuePerInstance  desired = ⌈waiting now / target⌉
 * clamped to [min, max]. Above the planned size (serving + starting) it starts the difference:
 * each serves readyMs (scale-out lag + cold start) after the decision, then is slowFactor
 * slower for slowMs. Below, after cooldownMs since the last scaling, it cancels starting
 * instances first, then stops serving ones (their work in progress finishes: a drain).
 *
 * The group acts through the core's effWorkers (serving × perInstance, capped by a capacity
 * failure) and slow (× 1 + (slowFactor − 1)·slowInstances/serving: a job lands on a slow
 * instance with that share). Evaluations are events (EV_SCALE); the per-event path of every
 * other node is untouched.
 *
 *   EV_SCALE  a = group, b = SC_EVALUATE | SC_READY | SC_WARM
 */
import type { Simulation } from './Simulation.ts';
import type { AutoscalePlan } from './core/autoscale.ts';
import { EV_SCALE } from './codes.ts';
import type { AutoscaleResult } from './types.ts';

const SC_EVALUATE = 0,
  SC_READY = 1,
  SC_WARM = 2;

/** A group's totals, as the result reports them (types.ts). */
export type GroupStats = AutoscaleResult;

export class Autoscaler {
  readonly nodes: Int32Array;
  private readonly plans: AutoscalePlan[];
  readonly serving: Int32Array;
  private readonly pending: Int32Array;
  private readonly cancelled: Int32Array;
  private readonly slowCount: Int32Array;
  private readonly lastScale: Float64Array;
  private readonly lastEval: Float64Array;
  /** The node's busy-worker integral (Metrics.busyArea, from the run's start) at the last evaluation. */
  private readonly areaSeen: Float64Array;
  /** Serving instances at each bucket's end, per group. */
  readonly series: Float64Array[];
  readonly stats: GroupStats[];

  constructor(
    private readonly sim: Simulation,
    buckets: number,
  ) {
    const m = sim.model;
    const nodes: number[] = [];
    for (let i = 0; i < m.n; i++) if (m.autoscale[i]) nodes.push(i);
    this.nodes = Int32Array.from(nodes);
    this.plans = nodes.map((i) => m.autoscale[i]!);
    const g = nodes.length;
    this.serving = new Int32Array(g);
    this.pending = new Int32Array(g);
    this.cancelled = new Int32Array(g);
    this.slowCount = new Int32Array(g);
    this.lastScale = new Float64Array(g).fill(-Infinity);
    this.lastEval = new Float64Array(g);
    this.areaSeen = new Float64Array(g);
    this.series = nodes.map(() => new Float64Array(buckets));
    this.stats = nodes.map(() => ({
      instancesFinal: 0,
      instancesMax: 0,
      scaleOuts: 0,
      scaleIns: 0,
      lagS: 0,
      lagFromS: -1,
      lagToS: -1,
      shortfallMax: 0,
    }));
  }

  /** The groups start at their minimum; the first evaluation is one interval in. */
  start(): void {
    for (let k = 0; k < this.nodes.length; k++) {
      const p = this.plans[k]!;
      this.serving[k] = p.min;
      this.stats[k]!.instancesMax = p.min;
      this.apply(k);
      this.sim.eq.push(p.evalMs, EV_SCALE, k, SC_EVALUATE, 0);
    }
  }

  event(k: number, what: number): void {
    const p = this.plans[k]!;
    if (what === SC_EVALUATE) {
      this.evaluate(k, p);
      this.sim.eq.push(this.sim.now + p.evalMs, EV_SCALE, k, SC_EVALUATE, 0);
    } else if (what === SC_READY) {
      if (this.cancelled[k]! > 0) {
        this.cancelled[k]!--;
        return;
      }
      this.pending[k]!--;
      this.serving[k]!++;
      const st = this.stats[k]!;
      if (this.serving[k]! > st.instancesMax) st.instancesMax = this.serving[k]!;
      if (p.slowMs > 0 && p.slowFactor > 1) {
        this.slowCount[k]!++;
        this.sim.eq.push(this.sim.now + p.slowMs, EV_SCALE, k, SC_WARM, 0);
      }
      this.apply(k);
    } else if (this.slowCount[k]! > 0) {
      this.slowCount[k]!--;
      this.apply(k);
    }
  }

  private evaluate(k: number, p: AutoscalePlan): void {
    const sim = this.sim,
      M = sim.metrics,
      i = this.nodes[k]!,
      now = sim.now;
    M.touch(i, now);
    let desired: number;
    if (p.metric === 0) {
      const area = M.busyArea[i]! - this.areaSeen[k]!;
      this.areaSeen[k] = M.busyArea[i]!;
      const busy = area / Math.max(now - this.lastEval[k]!, 1e-9);
      // The small slack keeps a float sum such as 2.4000000001 from asking for one more instance.
      desired = Math.ceil(busy / (p.perInstance * p.target) - 1e-9);
    } else desired = Math.ceil(M.qLen[i]! / p.target - 1e-9);
    this.lastEval[k] = now;
    desired = Math.min(p.max, Math.max(p.min, desired));
    const st = this.stats[k]!;
    const short = desired - this.serving[k]!;
    if (short > 0) {
      if (st.lagFromS < 0) st.lagFromS = now / 1000;
      st.lagToS = now / 1000;
      st.lagS += p.evalMs / 1000;
      if (short > st.shortfallMax) st.shortfallMax = short;
    }
    const planned = this.serving[k]! + this.pending[k]!;
    if (desired > planned) {
      for (let n = planned; n < desired; n++) sim.eq.push(now + p.readyMs, EV_SCALE, k, SC_READY, 0);
      this.pending[k]! += desired - planned;
      this.lastScale[k] = now;
      st.scaleOuts++;
    } else if (desired < planned && now - this.lastScale[k]! >= p.cooldownMs) {
      let remove = planned - desired;
      const cancel = Math.min(remove, this.pending[k]!);
      this.pending[k]! -= cancel;
      this.cancelled[k]! += cancel;
      remove -= cancel;
      this.serving[k]! -= remove;
      if (this.slowCount[k]! > this.serving[k]!) this.slowCount[k] = this.serving[k]!;
      this.lastScale[k] = now;
      st.scaleIns++;
      this.apply(k);
    }
  }

  /** Serving size and slow share → the core's workers and service-time factor. */
  private apply(k: number): void {
    const p = this.plans[k]!,
      i = this.nodes[k]!,
      s = this.serving[k]!;
    this.sim.groupSlow[i] = s > 0 ? 1 + ((p.slowFactor - 1) * this.slowCount[k]!) / s : 1;
    this.sim.workersSet(i, s * p.perInstance);
  }

  /** Bucket b closes: note each group's serving size. */
  bucketClosing(b: number): void {
    for (let k = 0; k < this.nodes.length; k++) this.series[k]![b] = this.serving[k]!;
  }

  finish(): void {
    for (let k = 0; k < this.nodes.length; k++) this.stats[k]!.instancesFinal = this.serving[k]!;
  }
}
