/** Practice problem: idempotent payment requests (retries must never charge a card twice). */
import type { Problem } from '../types.ts';
import start from '../../../scenarios/problems/idempotent-payments.start.json';
import reference from '../../../scenarios/problems/idempotent-payments.reference.json';

export const idempotentPayments: Problem = {
  id: 'idempotent-payments',
  title: 'Idempotent payment requests',
  summary: 'Checkout retries when the processor is slow; no card may be charged, or recorded, twice.',
  brief: {
    context:
      'Checkout calls your Payments API, which charges the card through a card processor and records the payment in your database. Networks time out, so checkout retries. The processor honours an idempotency key (as Stripe’s API does): a repeated key is answered without charging again.',
    functional: [
      'Charge a card once per checkout and record the payment once.',
      'A retry of a payment that already went through gets the original answer.',
      'A retry of a payment still in progress must not start a second charge.',
    ],
    nonFunctional: [
      'No duplicate charge, no duplicate ledger row, under a processor slowdown.',
      'Checkout: ≥ 99 % of payments succeed, p99 < 6 s including retries.',
      'Payment records are durable: a year in the database, then archived for 7 years.',
    ],
    numbers: [
      { label: 'Payments', value: '50/s peak (4.3 M/day)' },
      { label: 'Processor latency', value: 'p50 300 ms, p99 1.2 s, 0.5 % errors' },
      { label: 'Latency SLO', value: 'checkout p99 < 6 s (with retries)' },
      { label: 'Durability', value: 'exactly one charge and one row per checkout' },
      { label: 'Retention', value: 'payment rows 1 year online (7 archived), 1 KB each; idempotency keys 24 h' },
    ],
  },
  given: [
    { id: 'checkout', kind: 'client', params: { arrival: 'poisson', rateRps: 50, schedule: [] }, role: 'the checkout pages' },
    {
      id: 'processor',
      kind: 'external',
      params: { latency: { type: 'lognormal', p50Ms: 300, p99Ms: 1200 }, errorRate: 0.005, concurrency: null, dedupe: true },
      role: 'the card processor: it deduplicates by idempotency key',
    },
  ],
  storage: { bytesPerRecord: 1_000, retentionDays: 365 },
  budgetUsdPerMonth: 1_200,
  drills: [
    {
      id: 'normal-day',
      name: 'Normal day',
      description: '50 payments/s; the processor answers in 300 ms typically and fails 0.5 % of calls.',
      durationS: 40,
      seed: 13,
      replications: 1,
      failures: [],
      requirements: [
        { target: 'processor', metric: 'duplicates', op: '==', value: 0, text: 'no card charged twice' },
        { target: 'kind:database', metric: 'duplicates', op: '==', value: 0, text: 'no payment recorded twice' },
        { target: 'checkout', metric: 'successRatio', op: '>=', value: 0.99, text: '≥ 99 % of checkouts succeed' },
      ],
    },
    {
      id: 'slow-processor',
      name: 'Slow processor',
      description:
        'The processor runs 4× slower for 20 s at t = 10 s: many charges outlast checkout’s timeout and are retried while the first attempt is still charging.',
      durationS: 50,
      seed: 23,
      replications: 2,
      failures: [{ target: 'processor', kind: 'slowdown', atS: 10, durationS: 20, factor: 4 }],
      requirements: [
        { target: 'processor', metric: 'duplicates', op: '==', value: 0, text: 'no card charged twice' },
        { target: 'kind:database', metric: 'duplicates', op: '==', value: 0, text: 'no payment recorded twice' },
        { target: 'checkout', metric: 'successRatio', op: '>=', value: 0.99, text: '≥ 99 % of checkouts succeed' },
        { target: 'checkout', metric: 'latencyP99Ms', op: '<', value: 6000, text: 'checkout p99 < 6 s' },
      ],
    },
  ],
  hints: [
    'When checkout retries, how can anyone downstream tell it is the same payment?',
    'Create the idempotency key once per checkout and send it on every retry (reuseIdempotencyKey on the checkout call).',
    'The Payments API must recognise the key too: an idempotency store that claims the key atomically, so an overlapping retry gets 409 instead of a second run.',
    'Give the ledger a unique constraint on the key as the last line of defence, and let checkout’s timeout be longer than the Payments API’s own calls.',
  ],
  start,
  reference,
  tradeoffs:
    'The key is minted by checkout and carried end to end: the Payments API claims it atomically (a retry of a finished payment replays the answer, one still running gets 409 and retries later), the processor deduplicates by it, and the ledger’s unique key catches anything else. The Payments API does not retry the processor itself: retries happen at one layer, checkout, and carry the same key, so a charge whose answer was lost is answered from the processor’s dedupe. The price is a store of keys for 24 h and slower answers during a processor slowdown instead of fast failures.',
  v1Defers: [
    'A reconciliation job that settles payments whose processor outcome stayed unknown.',
    'Storing the full response with the key (so a replay returns the same body and status).',
    'Multi-region key stores.',
  ],
  naiveFails: [
    {
      drill: 'slow-processor',
      requirement: 'no card charged twice',
      finding: 'duplicateSideEffects',
      why: 'checkout retries with a new key each time, so neither the Payments API nor the processor can tell a retry from a new payment',
    },
  ],
  envelope: [
    { label: 'Charges in flight', value: '≈ 20 (≈ 80 during the slowdown)', how: '50/s × 0.4 s mean processor time (Little’s law)' },
    { label: 'Idempotency keys kept', value: '4.3 M (≈ 0.9 GB at 200 B)', how: '50/s × 86,400 s' },
    { label: 'Ledger growth', value: '≈ 1.6 TB/year', how: '50/s × 31.5 M s × 1 KB' },
  ],
};
