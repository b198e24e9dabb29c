/** Practice problem: webhook delivery (at-least-once, retries, dead letters, a customer outage). */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/webhook-delivery.start.json';
import reference from '../../../scenarios/problems/webhook-delivery.reference.json';

export const webhookDelivery: Problem = {
  id: 'webhook-delivery',
  title: 'Webhook delivery',
  summary: 'POST every event to customers’ endpoints, at least once, through their outages.',
  brief: {
    context:
      'Your platform emits events (order.paid, invoice.failed …) that must reach each customer’s HTTPS endpoint. Internal services publish events to your Events API; you deliver them. Customers’ endpoints are slow, flaky and sometimes down for minutes, and they are not yours to fix.',
    functional: [
      'Accept an event from a producer and acknowledge it quickly.',
      'POST each event to the customer’s endpoint; retry failures with backoff.',
      'Deliver at least once: an event is delivered or parked for replay, never lost. Receivers deduplicate by event id.',
    ],
    nonFunctional: [
      'Producers are never slowed or failed by a customer’s outage: publish p99 < 100 ms, ≥ 99.9 % accepted.',
      'A 20-second customer outage loses nothing and nothing is dead-lettered; the backlog drains within the minute.',
      'Retries must not hammer a customer that is down.',
    ],
    numbers: [
      { label: 'Events', value: '200/s peak (17 M/day)' },
      { label: 'Publish latency SLO', value: 'p99 < 100 ms' },
      { label: 'Endpoint latency', value: 'p50 80 ms, p99 400 ms, 1 % errors' },
      { label: 'Durability', value: 'at least once; no event lost' },
      { label: 'Retention', value: 'events kept 3 days for replay; 2 KB each' },
    ],
  },
  given: [
    {
      id: 'producers',
      kind: 'client',
      params: { arrival: 'poisson', rateRps: 200, schedule: [] },
      role: 'the internal services publishing events',
    },
    {
      id: 'endpoint',
      kind: 'external',
      params: { latency: { type: 'lognormal', p50Ms: 80, p99Ms: 400 }, errorRate: 0.01, concurrency: null, dedupe: true },
      role: 'the customer’s endpoint: not yours to change',
    },
  ],
  storage: { bytesPerRecord: 2_000, retentionDays: 3 },
  budgetUsdPerMonth: 2_000,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: 'Steady 200 events/s; the endpoint answers in 80 ms typically and fails 1 % of calls.',
      durationS: 40,
      seed: 11,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'producers', metric: 'latencyP99Ms', op: '<', value: 100, text: 'publish p99 < 100 ms' },
        { target: 'producers', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of events accepted' },
        { target: 'endpoint', metric: 'throughputRps', op: '>=', value: 190, text: 'events delivered ≥ 190/s' },
      ],
    },
    {
      id: 'customer-outage',
      name: 'Customer outage',
      description:
        'The customer’s endpoint refuses every call for 20 s at t = 10 s. Publishing must not notice; every event must still arrive.',
      durationS: 60,
      seed: 21,
      replications: 2,
      failures: [{ target: 'endpoint', kind: 'down', atS: 10, durationS: 20, mode: 'failFast' }],
      requirements: [
        { target: 'producers', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of events accepted' },
        { target: 'producers', metric: 'latencyP99Ms', op: '<', value: 100, text: 'publish p99 < 100 ms' },
        { target: 'kind:queue', metric: 'dlq', op: '==', value: 0, text: 'no event dead-lettered' },
        { target: 'endpoint', metric: 'throughputRps', op: '>=', value: 190, text: 'every event delivered (≥ 190/s over the run)' },
      ],
    },
    {
      id: 'black-hole',
      name: 'Endpoint hangs',
      description:
        'The endpoint accepts connections but never answers for 15 s at t = 10 s. Calls must time out, and workers must not all hang.',
      durationS: 60,
      seed: 31,
      replications: 2,
      failures: [{ target: 'endpoint', kind: 'down', atS: 10, durationS: 15, mode: 'hang' }],
      requirements: [
        { target: 'producers', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of events accepted' },
        { target: 'producers', metric: 'latencyP99Ms', op: '<', value: 100, text: 'publish p99 < 100 ms' },
        { target: 'kind:queue', metric: 'dlq', op: '==', value: 0, text: 'no event dead-lettered' },
        { target: 'endpoint', metric: 'throughputRps', op: '>=', value: 190, text: 'every event delivered (≥ 190/s over the run)' },
      ],
    },
  ],
  hints: [
    'Delivery does not have to happen inside the producer’s request. What could the Events API do instead of calling the endpoint?',
    'Put a queue between accepting and delivering: the API enqueues and answers; delivery workers consume the queue and call the endpoint.',
    'A consumer that fails does not ack, so the message comes back after the visibility timeout. Size maxReceiveCount × visibility timeout to outlast an outage, or events go to the dead-letter queue.',
    'Workers are the delivery concurrency. After an outage the backlog (rate × outage) must drain: capacity ≈ workers / call time. A hanging endpoint holds a worker until the call’s timeout.',
    'Retry a few times with capped exponential backoff and full jitter; more than that only adds load on a customer who is down.',
  ],
  start,
  reference,
  tradeoffs:
    'Accepting into a queue decouples producers from customers: publishing stays fast through any outage, at the price of delivery latency during one and of at-least-once semantics (a timed-out call that did arrive is delivered again, so receivers must deduplicate by event id). Redelivery by visibility timeout, 10 receives × 20 s, outlasts a few minutes of outage before dead-lettering; the workers are sized for the catch-up rate, not the average.',
  v1Defers: [
    'Per-customer queues or fair scheduling, so one customer’s outage cannot fill the shared workers.',
    'A per-endpoint circuit breaker and adaptive concurrency.',
    'Replay tooling for the dead-letter queue and signed payloads (HMAC).',
  ],
  naiveFails: [
    {
      drill: 'customer-outage',
      requirement: '≥ 99.9 % of events accepted',
      finding: 'errors',
      why: 'the API calls the endpoint inside the producer’s request, so the customer’s outage fails the producers’ publishes',
    },
  ],
  envelope: [
    { label: 'Steady delivery concurrency', value: '≈ 20 calls in flight', how: '200/s × 0.1 s mean call time (Little’s law)' },
    { label: 'Backlog after a 20 s outage', value: '4,000 events', how: '200/s × 20 s' },
    { label: 'Catch-up within ~10 s', value: '≈ 60 more workers', how: '4,000 events / 10 s × 0.1 s, above the steady 20' },
    { label: 'Storage for replay', value: '≈ 104 GB', how: '200/s × 86,400 s × 3 days × 2 KB' },
  ],
};
