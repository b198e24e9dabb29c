/**
 * Several selected nodes of one kind, edited together: a field shows the common value, or
 * "mixed" where they differ; an edit applies to every one of them (one undo step) or, if it is
 * invalid for any, to none.
 */
import { useMemo } from 'react';
import { nodeParamsSchemas, type DocNode } from '../../model/index.ts';
import { KIND_META } from '../canvas/kindMeta.ts';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { SchemaForm } from './SchemaForm.tsx';
import { schemaFields } from './schemaFields.ts';
import { editNodes } from './editors.ts';
import { mixedPaths } from './mixedPaths.ts';
import { deleteSelection } from '../editorActions.ts';

export function MultiNodeInspector({ nodes }: { nodes: DocNode[] }) {
  const kind = nodes[0]!.kind;
  const ids = nodes.map((n) => n.id);
  const key = ids.join(',');
  const onEdit = useMemo(() => editNodes(key.split(',')), [key]);
  const fields = useMemo(() => schemaFields(nodeParamsSchemas[kind], ['params']), [kind]);
  const mixed = useMemo(() => mixedPaths(nodes.map((n) => ({ params: n.params }))), [nodes]);
  const meta = KIND_META[kind];
  return (
    <div className="inspector-body" key={key} data-testid="multi-inspector">
      <header className="inspector-head" style={{ '--kind': meta.color } as React.CSSProperties}>
        <span className="inspector-icon">
          <KindIcon kind={kind} size={20} />
        </span>
        <div>
          <div className="inspector-kind">
            {nodes.length} × {meta.name}
          </div>
          <div className="inspector-id" title={nodes.map((n) => n.label || n.id).join(', ')}>
            {nodes.map((n) => n.label || n.id).join(', ')}
          </div>
        </div>
        <button type="button" className="btn ghost danger small" onClick={deleteSelection} aria-label="Delete the selected nodes">
          Delete
        </button>
      </header>
      <p className="note">Edits apply to all {nodes.length}. Fields marked “mixed” differ between them.</p>
      <h3 className="section-title">Parameters</h3>
      <SchemaForm
        scope={`nodes-${key}`}
        fields={fields}
        value={nodes[0]}
        onEdit={onEdit}
        skip={['schedule', 'replay', 'bursts']}
        mixed={mixed}
      />
    </div>
  );
}
