/**
 * Undo and redo keys inside a form field drive the app's history, not the browser's text
 * undo: the browser would put the old text back, that text would be committed as a new edit,
 * and the next Undo would go forward. A field showing an invalid draft first drops the draft.
 */
import type { KeyboardEvent } from 'react';
import { redo, undo } from '../../editorActions.ts';
import { fieldEdits } from '../editors.ts';

/** Handle Ctrl/⌘+Z, Shift+Ctrl/⌘+Z and Ctrl+Y; `dropDraft` returns true if it dropped one (then nothing is undone). */
export function fieldHistoryKeyDown(e: KeyboardEvent, dropDraft: () => boolean = () => false): void {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
  if (key !== 'z' && !isRedo) return;
  e.preventDefault();
  e.stopPropagation();
  fieldEdits.end();
  if (isRedo) {
    dropDraft();
    redo();
  } else if (!dropDraft()) undo();
  // Typing again afterwards is a new undo step (the field still has focus).
  fieldEdits.begin();
}
