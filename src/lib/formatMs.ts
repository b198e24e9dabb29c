/** Milliseconds as people read them: 0.42 → "0.4 ms", 42 → "42 ms", 12_500 → "12.5 s". */
export function formatMs(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 10 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`;
}
