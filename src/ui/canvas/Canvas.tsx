/**
 * The React Flow canvas, controlled by the store: nodes and edges are derived from the
 * document (plus in-progress drag positions), and every change React Flow reports is turned
 * into one store action. A drag updates `dragPositions` per frame and commits to the document
 * (one undo step) when it ends.
 */
import { useCallback, useMemo } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useConnection,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type IsValidConnection,
  type OnConnectEnd,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { NODE_KINDS, SOURCE_KINDS, type NodeKind } from '../../model/index.ts';
import { SINK_KINDS } from './kindMeta.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { documentAnalysis } from '../../store/derived.ts';
import { KIND_META } from './kindMeta.ts';
import { edgeTypes, nodeTypes, type ArchFlowEdge, type ArchFlowNode } from './nodeTypes.ts';
import { FIT_OPTIONS, MIN_ZOOM } from './viewFrame.ts';
import { EmptyCanvas } from './EmptyCanvas.tsx';
import { edgeLabelPlacement, edgeLabelSize } from './edges/edgeLabelLayout.ts';
import { edgeLabelLines } from './edges/edgeLabelLines.ts';
import { edgeRoute } from './edges/edgeRoute.ts';
import { useRunEdgeOverlay } from './run/useRunEdgeOverlay.ts';
import { RunScrubber } from './run/RunScrubber.tsx';
import { LiveBar } from '../live/LiveBar.tsx';
import { LiveOverlay } from '../live/LiveOverlay.tsx';
import { useShownRunSelect } from '../results/useShownRun.ts';
import { canvasGestureSet } from '../../store/canvasGesture.ts';

export const PALETTE_MIME = 'application/x-archsim-kind';
// A gesture on the canvas spaces the live updates out (store/canvasGesture.ts).
const gestureMoveStart = () => canvasGestureSet('move', true);
const gestureMoveEnd = () => canvasGestureSet('move', false);
const gestureDragStart = () => canvasGestureSet('drag', true);
const gestureDragStop = () => canvasGestureSet('drag', false);
const SNAP: [number, number] = [16, 16];
/** Above this many calls, labels stay in the middle and calls are plain beziers (placement is quadratic). */
const ROUTED_EDGES_MAX = 400;
/**
 * Simulated traffic is drawn by edge width and label; the dash animation (async calls, and calls
 * with traffic after a run) is added only when it is cheap: not while a run is in flight
 * (repainting the animated edges every frame took ~15 % of a core from the simulation on the
 * webhook design) and not above this many edges (on a 50-node design, 100 animated edges made
 * panning drop below 20 frames/s on a 2-core machine; even its 9 async calls, always animated,
 * kept the page painting 60 frames a second while idle). Async calls are dashed either way.
 */
const RUN_ANIMATED_EDGES_MAX = 30;

function useFlowNodes(): ArchFlowNode[] {
  const { nodes, drag, selected, measured } = useAppStore(
    useShallow((s) => ({ nodes: s.doc.nodes, drag: s.dragPositions, selected: s.selectedNodeIds, measured: s.measured })),
  );
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

function useFlowEdges(): ArchFlowEdge[] {
  const { doc, selected, drag, measured } = useAppStore(
    useShallow((s) => ({ doc: s.doc, selected: s.selectedEdgeIds, drag: s.dragPositions, measured: s.measured })),
  );
  const run = useRunEdgeOverlay();
  const running = useShownRunSelect((v) => v.phase === 'live');
  return useMemo(() => {
    const sel = new Set(selected);
    const analysis = documentAnalysis(doc);
    const animateRun = !running && doc.edges.length <= RUN_ANIMATED_EDGES_MAX;
    const edges = doc.edges.map((e) => {
      const rps = 'error' in analysis ? undefined : analysis.edges[e.id]?.rps;
      const ov = run?.[e.id];
      const lines = edgeLabelLines(e, rps, ov?.label ?? null);
      const isSel = sel.has(e.id);
      return {
        id: e.id,
        type: 'arch' as const,
        source: e.source,
        target: e.target,
        selected: isSel,
        // An async call always reads as dashed; its dashes move only where moving them is cheap.
        animated: animateRun && (e.params.async || (ov !== undefined && ov.rps > 0)),
        style: ov ? { strokeWidth: ov.width } : undefined,
        data: { lines, label: { t: 0.5, dy: 0 }, route: { channelY: null as number | null } },
        className: `arch-edge${e.params.async ? ' arch-edge-async' : ''}${ov?.errors ? ' run-edge-errors' : ''}${ov ? ' run-edge' : ''}`,
        // In user units, so a thick run edge keeps a normal arrowhead instead of one that covers the card.
        markerEnd: {
          type: MarkerType.ArrowClosed,
          width: 16,
          height: 16,
          markerUnits: 'userSpaceOnUse',
          color: isSel ? '#4f46e5' : '#94a3b8',
        },
      } satisfies ArchFlowEdge;
    });
    // Route calls around cards in their way, then keep labels off the cards and off each other
    // (handles sit mid-height on the card sides). Quadratic: large designs keep plain beziers.
    if (edges.length > ROUTED_EDGES_MAX) return edges;
    const cards = new Map(
      doc.nodes.map((n) => {
        const p = drag[n.id] ?? n.position,
          size = measured[n.id] ?? { width: 200, height: 100 };
        return [n.id, { x: p.x, y: p.y, width: size.width, height: size.height }];
      }),
    );
    const items = edges.flatMap((e) => {
      const s = cards.get(e.source),
        t = cards.get(e.target);
      if (!s || !t) return [];
      const source = { x: s.x + s.width, y: s.y + s.height / 2 },
        target = { x: t.x, y: t.y + t.height / 2 };
      const x0 = Math.min(source.x, target.x),
        x1 = Math.max(source.x, target.x),
        y0 = Math.min(source.y, target.y),
        y1 = Math.max(source.y, target.y);
      const near = [...cards].filter(
        ([id, r]) => id !== e.source && id !== e.target && r.x < x1 && r.x + r.width > x0 && r.y < y1 && r.y + r.height > y0,
      );
      // Cards in the call's box are what can block it; the channel then avoids every card in its span.
      e.data.route = near.length
        ? edgeRoute(
            source,
            target,
            [...cards].filter(([id, r]) => id !== e.source && id !== e.target && r.x < x1 && r.x + r.width > x0).map(([, r]) => r),
          )
        : { channelY: null };
      return e.data.lines.length ? [{ id: e.id, source, target, route: e.data.route, ...edgeLabelSize(e.data.lines) }] : [];
    });
    const at = edgeLabelPlacement(items, [...cards.values()]);
    for (const e of edges) e.data.label = at[e.id] ?? e.data.label;
    return edges;
  }, [doc, selected, run, running, drag, measured]);
}

/** A call may go from any card that makes calls to any card that receives them, once. */
function connectionAllowed(source: string, target: string): boolean {
  if (source === target) return false;
  const doc = useAppStore.getState().doc;
  const from = doc.nodes.find((n) => n.id === source);
  const to = doc.nodes.find((n) => n.id === target);
  if (!from || !to || SOURCE_KINDS.includes(to.kind) || SINK_KINDS.includes(from.kind)) return false;
  return !doc.edges.some((e) => e.source === source && e.target === target);
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
        if (c.selected) selNodes.add(c.id);
        else selNodes.delete(c.id);
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
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (sel) s.select(useAppStore.getState().selectedNodeIds, [...sel]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const id = useAppStore.getState().addEdge(c.source, c.target);
    if (id) useAppStore.getState().select([], [id]);
  }, []);

  const isValidConnection: IsValidConnection = useCallback((c) => connectionAllowed(c.source, c.target), []);

  // A drop anywhere on a card connects, not only on its small handle: React Flow reports a
  // drop off the handles as an invalid connection, and the card under the pointer is the target.
  const onConnectEnd: OnConnectEnd = useCallback((event, state) => {
    if (state.isValid || !state.fromNode) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return;
    const card = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
    const id = card?.getAttribute('data-id');
    if (!id) return;
    const from = state.fromNode.id;
    const [source, target] = state.fromHandle?.type === 'target' ? [id, from] : [from, id];
    if (!connectionAllowed(source, target)) return;
    const edge = useAppStore.getState().addEdge(source, target);
    if (edge) useAppStore.getState().select([], [edge]);
  }, []);

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!NODE_KINDS.includes(kind)) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const position = { x: Math.round((p.x - 100) / SNAP[0]) * SNAP[0], y: Math.round((p.y - 40) / SNAP[1]) * SNAP[1] };
      const id = useAppStore.getState().addNode(kind, position);
      useAppStore.getState().select([id], []);
    },
    [screenToFlowPosition],
  );

  const onPaneClick = useCallback(() => useAppStore.getState().select([], []), []);
  const connecting = useConnection((c) => c.inProgress);
  // With the results dock open the canvas is short: the minimap would cover the cards.
  const dockTall = useAppStore((s) => s.dockOpen && s.dockTab !== 'problems');

  return (
    <div className={`canvas${connecting ? ' is-connecting' : ''}`} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<ArchFlowNode, ArchFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        onMoveStart={gestureMoveStart}
        onMoveEnd={gestureMoveEnd}
        onNodeDragStart={gestureDragStart}
        onNodeDragStop={gestureDragStop}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control']}
        selectionKeyCode="Shift"
        snapToGrid
        snapGrid={SNAP}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
        connectionRadius={28}
      >
        <Background variant={BackgroundVariant.Dots} gap={SNAP[0]} size={1.2} color="#c3ccd8" />
        {!dockTall && nodes.length > 0 && (
          <MiniMap
            style={{ width: 168, height: 112 }}
            pannable
            zoomable
            ariaLabel="Minimap"
            nodeColor={(n) => {
              const k = useAppStore.getState().doc.nodes.find((d) => d.id === n.id)?.kind;
              return k ? KIND_META[k].color : '#94a3b8';
            }}
            nodeStrokeWidth={0}
            nodeBorderRadius={6}
            maskColor="rgba(241,245,249,0.7)"
          />
        )}
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} />
        <RunScrubber />
        <LiveBar />
        <LiveOverlay />
      </ReactFlow>
      {nodes.length === 0 && <EmptyCanvas />}
    </div>
  );
}
