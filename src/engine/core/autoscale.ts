/**
 * An autoscaling group compiled per node (services): what the Autoscaler (engine/Autoscaler.ts)
 * needs, in milliseconds. A leaf module: a kind calls `autoscaleSet` from its compile step.
 * Nodes without a group keep `null` and cost nothing at run time.
 */
export interface AutoscalePlan {
  /** Workers per instance. */
  perInstance: number;
  min: number;
  max: number;
  /** 0 utilization, 1 queue per instance. */
  metric: number;
  target: number;
  evalMs: number;
  /** Decision → serving: scale-out lag + cold start. */
  readyMs: number;
  slowMs: number;
  slowFactor: number;
  cooldownMs: number;
}

export interface AutoscaleArrays {
  /** Per node: its autoscaling group, or null. */
  autoscale: (AutoscalePlan | null)[];
  workers: Float64Array;
}

interface AutoscaleParams {
  enabled: boolean;
  minInstances: number;
  maxInstances: number;
  metric: 'utilization' | 'queuePerInstance';
  targetUtilization: number;
  targetQueuePerInstance: number;
  evaluationS: number;
  scaleOutLagS: number;
  coldStartS: number;
  slowStartS: number;
  slowStartFactor: number;
  scaleInCooldownS: number;
}

/** Compile node i's group: its configured workers become maxInstances × workers (the utilization denominator). */
export function autoscaleSet(c: AutoscaleArrays, i: number, p: AutoscaleParams, workersPerInstance: number): void {
  if (!p.enabled) return;
  c.workers[i] = workersPerInstance * p.maxInstances;
  c.autoscale[i] = {
    perInstance: workersPerInstance,
    min: p.minInstances,
    max: p.maxInstances,
    metric: p.metric === 'utilization' ? 0 : 1,
    target: p.metric === 'utilization' ? p.targetUtilization : p.targetQueuePerInstance,
    evalMs: p.evaluationS * 1000,
    readyMs: (p.scaleOutLagS + p.coldStartS) * 1000,
    slowMs: p.slowStartS * 1000,
    slowFactor: p.slowStartFactor,
    cooldownMs: p.scaleInCooldownS * 1000,
  };
}
