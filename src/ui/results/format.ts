/** Number formats for the results views. */
import { format } from 'd3';

const si = format('.3~s');

/** 1234 → "1.23k", 0.5 → "0.5", 0 → "0". */
export function formatCount(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (Math.abs(v) < 1000) return String(+v.toPrecision(3));
  return si(v).replace('G', 'B');
}

export { formatMs } from '../../lib/formatMs.ts';

/** The time axis' unit for a run of `durationS`: seconds up to 10 min, minutes up to 3 h, then hours. */
export function timeAxisUnit(durationS: number): { perUnitS: number; suffix: string } {
  if (durationS > 3 * 3600) return { perUnitS: 3600, suffix: 'h' };
  if (durationS > 600) return { perUnitS: 60, suffix: 'min' };
  return { perUnitS: 1, suffix: 's' };
}

/** Seconds, readable: 90 → "90 s", 600 → "10 min". */
export function formatSeconds(s: number): string {
  if (s >= 120 && s % 60 === 0) return `${s / 60} min`;
  return `${+s.toPrecision(4)} s`;
}

export const formatPercent = (x: number): string => (Number.isFinite(x) ? `${+(x * 100).toFixed(x >= 0.9995 && x < 1 ? 2 : 1)} %` : '–');
