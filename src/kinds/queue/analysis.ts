/** The static analysis' view of a queue: producers are acked on enqueue; its consumers pull at their own pace. */
import type { KindAnalysis } from '../types.ts';
import type { QueueParams } from './params.ts';

export const queueAnalysis: KindAnalysis<QueueParams> = {
  consumers: true,
  shares(_p, edges, consumerRps) {
    // Consumers pull: each takes work in proportion to how fast it can drain it.
    const caps = edges.map(consumerRps);
    const infinite = caps.filter((c) => c === Infinity).length;
    if (infinite > 0) return caps.map((c) => (c === Infinity ? 1 / infinite : 0));
    const total = caps.reduce((acc, c) => acc + c, 0);
    return caps.map((c) => (total > 0 ? c / total : 0));
  },
  load(_p, x) {
    const caps = x.consumerRps;
    const base = { arrivalRps: x.lambda, capacityRps: null, utilization: null, workers: 0 };
    if (caps.length === 0) return { ...base, note: 'No consumer: messages pile up.' };
    const total = caps.reduce((a, c) => a + c, 0);
    if (!Number.isFinite(total)) return { ...base, note: 'A consumer has zero service time: drain capacity is unlimited.' };
    return {
      arrivalRps: x.lambda,
      capacityRps: total,
      utilization: total > 0 ? x.lambda / total : null,
      workers: 0,
      note: `Capacity is how fast its ${caps.length} consumer${caps.length > 1 ? 's' : ''} drain it; the backlog grows when utilization ≥ 1. Redeliveries are not counted.`,
    };
  },
  // Producers are acked on enqueue: nothing downstream is in their response.
  response: (p) => ({ ownMs: p.enqueueMs, downstreamFactor: 0 }),
  // The enqueue (when it takes time) and the delivery to a consumer.
  eventsPerVisit: (p) => (p.enqueueMs > 0 ? 1 : 0) + 1,
};
