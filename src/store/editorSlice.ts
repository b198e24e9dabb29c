/**
 * The editor slice: selection, in-progress drag positions, measured node sizes, panels,
 * banners. Nothing here is saved or undone (useAppStore's undo history tracks `doc` only).
 */
import type { StateCreator } from 'zustand';
import type { DocEdge, DocNode } from '../model/index.ts';
import type { AppState } from './useAppStore.ts';
import type { XY } from './documentSlice.ts';

export type InspectorTab = 'design' | 'scenario';
export interface Banner {
  id: string;
  tone: 'error' | 'warning' | 'info';
  message: string;
}

export interface EditorSlice {
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  /** Positions of nodes being dragged; committed to the document once, at drag end. */
  dragPositions: Record<string, XY>;
  measured: Record<string, { width: number; height: number }>;
  inspectorTab: InspectorTab;
  helpOpen: boolean;
  /** The About dialog (what the model simplifies). */
  aboutOpen: boolean;
  dockOpen: boolean;
  banners: Banner[];
  /** Library id of the design being edited. */
  designId: string;
  /** Counts designs opened (`replaceDocument`): the canvas frames the view on each change. */
  openCount: number;
  clipboard: { nodes: DocNode[]; edges: DocEdge[] } | null;

  select: (nodeIds: string[], edgeIds: string[]) => void;
  setDragPositions: (positions: Record<string, XY> | null) => void;
  setMeasured: (sizes: Record<string, { width: number; height: number }>) => void;
  setInspectorTab: (tab: InspectorTab) => void;
  setHelpOpen: (open: boolean) => void;
  setAboutOpen: (open: boolean) => void;
  setDockOpen: (open: boolean) => void;
  /** Show a banner; a banner with the same id replaces the old one. */
  showBanner: (banner: Banner) => void;
  dismissBanner: (id: string) => void;
  setDesignId: (id: string) => void;
  setClipboard: (clip: EditorSlice['clipboard']) => void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  dragPositions: {},
  measured: {},
  inspectorTab: 'design',
  helpOpen: false,
  aboutOpen: false,
  dockOpen: false,
  banners: [],
  designId: '',
  openCount: 0,
  clipboard: null,

  select: (selectedNodeIds, selectedEdgeIds) => set({ selectedNodeIds, selectedEdgeIds }),
  setDragPositions: (positions) => set((s) => ({ dragPositions: positions === null ? {} : { ...s.dragPositions, ...positions } })),
  setMeasured: (sizes) => set((s) => ({ measured: { ...s.measured, ...sizes } })),
  setInspectorTab: (inspectorTab) => set({ inspectorTab }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  setDockOpen: (dockOpen) => set({ dockOpen }),
  showBanner: (banner) => set((s) => ({ banners: [...s.banners.filter((b) => b.id !== banner.id), banner] })),
  dismissBanner: (id) => set((s) => ({ banners: s.banners.filter((b) => b.id !== id) })),
  setDesignId: (designId) => set({ designId }),
  setClipboard: (clipboard) => set({ clipboard }),
});
