/**
 * What the canvas run overlay shows: the shown run's result and the time it replays
 * (the scrubber; while running, the newest bucket; otherwise null = the whole run).
 */
import type { SimResult } from '../../../worker/protocol.ts';
import { useRunLive } from '../../../store/runLive.ts';
import { useShownRun } from '../../results/useShownRun.ts';
import { overlayTimeOf } from '../../results/overlayData.ts';

export interface RunOverlay {
  result: SimResult;
  t: number | null;
  phase: 'live' | 'partial' | 'final';
}

export function useRunOverlay(): RunOverlay | null {
  const { result, phase } = useShownRun();
  const scrubS = useRunLive((s) => s.scrubS);
  if (!result || phase === 'none') return null;
  const t = overlayTimeOf(result, phase, scrubS);
  return { result, t, phase };
}
