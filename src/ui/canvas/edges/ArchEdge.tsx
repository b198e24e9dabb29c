/**
 * A call between two cards: a bezier with its label as HTML, one short line per fact (rate,
 * retries, async, the user's label), so it stays narrower than the gap between two layers
 * (auto-layout sizes the gap to the widest label, see editorActions.ts). Labels sit above the
 * edges and below the cards.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';

export type ArchFlowEdge = Edge<{ lines: string[] }, 'arch'>;

export const ArchEdge = memo(function ArchEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, data, selected }: EdgeProps<ArchFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const lines = data?.lines ?? [];
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={16} />
      {lines.length > 0 && (
        <EdgeLabelRenderer>
          <div className={`arch-edge-label${selected ? ' is-selected' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} data-testid={`edge-label-${id}`}>
            {lines.map((l, i) => <span key={i}>{l}</span>)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
