/**
 * A call between two cards: a bezier with its label as HTML, one short line per fact (rate,
 * retries, async, the user's label), so it stays narrower than the gap between two layers
 * (auto-layout sizes the gap to the widest label, see editorActions.ts). Labels sit above the
 * edges and below the cards; clicking one selects its call.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { LabelSpot } from './edgeLabelLayout.ts';
import { edgeRoutePath, edgeRoutePoint, type Route } from './edgeRoute.ts';
import { useAppStore } from '../../../store/useAppStore.ts';

/**
 * `lines`: the label, one fact per line; `label`: where it sits along (or beside) the curve
 * (edgeLabelLayout.ts); `route`: a plain bezier or a detour around cards in the way (edgeRoute.ts).
 */
export type ArchFlowEdge = Edge<{ lines: string[]; label: LabelSpot; route: Route }, 'arch'>;

/** A click on a label selects its call, like a click on the line (Ctrl/⌘ adds to the selection). */
function selectCall(id: string, add: boolean): void {
  const s = useAppStore.getState();
  if (!add) {
    s.select([], [id]);
    return;
  }
  const has = s.selectedEdgeIds.includes(id);
  s.select(s.selectedNodeIds, has ? s.selectedEdgeIds.filter((e) => e !== id) : [...s.selectedEdgeIds, id]);
}

export const ArchEdge = memo(function ArchEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  style,
  data,
  selected,
}: EdgeProps<ArchFlowEdge>) {
  const s = { x: sourceX, y: sourceY },
    t = { x: targetX, y: targetY };
  const route = data?.route ?? { channelY: null };
  const path = edgeRoutePath(s, t, route) ?? getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })[0];
  const lines = data?.lines ?? [];
  const spot = data?.label ?? { t: 0.5, dy: 0 };
  const { x: labelX, y: curveY } = edgeRoutePoint(s, t, route, spot.t);
  const labelY = curveY + spot.dy;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={16} />
      {lines.length > 0 && (
        <EdgeLabelRenderer>
          <div
            className={`arch-edge-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
            onClick={(e) => selectCall(id, e.ctrlKey || e.metaKey)}
          >
            {lines.map((l, i) => (
              <span key={i}>{l}</span>
            ))}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
