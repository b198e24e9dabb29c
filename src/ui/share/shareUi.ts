/**
 * View state of the sharing UI (which dialog is open, the last import's errors). Kept in its
 * own small store: none of it is saved, undone or shared.
 */
import { create } from 'zustand';
import type { DocError } from '../../model/index.ts';

export type ShareDialog = 'gallery' | 'share' | 'import-errors' | null;
export interface ImportProblem {
  title: string;
  message: string;
  errors: DocError[];
}

interface ShareUiState {
  dialog: ShareDialog;
  problem: ImportProblem | null;
  open: (dialog: ShareDialog) => void;
  showProblem: (problem: ImportProblem) => void;
  close: () => void;
}

export const useShareUi = create<ShareUiState>()((set) => ({
  dialog: null,
  problem: null,
  open: (dialog) => set({ dialog }),
  showProblem: (problem) => set({ dialog: 'import-errors', problem }),
  close: () => set({ dialog: null }),
}));

/** Open the template gallery (from the toolbar, the library menu, anywhere). */
export const openGallery = () => useShareUi.getState().open('gallery');
