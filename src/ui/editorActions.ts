/**
 * Editor commands shared by the toolbar, the keyboard shortcuts and the inspector. Each one is
 * a single store action, hence a single undo step.
 */
import type { ArchDocument, DocEdge, DocNode } from '../model/index.ts';
import { documentAnalysis } from '../store/derived.ts';
import { edgeLabelLines } from './canvas/edges/edgeLabelLines.ts';
import { edgeLabelSize } from './canvas/edges/edgeLabelLayout.ts';
import { useAppStore } from '../store/useAppStore.ts';
import { documentFreshId } from '../store/documentSlice.ts';
import { documentLayout, LAYER_GAP } from './canvas/autoLayout.ts';

export const undo = () => useAppStore.temporal.getState().undo();
export const redo = () => useAppStore.temporal.getState().redo();

export function selectAll(): void {
  const { doc, select } = useAppStore.getState();
  select(
    doc.nodes.map((n) => n.id),
    doc.edges.map((e) => e.id),
  );
}

export function deleteSelection(): void {
  const s = useAppStore.getState();
  if (!s.selectedNodeIds.length && !s.selectedEdgeIds.length) return;
  s.removeElements(s.selectedNodeIds, s.selectedEdgeIds);
  s.select([], []);
}

/** Copy the selected nodes and the edges between them. */
export function copySelection(): boolean {
  const s = useAppStore.getState();
  const ids = new Set(s.selectedNodeIds);
  if (!ids.size) return false;
  s.setClipboard({
    nodes: s.doc.nodes.filter((n) => ids.has(n.id)),
    edges: s.doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  });
  return true;
}

/** Paste the clipboard with fresh ids, offset so the copies do not hide the originals; selects them. */
export function paste(offset = { x: 32, y: 32 }): void {
  const s = useAppStore.getState();
  const clip = s.clipboard;
  if (!clip?.nodes.length) return;
  const taken = new Set<string>();
  const idMap = new Map<string, string>();
  const nodes: DocNode[] = clip.nodes.map((n) => {
    const id = documentFreshId(s.doc, n.id, taken);
    taken.add(id);
    idMap.set(n.id, id);
    return { ...n, id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edges: DocEdge[] = clip.edges.map((e) => {
    const source = idMap.get(e.source)!;
    const target = idMap.get(e.target)!;
    const id = documentFreshId(s.doc, `${source}-${target}`, taken);
    taken.add(id);
    return { ...e, id, source, target };
  });
  s.insertElements(nodes, edges);
  s.select(
    nodes.map((n) => n.id),
    edges.map((e) => e.id),
  );
  // The next paste lands a step further, like most editors.
  s.setClipboard({ nodes: nodes, edges });
}

/** Room an arrowhead and a margin take at each end of a call label, flow px. */
const LABEL_MARGIN = 26;

/** The widest call label of `doc`, flow px (estimated from its text, as the canvas places labels). */
function widestEdgeLabel(doc: ArchDocument): number {
  const analysis = documentAnalysis(doc);
  let w = 0;
  for (const e of doc.edges) {
    const lines = edgeLabelLines(e, 'error' in analysis ? undefined : analysis.edges[e.id]?.rps, null);
    if (lines.length) w = Math.max(w, edgeLabelSize(lines).width);
  }
  return w;
}

/** Lay the design out left to right, columns far enough apart for every call label (one undo step). */
export async function autoLayout(): Promise<void> {
  const s = useAppStore.getState();
  const moves = await documentLayout(s.doc, s.measured, Math.max(LAYER_GAP, widestEdgeLabel(s.doc) + 2 * LABEL_MARGIN));
  useAppStore.getState().moveNodes(moves);
}
