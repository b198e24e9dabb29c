/** Colour band and number formats of the capacity overlay. */
import { formatInt } from '../../lib/formatNumber.ts';
export type LoadTone = 'none' | 'ok' | 'busy' | 'over';

/** ρ < 0.7 ok (green), 0.7 ≤ ρ < 1 busy (amber), ρ ≥ 1 over capacity (red). */
export function loadTone(utilization: number | null): LoadTone {
  if (utilization === null || !Number.isFinite(utilization)) return utilization === null ? 'none' : 'over';
  if (utilization >= 1) return 'over';
  if (utilization >= 0.7) return 'busy';
  return 'ok';
}

/** 2000 → "2,000/s", 0.25 → "0.25/s", 12345678 → "12.3M/s". */
export function formatRate(rps: number): string {
  if (rps >= 1e6) return `${+(rps / 1e6).toFixed(1)}M/s`;
  if (rps >= 100) return `${formatInt(rps)}/s`;
  return `${+rps.toPrecision(3)}/s`;
}

export function formatRho(rho: number): string {
  if (!Number.isFinite(rho)) return '∞';
  return rho >= 10 ? rho.toFixed(0) : rho.toFixed(2);
}
