/** Per-call stroke width, colour and animation from the run's throughput at the overlay's time. */
import { useMemo } from 'react';
import { edgeRatesAt, edgeWidth } from '../../results/overlayData.ts';
import { formatCount } from '../../results/format.ts';
import { useRunOverlay } from './useRunOverlay.ts';

export interface EdgeRunStyle {
  width: number;
  rps: number;
  label: string;
  errors: boolean;
}

export function useRunEdgeOverlay(): Record<string, EdgeRunStyle> | null {
  const ov = useRunOverlay();
  const result = ov?.result,
    t = ov?.t ?? null;
  return useMemo(() => {
    if (!result) return null;
    const rates = edgeRatesAt(result, t);
    const all = edgeRatesAt(result, null);
    const max = Math.max(0, ...Object.values(all));
    const out: Record<string, EdgeRunStyle> = {};
    for (const [id, rps] of Object.entries(rates)) {
      const e = result.edges[id]!;
      out[id] = { width: edgeWidth(rps, max), rps, label: `${formatCount(rps)}/s`, errors: e.errors + e.timeouts > 0 };
    }
    return out;
  }, [result, t]);
}
