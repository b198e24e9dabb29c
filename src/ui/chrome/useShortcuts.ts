/** Global keyboard shortcuts (not while typing in a field). */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useAppStore } from '../../store/useAppStore.ts';
import { FIT_OPTIONS } from '../canvas/viewFrame.ts';
import { autoLayout, copySelection, deleteSelection, paste, redo, selectAll, undo } from '../editorActions.ts';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password']);
/** A control with its own text undo (the browser's); a select or a checkbox has none. */
const hasTextUndo = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || t.tagName === 'TEXTAREA' || (t instanceof HTMLInputElement && TEXT_INPUTS.has(t.type)));

export function useShortcuts(): void {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState();
      if (e.key === 'Escape') {
        if (s.helpOpen) s.setHelpOpen(false);
        else if (!isTyping(e.target)) s.select([], []);
        return;
      }
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (isTyping(e.target)) {
        // Undo still means the design's undo on a focused select or checkbox (fields handle their own keys).
        if (mod && !e.altKey && !hasTextUndo(e.target) && (key === 'z' || key === 'y')) {
          e.preventDefault();
          if (key === 'y' || e.shiftKey) redo();
          else undo();
        }
        return;
      }
      let handled = true;
      if (mod && key === 'z') {
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && key === 'y') redo();
      else if (mod && key === 'c') handled = copySelection();
      else if (mod && key === 'v') paste();
      else if (mod && key === 'd') {
        if (copySelection()) paste();
      } else if (mod && key === 'a') selectAll();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) deleteSelection();
      else if (!mod && !e.altKey && e.key === '?') s.setHelpOpen(!s.helpOpen);
      else if (!mod && !e.altKey && key === 'l') void autoLayout().then(() => fitView({ ...FIT_OPTIONS, duration: 300 }));
      else if (!mod && !e.altKey && key === 'f') void fitView({ ...FIT_OPTIONS, duration: 300 });
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitView]);
}
