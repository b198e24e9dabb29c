/**
 * Auto-layout with ELK's layered algorithm, left to right. Uses the bundled, in-thread ELK
 * (no web worker, no eval), which runs under the page's strict CSP.
 */
import type { ELK } from 'elkjs/lib/elk-api.js';
import type { ArchDocument } from '../../model/index.ts';

let elkPromise: Promise<ELK> | null = null;
/** ELK is large (~1.5 MB): load it on the first layout, as its own chunk. */
function loadElk(): Promise<ELK> {
  elkPromise ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elkPromise;
}
const DEFAULT_SIZE = { width: 200, height: 100 };

/** Gap between two layers when no call label needs more, flow px. */
export const LAYER_GAP = 96;

/**
 * New top-left positions for every node of `doc`, given measured card sizes. `layerGap` is
 * the room between two columns of cards (wide enough for the widest call label).
 */
export async function documentLayout(
  doc: ArchDocument,
  sizes: Record<string, { width: number; height: number }>,
  layerGap = LAYER_GAP,
): Promise<{ id: string; position: { x: number; y: number } }[]> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const elk = await loadElk();
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(Math.max(LAYER_GAP, Math.round(layerGap))),
      'elk.spacing.nodeNode': '40',
      'elk.spacing.componentComponent': '64',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes[n.id] ?? DEFAULT_SIZE) })),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  // Snap to the 16 px grid so laid-out nodes line up with hand-placed ones.
  const snap = (v: number) => Math.round(v / 16) * 16;
  return (graph.children ?? []).map((c) => ({ id: c.id, position: { x: snap(c.x ?? 0), y: snap(c.y ?? 0) } }));
}
