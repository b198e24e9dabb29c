/** The scenario tab: run settings, traffic per client, failure timeline, requirements. */
import { scenarioSchema, type NodeOf } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { documentProblems } from '../../store/derived.ts';
import { editScenario } from '../panels/editors.ts';
import { SchemaForm } from '../panels/SchemaForm.tsx';
import { schemaFields } from '../panels/schemaFields.ts';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { BurstsEditor } from './BurstsEditor.tsx';
import { FailuresEditor } from './FailuresEditor.tsx';
import { RequirementsEditor } from './RequirementsEditor.tsx';

const RUN_FIELDS = schemaFields(scenarioSchema);

export function ScenarioEditor() {
  const doc = useAppStore((s) => s.doc);
  // A failure's problems are shown on its card (FailuresEditor).
  const problems = documentProblems(doc).filter((p) => p.path[0] === 'scenario' && p.path[1] !== 'failures');
  const clients = doc.nodes.filter((n): n is NodeOf<'client'> => n.kind === 'client');
  return (
    <div className="inspector-body scenario">
      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.map((p, i) => (
            <li key={i} className={`problem-${p.severity}`}>
              {p.where}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <h3 className="section-title">Run</h3>
      <div className="row-card-grid">
        <SchemaForm scope="scenario" fields={RUN_FIELDS} value={doc.scenario} onEdit={editScenario} skip={['failures', 'requirements']} />
      </div>
      <h3 className="section-title">Traffic</h3>
      {clients.length === 0 && <p className="empty">Add a client to the canvas to give the design traffic.</p>}
      {clients.map((c) => (
        <div key={c.id} className="client-traffic">
          <div className="client-traffic-head">
            <button type="button" className="link" onClick={() => useAppStore.getState().select([c.id], [])}>
              {c.label || c.id}
            </button>
            <span className="muted">
              {c.params.arrival === 'closed' ? `closed loop · ${c.params.users} users` : `${c.params.arrival} arrivals`}
            </span>
          </div>
          {c.params.arrival !== 'closed' && c.params.arrival !== 'replay' && <ScheduleEditor node={c} durationS={doc.scenario.durationS} />}
          <BurstsEditor node={c} durationS={doc.scenario.durationS} help={false} />
        </div>
      ))}
      <h3 className="section-title">Failures</h3>
      <FailuresEditor doc={doc} />
      <h3 className="section-title">Requirements</h3>
      <RequirementsEditor doc={doc} />
    </div>
  );
}
