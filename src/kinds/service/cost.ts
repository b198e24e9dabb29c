/**
 * Service cost model: $0.01 per worker-hour (a worker is one request served at a time: a 4-vCPU
 * instance at $0.16/hour runs about 16), plus its idempotency store when enabled: one 200-byte entry
 * per arriving attempt kept for `retentionS`, in memory at $0.25 per GB-month.
 */
import type { KindCost } from '../types.ts';
import { costPerGb, costPerHour } from '../costUnits.ts';
import type { ServiceParams } from './params.ts';

export const SERVICE_USD_PER_WORKER_HOUR = 0.01;
export const IDEMPOTENCY_ENTRY_BYTES = 200;
export const IDEMPOTENCY_USD_PER_GB_MONTH = 0.25;

export const serviceCost: KindCost<ServiceParams> = (p, u) => {
  const lines = [costPerHour('workers', p.workers, SERVICE_USD_PER_WORKER_HOUR)];
  if (p.idempotency.enabled)
    lines.push(
      costPerGb('idempotency keys', u.arrivalRps * p.idempotency.retentionS * IDEMPOTENCY_ENTRY_BYTES, IDEMPOTENCY_USD_PER_GB_MONTH),
    );
  return lines;
};
