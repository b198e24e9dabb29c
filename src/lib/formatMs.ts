/**
 * Milliseconds as people read them, to 3 significant digits: 0.42 → "0.42 ms", 7.049 → "7.05 ms",
 * 104.2 → "104 ms", 1250 → "1.25 s". The one ms format of the engine's trace text, the CLI and the app.
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (Math.abs(ms) >= 1000) return `${+(ms / 1000).toPrecision(3)} s`;
  return `${+ms.toPrecision(3)} ms`;
}
