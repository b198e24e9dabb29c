/** The design tab: title, description and a health summary of the graph. */
import { useAppStore } from '../../store/useAppStore.ts';
import { documentAnalysis, documentProblems } from '../../store/derived.ts';
import { TextField } from './fields/TextField.tsx';
import { editMeta } from './editors.ts';

export function DesignPanel() {
  const doc = useAppStore((s) => s.doc);
  const problems = documentProblems(doc);
  const analysis = documentAnalysis(doc);
  const over = 'error' in analysis ? [] : doc.nodes.filter((n) => (analysis.nodes[n.id]?.utilization ?? 0) >= 1);
  return (
    <div className="inspector-body">
      <TextField scope="doc" path={['title']} label="Title" value={doc.title} onEdit={editMeta} />
      <TextField
        scope="doc"
        path={['description']}
        label="Description"
        value={doc.description}
        multiline
        onEdit={editMeta}
        placeholder="What this design is, and what to look for"
      />
      <h3 className="section-title">Health</h3>
      <dl className="stats">
        <div>
          <dt>Components</dt>
          <dd>{doc.nodes.length}</dd>
        </div>
        <div>
          <dt>Calls</dt>
          <dd>{doc.edges.length}</dd>
        </div>
        <div>
          <dt>Over capacity</dt>
          <dd className={over.length ? 'bad' : 'good'}>{over.length}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd className={problems.length ? 'warn' : 'good'}>{problems.length}</dd>
        </div>
      </dl>
      {over.length > 0 && <p className="note bad">Over capacity: {over.map((n) => n.label || n.id).join(', ')}.</p>}
      {'error' in analysis && <p className="note warn">Capacity overlay unavailable: {analysis.error}</p>}
      {doc.nodes.length === 0 && (
        <p className="empty">
          Drag components from the left onto the canvas (or click one), then connect them by dragging from the right edge of a card to
          another card.
        </p>
      )}
    </div>
  );
}
