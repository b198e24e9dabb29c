/** The text of a call's label: one short line per fact, so it stays narrower than the gap between two cards. */
import type { DocEdge } from '../../../model/index.ts';
import { formatRate } from '../loadTone.ts';

/**
 * [rate, policy, the user's label], empty lines left out. `rps`: the expected rate from the
 * traffic equations; `simLabel`: the simulated rate of the run on show, which replaces it.
 *
 * @example
 * edgeLabelLines(edge, 1000, null) // → ['1,000/s', '≤3 tries', 'POST /hooks']
 */
export function edgeLabelLines(e: DocEdge, rps: number | undefined, simLabel: string | null): string[] {
  const policy = [e.params.retry.maxAttempts > 1 ? `≤${e.params.retry.maxAttempts} tries` : null, e.params.async ? 'async' : null]
    .filter(Boolean)
    .join(' · ');
  return [simLabel ? `sim ${simLabel}` : rps !== undefined ? formatRate(rps) : '', policy, e.label].filter((l) => l !== '');
}
