/**
 * The card for every node kind: icon, label, key parameters, the capacity overlay
 * (λ arrival rate, ρ utilization, colour-coded) and a badge for graph problems.
 * It selects its own state by id; node `data` carries nothing.
 */
import { memo, useMemo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { SOURCE_KINDS } from '../../../model/index.ts';
import { useAppStore } from '../../../store/useAppStore.ts';
import { documentAnalysis, documentNodeProblems } from '../../../store/derived.ts';
import { KIND_META, SINK_KINDS } from '../kindMeta.ts';
import { KindIcon } from '../KindIcon.tsx';
import { nodeSummary } from '../nodeSummary.ts';
import { loadTone, formatRate, formatRho } from '../loadTone.ts';
import type { ArchFlowNode } from '../nodeTypes.ts';
import { NodeRunOverlay, useRunNodeClass } from '../run/NodeRunOverlay.tsx';

export const ArchNode = memo(function ArchNode({ id, selected }: NodeProps<ArchFlowNode>) {
  const doc = useAppStore((s) => s.doc);
  const runClass = useRunNodeClass(id);
  const node = doc.nodes.find((n) => n.id === id);
  // The summary depends on the node alone; the card also re-renders for run state.
  const summary = useMemo(() => (node ? nodeSummary(node) : ''), [node]);
  if (!node) return null;
  const meta = KIND_META[node.kind];
  const analysis = documentAnalysis(doc);
  const load = 'error' in analysis ? undefined : analysis.nodes[id];
  const problems = documentNodeProblems(doc, id);
  const worst = problems.some((p) => p.severity === 'error') ? 'error' : problems.length ? 'warning' : null;
  const tone = loadTone(load?.utilization ?? null);
  const isSource = SOURCE_KINDS.includes(node.kind);
  const isSink = SINK_KINDS.includes(node.kind);

  return (
    <div
      className={`arch-node${selected ? ' is-selected' : ''} tone-${tone}${runClass}`}
      style={{ '--kind': meta.color } as React.CSSProperties}
      data-testid={`node-${id}`}
      data-kind={node.kind}
    >
      {!isSource && <Handle type="target" position={Position.Left} className="arch-handle" />}
      <div className="arch-node-head">
        <span className="arch-node-icon">
          <KindIcon kind={node.kind} size={18} />
        </span>
        <div className="arch-node-titles">
          <div className="arch-node-label" title={node.label || node.id}>
            {node.label || node.id}
          </div>
          <div className="arch-node-kind">{meta.name}</div>
        </div>
        {worst && (
          <span
            className={`arch-badge badge-${worst}`}
            tabIndex={0}
            aria-label={`${problems.length} problem${problems.length > 1 ? 's' : ''}: ${problems.map((p) => p.message).join('; ')}`}
            data-testid="problem-badge"
          >
            {worst === 'error' ? '!' : problems.length}
            <span className="arch-badge-tip" role="tooltip">
              {problems.map((p, i) => (
                <span key={i} className={`tip-${p.severity}`}>
                  {p.message}
                </span>
              ))}
            </span>
          </span>
        )}
      </div>
      <div className="arch-node-params">{summary}</div>
      {load && (
        <div className="arch-node-load" data-testid="load" data-rho={load.utilization ?? ''} data-lambda={load.arrivalRps}>
          <span className="load-lambda" title="Expected arrival rate (traffic equations)">
            λ {formatRate(load.arrivalRps)}
          </span>
          {load.utilization !== null ? (
            <>
              <span className="load-bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, load.utilization * 100)}%` }} />
              </span>
              <span
                className="load-rho"
                title={
                  load.expected
                    ? `${load.expected.model}: wait ${load.expected.waitMs.toFixed(1)} ms, response ${load.expected.responseMs.toFixed(1)} ms`
                    : 'Utilization ρ = λ / capacity'
                }
              >
                ρ {formatRho(load.utilization)}
              </span>
            </>
          ) : (
            <span className="load-rho load-na" title={load.note ?? 'No capacity limit'}>
              {isSource ? 'source' : 'no limit'}
            </span>
          )}
        </div>
      )}
      {load && load.utilization !== null && load.utilization >= 1 && (
        <div className="arch-node-alert" role="status">
          Over capacity: needs {formatRate(load.arrivalRps)}, serves {formatRate(load.capacityRps ?? 0)}
        </div>
      )}
      <NodeRunOverlay id={id} />
      {!isSink && <Handle type="source" position={Position.Right} className="arch-handle" />}
    </div>
  );
});
