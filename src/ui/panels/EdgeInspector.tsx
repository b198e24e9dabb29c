/** Inspector for one call (edge): label and schema-driven call policy. */
import { useMemo } from 'react';
import { edgeParamsSchema, type DocEdge } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { documentAnalysis } from '../../store/derived.ts';
import { formatRate } from '../canvas/loadTone.ts';
import { SchemaForm } from './SchemaForm.tsx';
import { schemaFields } from './schemaFields.ts';
import { TextField } from './fields/TextField.tsx';
import { editEdge } from './editors.ts';
import { edgeFieldNotes } from './fieldApplies.ts';
import { deleteSelection } from '../editorActions.ts';

const FIELDS = schemaFields(edgeParamsSchema, ['params']);

export function EdgeInspector({ edge }: { edge: DocEdge }) {
  const doc = useAppStore((s) => s.doc);
  const onEdit = useMemo(() => editEdge(edge.id), [edge.id]);
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const analysis = documentAnalysis(doc);
  const load = 'error' in analysis ? undefined : analysis.edges[edge.id];
  const scope = `edge-${edge.id}`;
  return (
    <div className="inspector-body" key={edge.id}>
      <header className="inspector-head">
        <span className="inspector-icon edge-icon" aria-hidden="true">
          →
        </span>
        <div>
          <div className="inspector-kind">Call</div>
          <div className="inspector-id">
            {name(edge.source)} → {name(edge.target)}
          </div>
        </div>
        <button type="button" className="btn ghost danger small" onClick={deleteSelection} aria-label="Delete call">
          Delete
        </button>
      </header>
      {load && (
        <section className="load-card tone-none">
          <div className="load-card-row">
            <span>
              <b>λ</b> {formatRate(load.rps)} attempts
            </span>
            {load.attemptsPerCall !== undefined && load.attemptsPerCall > 1.0005 && (
              <span>× {load.attemptsPerCall.toFixed(2)} per call (retries)</span>
            )}
          </div>
        </section>
      )}
      <TextField scope={scope} path={['label']} label="Label" value={edge.label} onEdit={onEdit} />
      <h3 className="section-title">Call policy</h3>
      <SchemaForm scope={scope} fields={FIELDS} value={edge} onEdit={onEdit} openGroups={['retry']} notes={edgeFieldNotes(edge)} />
    </div>
  );
}
