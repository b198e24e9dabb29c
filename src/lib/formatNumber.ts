/**
 * en-US number formatting with Intl.NumberFormat instances built once. `toLocaleString` builds a
 * formatter on every call (tens of µs), and card summaries and load labels format on every render
 * of every card, so a 50-node design re-rendering during a run spent a tenth of the main thread
 * here. Output is exactly toLocaleString's.
 */
const GROUPED = new Intl.NumberFormat('en-US');
const UP_TO_2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const SIG_3 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** 12,345 (rounded to an integer, thousands grouped). */
export const formatInt = (n: number): string => GROUPED.format(Math.round(n));
/** 1,234.57 (at most two decimals). */
export const formatUpTo2 = (n: number): string => UP_TO_2.format(n);
/** 1,230 / 0.0123 (three significant digits). */
export const formatSig3 = (n: number): string => SIG_3.format(n);
