/**
 * Mounts the animated live layer (liveOverlay.ts) while a single run plays at a set speed
 * (×1, ×10, ×100) and the animation is on. Off — as fast as possible, the toggle off, no run —
 * nothing is mounted: no canvas, no animation frame, no cost.
 */
import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useAppStore } from '../../store/useAppStore.ts';
import { useRunLive } from '../../store/runLive.ts';
import { createLiveOverlay, type OverlayNode } from './liveOverlay.ts';

export function LiveOverlay() {
  const live = useRunLive((s) => s.clock !== null);
  const on = useAppStore((s) => s.runStatus === 'running' && s.liveSpeed !== 'max' && s.liveAnimate);
  return live && on ? <OverlayCanvas /> : null;
}

function OverlayCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();
  useEffect(() => {
    const canvas = ref.current;
    const root = canvas?.closest<HTMLElement>('.react-flow');
    if (!canvas || !root) return;
    const overlay = createLiveOverlay({
      canvas,
      root,
      transform: () => flow.getState().transform,
      nodes: () => {
        const out: OverlayNode[] = [];
        for (const n of flow.getState().nodeLookup.values()) {
          const p = n.internals.positionAbsolute;
          out.push({ id: n.id, x: p.x, y: p.y, width: n.measured.width ?? 200, height: n.measured.height ?? 80 });
        }
        return out;
      },
      paused: () => useAppStore.getState().livePaused,
    });
    // For the browser tests and anyone measuring: frames drawn, and the main-thread time they took (ms).
    Object.assign(window, { __liveOverlayFrames: overlay.frames, __liveOverlayCostMs: overlay.costMs });
    return overlay.destroy;
  }, [flow]);
  return <canvas ref={ref} className="live-overlay" data-testid="live-overlay" aria-hidden="true" />;
}
