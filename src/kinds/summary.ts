/** Text helpers for kind card summaries. */
import type { Distribution } from '../model/params.ts';
import { formatUpTo2 } from '../lib/formatNumber.ts';

export const num = (n: number) => (Math.abs(n) >= 10_000 ? `${+(n / 1000).toFixed(1)}k` : formatUpTo2(n));

/** "20 ms exp", "p50 80 / p99 400 ms". */
export function distributionSummary(d: Distribution): string {
  switch (d.type) {
    case 'constant':
      return `${num(d.ms)} ms const`;
    case 'exponential':
      return `${num(d.meanMs)} ms exp`;
    case 'uniform':
      return `${num(d.minMs)}–${num(d.maxMs)} ms`;
    case 'lognormal':
      return `p50 ${num(d.p50Ms)} / p99 ${num(d.p99Ms)} ms`;
  }
}
