/** The scenario's requirements: target, metric, comparison, value (graded after a run). */
import { REQUIREMENT_METRICS, requirementSchema, type ArchDocument, type Requirement } from '../../model/index.ts';
import { editScenario } from '../panels/editors.ts';
import { NumberField } from '../panels/fields/NumberField.tsx';
import { schemaFields } from '../panels/schemaFields.ts';
import { RemoveRowButton } from './listRows.tsx';

const OPS = (() => {
  const f = schemaFields(requirementSchema).find((x) => x.key === 'op');
  return f?.type === 'enum' ? f.options : [];
})();

export function RequirementsEditor({ doc }: { doc: ArchDocument }) {
  const reqs = doc.scenario.requirements;
  const set = (i: number, r: Requirement) => editScenario(['requirements', i], r);
  const add = () => {
    const target = doc.nodes.find((n) => n.kind === 'client') ?? doc.nodes[0];
    if (!target) return;
    editScenario(['requirements'], [...reqs, requirementSchema.parse({ target: target.id, metric: 'latencyP99Ms', op: '<', value: 300 })]);
  };
  return (
    <div className="requirements">
      {reqs.length === 0 && <p className="empty">No requirements yet. Add one to grade runs (e.g. p99 latency of a client &lt; 300 ms).</p>}
      {reqs.map((r, i) => (
        <div key={i} className="row-card" data-testid={`requirement-${i}`}>
          <div className="row-card-head">
            <select
              className="input"
              aria-label={`Requirement ${i + 1} target`}
              value={r.target}
              onChange={(e) => set(i, { ...r, target: e.target.value })}
            >
              {!doc.nodes.some((n) => n.id === r.target) && <option value={r.target}>{r.target} (missing)</option>}
              {doc.nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label || n.id}
                </option>
              ))}
            </select>
            <RemoveRowButton what="requirement" index={i} rows={reqs} onRows={(rows) => editScenario(['requirements'], rows)} />
          </div>
          <div className="row-card-grid three">
            <select
              className="input"
              aria-label={`Requirement ${i + 1} metric`}
              value={r.metric}
              onChange={(e) => set(i, { ...r, metric: e.target.value as Requirement['metric'] })}
            >
              {REQUIREMENT_METRICS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            <select
              className="input"
              aria-label={`Requirement ${i + 1} comparison`}
              value={r.op}
              onChange={(e) => set(i, { ...r, op: e.target.value as Requirement['op'] })}
            >
              {OPS.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
            <NumberField
              compact
              scope={`req-${i}`}
              path={['requirements', i, 'value']}
              label={`Requirement ${i + 1} value`}
              unit={null}
              value={r.value}
              onEdit={editScenario}
            />
          </div>
          {r.text && <div className="field-hint">{r.text}</div>}
        </div>
      ))}
      <button type="button" className="btn small" onClick={add} disabled={doc.nodes.length === 0}>
        + Add requirement
      </button>
    </div>
  );
}
