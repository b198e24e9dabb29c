/**
 * The React Flow canvas, controlled by the store: nodes and edges are derived from the
 * document (plus in-progress drag positions), and every change React Flow reports is turned
 * into one store action. A drag updates `dragPositions` per frame and commits to the document
 * (one undo step) when it ends.
 */
import { useCallback, useMemo } from 'react';
import {
  Background, BackgroundVariant, Controls, MarkerType, MiniMap, ReactFlow, useReactFlow,
  type Connection, type Edge, type EdgeChange, type NodeChange, type IsValidConnection,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { NODE_KINDS, SOURCE_KINDS, type NodeKind } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { documentAnalysis } from '../../store/derived.ts';
import { KIND_META } from './kindMeta.ts';
import { nodeTypes, type ArchFlowNode } from './nodeTypes.ts';
import { formatRate } from './loadTone.ts';
import { useRunEdgeOverlay } from './run/useRunEdgeOverlay.ts';
import { RunScrubber } from './run/RunScrubber.tsx';
import { useShownRunSelect } from '../results/useShownRun.ts';

export const PALETTE_MIME = 'application/x-archsim-kind';
const SNAP: [number, number] = [16, 16];
/**
 * Simulated traffic is drawn by edge width and label; the dash animation is added only when it
 * is cheap: not while a run is in flight (repainting the animated edges every frame took ~15 %
 * of a core from the simulation on the webhook design) and not above this many edges (on a
 * 50-node design, 100 animated edges made panning drop below 20 frames/s on a 2-core machine).
 */
const RUN_ANIMATED_EDGES_MAX = 30;

function useFlowNodes(): ArchFlowNode[] {
  const { nodes, drag, selected, measured } = useAppStore(useShallow((s) => ({ nodes: s.doc.nodes, drag: s.dragPositions, selected: s.selectedNodeIds, measured: s.measured })));
  return useMemo(() => {
    const sel = new Set(selected);
    return nodes.map((n) => ({
      id: n.id,
      type: 'arch' as const,
      position: drag[n.id] ?? n.position,
      data: {},
      selected: sel.has(n.id),
      measured: measured[n.id],
    }));
  }, [nodes, drag, selected, measured]);
}

function useFlowEdges(): Edge[] {
  const { doc, selected } = useAppStore(useShallow((s) => ({ doc: s.doc, selected: s.selectedEdgeIds })));
  const run = useRunEdgeOverlay();
  const running = useShownRunSelect((v) => v.phase === 'live');
  return useMemo(() => {
    const sel = new Set(selected);
    const analysis = documentAnalysis(doc);
    const animateRun = !running && doc.edges.length <= RUN_ANIMATED_EDGES_MAX;
    return doc.edges.map((e) => {
      const rps = 'error' in analysis ? undefined : analysis.edges[e.id]?.rps;
      const ov = run?.[e.id];
      const bits = [ov ? `sim ${ov.label}` : rps !== undefined ? formatRate(rps) : null, e.params.retry.maxAttempts > 1 ? `≤${e.params.retry.maxAttempts} tries` : null, e.params.async ? 'async' : null, e.label || null].filter(Boolean);
      const isSel = sel.has(e.id);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        selected: isSel,
        animated: e.params.async || (animateRun && ov !== undefined && ov.rps > 0),
        style: ov ? { strokeWidth: ov.width } : undefined,
        label: bits.join(' · ') || undefined,
        className: `arch-edge${ov?.errors ? ' run-edge-errors' : ''}${ov ? ' run-edge' : ''}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: isSel ? '#4f46e5' : '#94a3b8' },
      } satisfies Edge;
    });
  }, [doc, selected, run, running]);
}

export function Canvas() {
  const nodes = useFlowNodes();
  const edges = useFlowEdges();
  const { screenToFlowPosition } = useReactFlow();

  const onNodesChange = useCallback((changes: NodeChange<ArchFlowNode>[]) => {
    const s = useAppStore.getState();
    const dragging: Record<string, { x: number; y: number }> = {};
    const commits: { id: string; position: { x: number; y: number } }[] = [];
    const sizes: Record<string, { width: number; height: number }> = {};
    let selNodes: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        if (c.dragging) dragging[c.id] = c.position;
        else commits.push({ id: c.id, position: c.position });
      } else if (c.type === 'dimensions' && c.dimensions) {
        sizes[c.id] = c.dimensions;
      } else if (c.type === 'select') {
        selNodes ??= new Set(s.selectedNodeIds);
        if (c.selected) selNodes.add(c.id); else selNodes.delete(c.id);
      }
    }
    if (Object.keys(sizes).length) s.setMeasured(sizes);
    if (Object.keys(dragging).length) s.setDragPositions(dragging);
    if (commits.length) {
      s.moveNodes(commits);
      s.setDragPositions(null);
    }
    if (selNodes) s.select([...selNodes], useAppStore.getState().selectedEdgeIds);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const s = useAppStore.getState();
    let sel: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        sel ??= new Set(s.selectedEdgeIds);
        if (c.selected) sel.add(c.id); else sel.delete(c.id);
      }
    }
    if (sel) s.select(useAppStore.getState().selectedNodeIds, [...sel]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const id = useAppStore.getState().addEdge(c.source, c.target);
    if (id) useAppStore.getState().select([], [id]);
  }, []);

  const isValidConnection: IsValidConnection = useCallback((c) => {
    if (c.source === c.target) return false;
    const doc = useAppStore.getState().doc;
    const target = doc.nodes.find((n) => n.id === c.target);
    if (!target || SOURCE_KINDS.includes(target.kind)) return false;
    return !doc.edges.some((e) => e.source === c.source && e.target === c.target);
  }, []);

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((e: React.DragEvent) => {
    const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
    if (!NODE_KINDS.includes(kind)) return;
    e.preventDefault();
    const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const position = { x: Math.round((p.x - 100) / SNAP[0]) * SNAP[0], y: Math.round((p.y - 40) / SNAP[1]) * SNAP[1] };
    const id = useAppStore.getState().addNode(kind, position);
    useAppStore.getState().select([id], []);
  }, [screenToFlowPosition]);

  const onPaneClick = useCallback(() => useAppStore.getState().select([], []), []);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<ArchFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control']}
        selectionKeyCode="Shift"
        snapToGrid
        snapGrid={SNAP}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ type: 'default' }}
        connectionRadius={28}
      >
        <Background variant={BackgroundVariant.Dots} gap={SNAP[0]} size={1.2} color="#c3ccd8" />
        <MiniMap style={{ width: 168, height: 112 }} pannable zoomable ariaLabel="Minimap" nodeColor={(n) => { const k = useAppStore.getState().doc.nodes.find((d) => d.id === n.id)?.kind; return k ? KIND_META[k].color : '#94a3b8'; }} nodeStrokeWidth={0} nodeBorderRadius={6} maskColor="rgba(241,245,249,0.7)" />
        <Controls showInteractive={false} />
        <RunScrubber />
      </ReactFlow>
    </div>
  );
}
