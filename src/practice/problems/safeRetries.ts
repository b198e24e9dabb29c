/** Practice problem: safe retries across several services (no amplification, no duplicates). */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/safe-retries.start.json';
import reference from '../../../scenarios/problems/safe-retries.reference.json';

export const safeRetries: Problem = {
  id: 'safe-retries',
  title: 'Safe retries across several services',
  summary: 'Three services deep: retries that ride out a slowdown without a retry storm or double reservations.',
  brief: {
    context:
      'Placing an order goes shoppers → Orders API → Cart service → Inventory service, which reserves stock (a side effect) and is owned by another team. Each team added retries “to be safe”. Inventory has 16 workers at 20 ms per reservation (800/s) and sometimes slows down.',
    functional: ['Place an order: one stock reservation per order.', 'Ride out short slowdowns of Inventory with retries.'],
    nonFunctional: [
      'No stock reserved twice for one order.',
      '≥ 97 % of orders succeed through a 6 s Inventory slowdown, and the system recovers when it ends.',
      'Inventory never sees more than about 1.5× the order rate.',
    ],
    numbers: [
      { label: 'Orders', value: '200/s' },
      { label: 'Inventory capacity', value: '16 workers / 20 ms = 800/s (160/s when 5× slower)' },
      { label: 'Latency SLO', value: 'p99 < 3.5 s including retries' },
      { label: 'Correctness', value: 'exactly one reservation per order' },
      { label: 'Retention', value: 'idempotency keys 1 h' },
    ],
  },
  given: [
    { id: 'clients', kind: 'client', params: { arrival: 'poisson', rateRps: 200, schedule: [] }, role: 'the shoppers' },
    {
      id: 'inventory',
      kind: 'service',
      params: {
        workers: 16,
        queueCapacity: null,
        serviceTime: { type: 'exponential', meanMs: 20 },
        errorRate: 0,
        sideEffect: true,
        idempotency: { enabled: false, retentionS: 86_400, atomic: true },
      },
      role: 'the Inventory service, another team’s (no idempotency store)',
    },
  ],
  storage: { bytesPerRecord: 500, retentionDays: 30 },
  budgetUsdPerMonth: 1_000,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '200 orders/s, Inventory 25 % busy.',
      durationS: 20,
      seed: 41,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'clients', metric: 'successRatio', op: '>=', value: 0.999, text: '≥ 99.9 % of orders succeed' },
        { target: 'inventory', metric: 'duplicates', op: '==', value: 0, text: 'no stock reserved twice' },
        { target: 'inventory', metric: 'throughputRps', op: '<=', value: 300, text: 'inventory work ≤ 1.5 × orders (300/s)' },
      ],
    },
    {
      id: 'inventory-slowdown',
      name: 'Inventory slowdown',
      description:
        'Inventory runs 5× slower for 6 s at t = 5 s (capacity 160/s for 200 orders/s). Retries must not turn it into a storm that outlives the slowdown.',
      durationS: 45,
      seed: 51,
      replications: 2,
      failures: [{ target: 'inventory', kind: 'slowdown', atS: 5, durationS: 6, factor: 5 }],
      requirements: [
        { target: 'clients', metric: 'successRatio', op: '>=', value: 0.97, text: '≥ 97 % of orders succeed' },
        { target: 'inventory', metric: 'duplicates', op: '==', value: 0, text: 'no stock reserved twice' },
        { target: 'inventory', metric: 'throughputRps', op: '<=', value: 300, text: 'inventory work ≤ 1.5 × orders (300/s)' },
        { target: 'clients', metric: 'latencyP99Ms', op: '<', value: 3500, text: 'p99 < 3.5 s' },
      ],
    },
  ],
  hints: [
    'Count the attempts: three layers that each try three times send up to 27 attempts to Inventory for one order.',
    'Retry at one layer only (the outermost), with exponential backoff, full jitter and a retry budget so retries stay a small share of traffic.',
    'Timeouts must shrink going down the chain: a caller that gives up before its callee leaves the callee working for nobody.',
    'A retry of an order whose first attempt is still running must not reserve again: have the Cart service claim the order’s idempotency key, and do not retry Inventory after a timeout.',
  ],
  start,
  reference,
  tradeoffs:
    'One retry layer (shoppers → Orders) with full jitter and a 10 % budget bounds Inventory’s load at about 1.1× the order rate even when everything fails; inner calls do not retry. Timeouts nest (3 s → 2.5 s → 2 s) and are long enough for Inventory’s backlog to drain, so no layer abandons a reservation its callee is still making (an abandoned one would be retried and reserved twice). The Cart service’s atomic idempotency store turns a retry that overlaps a running attempt into a 409 instead of a second reservation. The cost: during a slowdown orders wait up to seconds instead of failing fast.',
  v1Defers: [
    'Deadline propagation (each hop knows the time left).',
    'Adaptive concurrency limits in front of Inventory.',
    'Hedging for reads.',
  ],
  naiveFails: [
    {
      drill: 'inventory-slowdown',
      requirement: '≥ 97 % of orders succeed',
      finding: 'retryAmplification',
      why: 'three layers × three attempts multiply Inventory’s load during the slowdown, so its queue never drains and orders keep timing out',
    },
    {
      drill: 'inventory-slowdown',
      requirement: 'no stock reserved twice',
      finding: 'duplicateSideEffects',
      why: 'retries after timeouts re-send reservations that Inventory was still working on',
    },
  ],
  envelope: [
    { label: 'Worst-case attempts per order', value: '27 (naive) vs ≈ 1.1 (one layer, 10 % budget)', how: '3 × 3 × 3; budget: 1 + 10 %' },
    { label: 'Inventory during the slowdown', value: '160/s capacity for 200/s', how: '16 workers / 100 ms' },
    {
      label: 'Backlog after 6 s',
      value: '≈ 240 reservations (≈ 1.5 s of waiting), ≈ 0.4 s to drain',
      how: '(200 − 160)/s × 6 s; drained at (800 − 200)/s',
    },
  ],
};
