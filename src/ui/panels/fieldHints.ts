/**
 * One-line explanations shown under some fields. They explain meaning (what 0 or null means),
 * never ranges: ranges come from the schema.
 */
export const FIELD_HINTS: Record<string, string> = {
  timeoutMs: '0 = wait forever',
  maxAttempts: 'Counts the first attempt: 1 = no retries',
  callProbability: 'Chance this call is made per request (0–1)',
  weight: 'Share of traffic when the caller is a load balancer',
  latencyMs: 'Network round trip added to each call',
  reuseIdempotencyKey: 'Retries carry the first attempt’s idempotency key',
  async: 'Fire and forget: the caller does not wait',
  maxReceiveCount: '0 = never dead-letter',
  ttlS: '0 = entries never expire',
  retryAfterMs: '0 = the time until the next token',
  errorRate: 'Probability a request fails (0–1)',
  hitRatio: 'Fraction of requests answered by the cache (0–1)',
  writeFraction: 'Fraction of requests that are writes (0–1)',
  uniqueKey: 'A repeated idempotency key fails instead of writing twice',
  sideEffect: 'Its own work changes the world (e-mail, charge…)',
  coalesce: 'Concurrent misses on one key wait for a single fill',
  dedupe: 'The receiver ignores repeated event ids',
  atomic: 'Off = check at start, record at end (the classic race)',
  jitterMs: 'Each job of a batch starts U(0, jitter) after the tick',
  calls: 'Downstream calls one after another, or all at once',
  bucketS: '0 = pick one giving ≤ 300 buckets',
  warmupS: 'Metrics before this are discarded',
};
