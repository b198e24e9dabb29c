/**
 * Frame every design as it opens: once its cards are on the canvas and measured, lay it out if
 * asked to (templates, the sample) or if its cards would pile up (a file without positions),
 * then place the camera (see viewFrame.ts). A layout right after opening is part of the open,
 * not an edit: the undo history is cleared again.
 */
import { useEffect, useState } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useAppStore } from '../../store/useAppStore.ts';
import { autoLayout } from '../editorActions.ts';
import { documentNeedsLayout } from './needsLayout.ts';
import { requestFrame, takeFrameRequest, type FrameRequest } from './frameRequest.ts';
import { cardsBounds, viewportFrame, type FrameMode } from './viewFrame.ts';

/** Move the camera to frame the open design, `mode` as in viewportFrame. */
export function frameDesign(
  mode: FrameMode,
  view: { width: number; height: number },
  setViewport: (v: { x: number; y: number; zoom: number }) => unknown,
): void {
  const { doc, measured } = useAppStore.getState();
  const bounds = cardsBounds(doc.nodes.map((n) => ({ position: n.position, size: measured[n.id] })));
  void setViewport(bounds ? viewportFrame(bounds, view, mode) : { x: view.width / 2, y: view.height / 3, zoom: 1 });
}

/** Returns true once the design open now is framed (tests wait for it: `.app[data-settled]`). */
export function useFrameOnOpen(initial?: FrameRequest): boolean {
  const { setViewport } = useReactFlow();
  const flow = useStoreApi();
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (initial) requestFrame(initial.mode, initial.layout);
    let live = true;
    let stop = () => {};
    const frame = () => {
      stop();
      setSettled(false);
      const req = takeFrameRequest() ?? { mode: 'fit', layout: false };
      const opened = useAppStore.getState().openCount;
      const current = () => live && useAppStore.getState().openCount === opened;
      let waiting = true;
      const attempt = () => {
        const s = useAppStore.getState();
        if (!waiting || !current() || !s.doc.nodes.every((n) => s.measured[n.id])) return;
        waiting = false;
        unsubscribe();
        const layout = req.layout || documentNeedsLayout(s.doc, s.measured);
        void (layout ? autoLayout().then(() => useAppStore.temporal.getState().clear()) : Promise.resolve()).then(() => {
          requestAnimationFrame(() => {
            if (!current()) return;
            const { width, height } = flow.getState();
            frameDesign(req.mode, { width, height }, setViewport);
            setSettled(true);
          });
        });
      };
      const unsubscribe = useAppStore.subscribe(attempt);
      stop = () => {
        waiting = false;
        unsubscribe();
      };
      // Sizes kept from the design open before may belong to cards with the same ids: give the
      // new cards two frames to render and be measured before trusting them.
      requestAnimationFrame(() => requestAnimationFrame(attempt));
    };
    const unwatch = useAppStore.subscribe((s, prev) => {
      if (s.openCount !== prev.openCount) frame();
    });
    frame();
    return () => {
      live = false;
      stop();
      unwatch();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return settled;
}
