/** The measured value of a graded check in words: "412 ms", "99.93 %", "196/s", "3". Shared by the CLI and the app. */
import { formatMs } from '../lib/formatMs.ts';

export function measureText(metric: string, x: number): string {
  if (!Number.isFinite(x)) return 'not measured';
  if (metric.startsWith('latency')) return formatMs(x);
  if (metric === 'successRatio' || metric === 'utilization') return `${(x * 100).toFixed(x >= 0.999 && x < 1 ? 3 : 2)} %`;
  if (metric === 'throughputRps') return `${x >= 100 ? Math.round(x) : x.toFixed(1)}/s`;
  return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(1);
}

/** The bound of a check in words: "< 100 ms", "≥ 99.9 %". */
export function boundText(metric: string, op: string, value: number): string {
  const sym = op === '<=' ? '≤' : op === '>=' ? '≥' : op === '==' ? '=' : op;
  if (metric === 'successRatio' || metric === 'utilization') return `${sym} ${+(value * 100).toPrecision(4)} %`;
  return `${sym} ${measureText(metric, value)}`;
}
