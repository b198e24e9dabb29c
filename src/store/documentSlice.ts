/**
 * The document slice: the ArchDocument being edited, and the verbs that change it.
 * Every action replaces `doc` (never mutates it), so the undo history (zundo, see
 * useAppStore.ts) records exactly one entry per action. Callers validate edits against the
 * schema first (see ui/panels/validateEdit.ts); these actions trust their input.
 */
import type { StateCreator } from 'zustand';
import { kindDef } from '../kinds/registry.ts';
import {
  nodeParamsSchemas,
  edgeParamsSchema,
  type ArchDocument,
  type DocEdge,
  type DocNode,
  type NodeKind,
  type Scenario,
} from '../model/index.ts';
import type { AppState } from './useAppStore.ts';

export interface XY {
  x: number;
  y: number;
}

export interface DocumentSlice {
  doc: ArchDocument;
  /** Replace the whole document (open a design) and count the open. The caller clears the history. */
  replaceDocument: (doc: ArchDocument) => void;
  /** Add a node with default params; returns its new id. */
  addNode: (kind: NodeKind, position: XY) => string;
  /** Replace one node (already validated). */
  replaceNode: (node: DocNode) => void;
  /** Replace several nodes at once, one undo step (a bulk edit; already validated). */
  replaceNodes: (nodes: readonly DocNode[]) => void;
  /** Commit final positions of moved nodes as one undo step; no-op when nothing moved. */
  moveNodes: (moves: readonly { id: string; position: XY }[]) => void;
  /** Connect two nodes with default edge params; returns the new id, or null for a duplicate/self edge. */
  addEdge: (source: string, target: string) => string | null;
  replaceEdge: (edge: DocEdge) => void;
  /**
   * Remove nodes and edges; edges touching a removed node, and scenario failures and
   * requirements aimed at removed elements, go with them (one undo step).
   */
  removeElements: (nodeIds: readonly string[], edgeIds: readonly string[]) => void;
  /** Insert copies (already carrying fresh ids). */
  insertElements: (nodes: readonly DocNode[], edges: readonly DocEdge[]) => void;
  replaceScenario: (scenario: Scenario) => void;
  setMeta: (meta: Partial<Pick<ArchDocument, 'title' | 'description' | 'practice'>>) => void;
}

/** A new node's label: its kind's display name (the one the palette, cards and CLI use). */
const kindName = (kind: NodeKind): string => kindDef(kind).meta.name;

/** A fresh id for `base` that is not used by any node or edge of `doc`. */
export function documentFreshId(doc: ArchDocument, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set<string>([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id), ...taken]);
  const stem = base.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 80) || 'n';
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) if (!used.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

/** A default node of `kind` with a fresh id and a numbered label ("Service 2"). */
export function documentNewNode(doc: ArchDocument, kind: NodeKind, position: XY): DocNode {
  const id = documentFreshId(doc, kind);
  const count = doc.nodes.filter((n) => n.kind === kind).length;
  const label = count === 0 ? kindName(kind) : `${kindName(kind)} ${count + 1}`;
  return { id, kind, label, position, params: nodeParamsSchemas[kind].parse({}) } as DocNode;
}

export const createDocumentSlice =
  (initial: ArchDocument): StateCreator<AppState, [], [], DocumentSlice> =>
  (set, get) => ({
    doc: initial,
    replaceDocument: (doc) => set((s) => ({ doc, openCount: s.openCount + 1 })),
    addNode: (kind, position) => {
      const node = documentNewNode(get().doc, kind, position);
      set((s) => ({ doc: { ...s.doc, nodes: [...s.doc.nodes, node] } }));
      return node.id;
    },
    replaceNode: (node) => set((s) => ({ doc: { ...s.doc, nodes: s.doc.nodes.map((n) => (n.id === node.id ? node : n)) } })),
    replaceNodes: (nodes) => {
      const byId = new Map(nodes.map((n) => [n.id, n]));
      set((s) => ({ doc: { ...s.doc, nodes: s.doc.nodes.map((n) => byId.get(n.id) ?? n) } }));
    },
    moveNodes: (moves) => {
      const byId = new Map(moves.map((m) => [m.id, m.position]));
      const { doc } = get();
      let changed = false;
      const nodes = doc.nodes.map((n) => {
        const p = byId.get(n.id);
        if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
        changed = true;
        return { ...n, position: { x: p.x, y: p.y } };
      });
      if (changed) set({ doc: { ...doc, nodes } });
    },
    addEdge: (source, target) => {
      const { doc } = get();
      if (source === target || doc.edges.some((e) => e.source === source && e.target === target)) return null;
      const id = documentFreshId(doc, `${source}-${target}`);
      const edge: DocEdge = { id, source, target, label: '', params: edgeParamsSchema.parse({}) };
      set({ doc: { ...doc, edges: [...doc.edges, edge] } });
      return id;
    },
    replaceEdge: (edge) => set((s) => ({ doc: { ...s.doc, edges: s.doc.edges.map((e) => (e.id === edge.id ? edge : e)) } })),
    removeElements: (nodeIds, edgeIds) => {
      const { doc } = get();
      const goneNodes = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      for (const e of doc.edges) if (goneNodes.has(e.source) || goneNodes.has(e.target)) goneEdges.add(e.id);
      if (!doc.nodes.some((n) => goneNodes.has(n.id)) && !doc.edges.some((e) => goneEdges.has(e.id))) return;
      const gone = (id: string) => goneNodes.has(id) || goneEdges.has(id);
      set({
        doc: {
          ...doc,
          nodes: doc.nodes.filter((n) => !goneNodes.has(n.id)),
          edges: doc.edges.filter((e) => !goneEdges.has(e.id)),
          scenario: {
            ...doc.scenario,
            failures: doc.scenario.failures.filter((f) => !gone(f.target)),
            requirements: doc.scenario.requirements.filter((r) => !gone(r.target)),
          },
        },
      });
    },
    insertElements: (nodes, edges) =>
      set((s) => ({ doc: { ...s.doc, nodes: [...s.doc.nodes, ...nodes], edges: [...s.doc.edges, ...edges] } })),
    replaceScenario: (scenario) => set((s) => ({ doc: { ...s.doc, scenario } })),
    setMeta: (meta) => set((s) => ({ doc: { ...s.doc, ...meta } })),
  });
