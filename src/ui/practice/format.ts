/** Small text helpers of the practice panel. */
export { usdText as usd } from '../../practice/cost.ts';
export { boundText, measureText } from '../../practice/measureText.ts';

/** "1,234/s", "12.5/s". */
export function rate(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return `${x >= 100 ? Math.round(x).toLocaleString('en-US') : +x.toPrecision(3)}/s`;
}
