/**
 * The per-node series metric names, in the engine's order. The UI may not value-import the
 * engine, so the list is restated here; the type check keeps it in step with the engine's.
 */
import type { SeriesMetric } from '../../worker/protocol.ts';

export const SERIES_METRICS = [
  'arrivals',
  'completed',
  'errors',
  'rejected',
  'timeouts',
  'retries',
  'queueMean',
  'queueMax',
  'utilization',
  'p50',
  'p99',
  'sideEffects',
  'duplicates',
  'dlq',
] as const satisfies readonly SeriesMetric[];

// Fails to compile if the engine gains a metric this list lacks.
type Missing = Exclude<SeriesMetric, (typeof SERIES_METRICS)[number]>;
export const SERIES_METRICS_COMPLETE: [Missing] extends [never] ? true : never = true;
