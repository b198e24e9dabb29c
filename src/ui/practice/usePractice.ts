/**
 * The practice panel's own small store: whether it is open, the picker, how many hints of each
 * problem are revealed, and the last "Check my design" (its progress and scorecard). Nothing here
 * is saved; the checklist notes live in the document (`doc.practice`), so they are saved and shared with it.
 */
import { create } from 'zustand';
import type { Scorecard } from '../../practice/scorecard.ts';

export type PracticeTab = 'brief' | 'check' | 'checklist';

export type CheckState =
  | { status: 'idle' }
  | { status: 'running'; fraction: number; runs: number }
  /** `nodes` and `edges` of the design graded: the scorecard is stale once they change (notes do not count). */
  | { status: 'done'; card: Scorecard; wallMs: number; nodes: unknown; edges: unknown }
  | { status: 'error'; message: string };

interface PracticeState {
  open: boolean;
  pickerOpen: boolean;
  tab: PracticeTab;
  hints: Record<string, number>;
  check: CheckState;
  setOpen: (open: boolean) => void;
  setPickerOpen: (open: boolean) => void;
  setTab: (tab: PracticeTab) => void;
  revealHint: (problem: string) => void;
  setCheck: (check: CheckState) => void;
}

export const usePractice = create<PracticeState>((set) => ({
  open: false,
  pickerOpen: false,
  tab: 'brief',
  hints: {},
  check: { status: 'idle' },
  setOpen: (open) => set({ open }),
  setPickerOpen: (pickerOpen) => set({ pickerOpen }),
  setTab: (tab) => set({ tab }),
  revealHint: (problem) => set((s) => ({ hints: { ...s.hints, [problem]: (s.hints[problem] ?? 0) + 1 } })),
  setCheck: (check) => set({ check }),
}));
