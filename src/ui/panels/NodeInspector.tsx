/** Inspector for one node: label, schema-driven parameters, its capacity and its problems. */
import { useMemo } from 'react';
import { nodeParamsSchemas, type DocNode } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { documentAnalysis, documentNodeProblems } from '../../store/derived.ts';
import { KIND_META } from '../canvas/kindMeta.ts';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { formatRate, formatRho, loadTone } from '../canvas/loadTone.ts';
import { SchemaForm } from './SchemaForm.tsx';
import { schemaFields } from './schemaFields.ts';
import { TextField } from './fields/TextField.tsx';
import { editNode } from './editors.ts';
import { ScheduleEditor } from '../scenario/ScheduleEditor.tsx';
import { ReplayImport } from './ReplayImport.tsx';
import { BurstsEditor } from '../scenario/BurstsEditor.tsx';
import { ContentionCurve } from './ContentionCurve.tsx';
import { nodeFieldNotes } from './fieldApplies.ts';
import { deleteSelection } from '../editorActions.ts';

export function NodeInspector({ node }: { node: DocNode }) {
  const doc = useAppStore((s) => s.doc);
  const onEdit = useMemo(() => editNode(node.id), [node.id]);
  const fields = useMemo(() => schemaFields(nodeParamsSchemas[node.kind], ['params']), [node.kind]);
  const analysis = documentAnalysis(doc);
  const load = 'error' in analysis ? undefined : analysis.nodes[node.id];
  const problems = documentNodeProblems(doc, node.id);
  const meta = KIND_META[node.kind];
  const scope = `node-${node.id}`;

  return (
    <div className="inspector-body" key={node.id}>
      <header className="inspector-head" style={{ '--kind': meta.color } as React.CSSProperties}>
        <span className="inspector-icon">
          <KindIcon kind={node.kind} size={20} />
        </span>
        <div>
          <div className="inspector-kind">{meta.name}</div>
          <div className="inspector-id">
            id <code>{node.id}</code>
          </div>
        </div>
        <button type="button" className="btn ghost danger small" onClick={deleteSelection} aria-label="Delete node">
          Delete
        </button>
      </header>

      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.map((p, i) => (
            <li key={i} className={`problem-${p.severity}`}>
              {p.message}
            </li>
          ))}
        </ul>
      )}

      {load && (
        <section className={`load-card tone-${loadTone(load.utilization)}`} data-testid="inspector-load">
          <div className="load-card-row">
            <span>
              <b>λ</b> {formatRate(load.arrivalRps)}
            </span>
            {load.capacityRps !== null && <span>capacity {formatRate(load.capacityRps)}</span>}
            {load.utilization !== null && (
              <span className="load-card-rho">
                <b>ρ</b> {formatRho(load.utilization)}
              </span>
            )}
          </div>
          {load.expected && load.utilization !== null && load.utilization < 1 && (
            <div className="load-card-detail">
              {load.expected.model}: wait {load.expected.waitMs.toFixed(1)} ms, in node {load.expected.responseMs.toFixed(1)} ms
            </div>
          )}
          {load.utilization !== null && load.utilization >= 1 && (
            <div className="load-card-detail strong">Over capacity: add workers, shorten the work, or cut the traffic.</div>
          )}
          {load.note && <div className="load-card-note">{load.note}</div>}
        </section>
      )}

      <TextField scope={scope} path={['label']} label="Label" value={node.label} onEdit={onEdit} placeholder={node.id} />
      <h3 className="section-title">Parameters</h3>
      <SchemaForm
        scope={scope}
        fields={fields}
        value={node}
        onEdit={onEdit}
        skip={['schedule', 'replay', 'bursts']}
        openGroups={['healthCheck']}
        notes={nodeFieldNotes(node)}
        groupExtras={
          node.kind === 'service' || node.kind === 'database'
            ? { contention: <ContentionCurve contention={node.params.contention} /> }
            : undefined
        }
      />
      {node.kind === 'client' && (
        <>
          <h3 className="section-title">Replay arrivals</h3>
          <ReplayImport node={node} onEdit={onEdit} />
        </>
      )}
      {node.kind === 'client' && node.params.arrival !== 'closed' && node.params.arrival !== 'replay' && (
        <>
          <h3 className="section-title">Traffic schedule</h3>
          <ScheduleEditor node={node} durationS={doc.scenario.durationS} />
        </>
      )}
      {node.kind === 'client' && (
        <>
          <h3 className="section-title">Bursts</h3>
          <BurstsEditor node={node} durationS={doc.scenario.durationS} />
        </>
      )}
    </div>
  );
}
