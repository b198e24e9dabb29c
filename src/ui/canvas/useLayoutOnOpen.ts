/**
 * Lay out a freshly opened template once every card has been measured, then fit it in view.
 * The layout is not an undoable edit: the history is cleared, as for any newly opened design.
 */
import { useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useAppStore } from '../../store/useAppStore.ts';
import { autoLayout } from '../editorActions.ts';

/** Returns true once the editor is settled (laid out, or nothing to do). */
export function useLayoutOnOpen(enabled: boolean): boolean {
  const { fitView } = useReactFlow();
  const [settled, setSettled] = useState(!enabled);
  useEffect(() => {
    if (!enabled) return;
    let done = false;
    // Only the design open at start is laid out: one opened meanwhile (a share link, a
    // template) keeps its own positions.
    const startId = useAppStore.getState().designId;
    const run = () => {
      const { doc, measured, designId } = useAppStore.getState();
      if (!done && designId !== startId) { done = true; unsubscribe(); setSettled(true); return; }
      if (done || !doc.nodes.every((n) => measured[n.id])) return;
      done = true;
      unsubscribe();
      void autoLayout().then(() => {
        useAppStore.temporal.getState().clear();
        requestAnimationFrame(() => { void fitView({ padding: 0.2 }); setSettled(true); });
      });
    };
    const unsubscribe = useAppStore.subscribe(run);
    run();
    return () => { done = true; unsubscribe(); };
  }, [enabled, fitView]);
  return settled;
}
