/**
 * Units shared by the kinds' cost models (src/kinds/<kind>/cost.ts). A month is 730 hours, the
 * cloud providers' convention. Prices are US$ list prices of the usual managed services, rounded;
 * they are defaults for comparing designs, not a quote.
 */
import type { CostLine } from './types.ts';
import { formatInt, formatSig3 } from '../lib/formatNumber.ts';

export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
const GB = 1e9;

/** Instances (or workers, connections) running all month at `usdPerHour` each. */
export function costPerHour(what: string, count: number, usdPerHour: number): CostLine {
  return { what: `${what}: ${fmt(count)} × $${usdPerHour}/h`, usdPerMonth: count * usdPerHour * HOURS_PER_MONTH };
}

/** `rps` requests per second all month at `usdPerMillion` per million. */
export function costPerMillion(what: string, rps: number, usdPerMillion: number): CostLine {
  const millions = (rps * SECONDS_PER_MONTH) / 1e6;
  return { what: `${what}: ${fmt(millions)} M/month × $${usdPerMillion}/M`, usdPerMonth: millions * usdPerMillion };
}

/** `bytes` kept all month at `usdPerGbMonth` per GB. */
export function costPerGb(what: string, bytes: number, usdPerGbMonth: number): CostLine {
  const gb = bytes / GB;
  return { what: `${what}: ${fmt(gb)} GB × $${usdPerGbMonth}/GB-month`, usdPerMonth: gb * usdPerGbMonth };
}

function fmt(n: number): string {
  if (n >= 100) return formatInt(n);
  return formatSig3(n);
}
