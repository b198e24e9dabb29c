/** The scenario's failure injections: which node or call, what, when, for how long. */
import { failureSchema, type ArchDocument, type Failure } from '../../model/index.ts';
import { editScenario } from '../panels/editors.ts';
import { NumberField } from '../panels/fields/NumberField.tsx';
import { SchemaForm } from '../panels/SchemaForm.tsx';
import { optionLabel, schemaFields } from '../panels/schemaFields.ts';
import { FailureTimeline } from './FailureTimeline.tsx';
import { SOURCE_KINDS } from '../../model/index.ts';

const KIND_OPTIONS = (() => {
  const f = schemaFields(failureSchema).find((x) => x.key === 'kind');
  return f?.type === 'enum' ? (f.options as Failure['kind'][]) : [];
})();
/** Which of the optional fields each failure kind uses (see the comments in the schema). */
const KIND_FIELDS: Record<Failure['kind'], string[]> = {
  down: ['mode', 'effect'],
  slowdown: ['factor'],
  errorRate: ['probability'],
  capacity: ['workers'],
  partition: ['mode'],
  latency: ['addedMs'],
  consumerCrash: ['probability'],
  flush: [],
};
const onEdges = (kind: Failure['kind']) => kind === 'partition' || kind === 'latency';

function targetsFor(doc: ArchDocument, kind: Failure['kind']): { id: string; name: string }[] {
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  if (onEdges(kind)) return doc.edges.map((e) => ({ id: e.id, name: `${label(e.source)} → ${label(e.target)}` }));
  return doc.nodes
    .filter((n) =>
      kind === 'consumerCrash' ? n.kind === 'service' : kind === 'flush' ? n.kind === 'cache' : !SOURCE_KINDS.includes(n.kind),
    )
    .map((n) => ({ id: n.id, name: label(n.id) }));
}

export function FailuresEditor({ doc }: { doc: ArchDocument }) {
  const { failures, durationS, warmupS } = doc.scenario;
  const names = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const setFailure = (i: number, f: Failure) => editScenario(['failures', i], f);
  const add = () => {
    const target = targetsFor(doc, 'down')[0];
    if (!target) return;
    editScenario(
      ['failures'],
      [
        ...failures,
        failureSchema.parse({
          target: target.id,
          kind: 'down',
          atS: Math.round(durationS / 3),
          durationS: Math.max(1, Math.round(durationS / 6)),
        }),
      ],
    );
  };
  return (
    <div className="failures">
      <FailureTimeline failures={failures} durationS={durationS} warmupS={warmupS} names={names} />
      {failures.map((f, i) => {
        const targets = targetsFor(doc, f.kind);
        const fields = schemaFields(failureSchema, ['failures', i]).filter((x) => KIND_FIELDS[f.kind].includes(x.key));
        const scope = `failure-${i}`;
        return (
          <div key={i} className="row-card" data-testid={`failure-${i}`}>
            <div className="row-card-head">
              <select
                className="input"
                aria-label={`Failure ${i + 1} kind`}
                value={f.kind}
                onChange={(e) => {
                  const kind = e.target.value as Failure['kind'];
                  const ok = targetsFor(doc, kind).some((t) => t.id === f.target);
                  const fallback = targetsFor(doc, kind)[0]?.id;
                  setFailure(i, { ...f, kind, target: ok || !fallback ? f.target : fallback });
                }}
              >
                {KIND_OPTIONS.map((k) => (
                  <option key={k} value={k}>
                    {optionLabel(k)}
                  </option>
                ))}
              </select>
              <select
                className="input"
                aria-label={`Failure ${i + 1} target`}
                value={f.target}
                onChange={(e) => setFailure(i, { ...f, target: e.target.value })}
              >
                {!targets.some((t) => t.id === f.target) && <option value={f.target}>{f.target} (missing)</option>}
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn icon ghost"
                aria-label={`Remove failure ${i + 1}`}
                onClick={() =>
                  editScenario(
                    ['failures'],
                    failures.filter((_, j) => j !== i),
                  )
                }
              >
                ×
              </button>
            </div>
            <div className="row-card-grid">
              <NumberField scope={scope} path={['failures', i, 'atS']} label="At" unit="s" value={f.atS} onEdit={editScenario} />
              <NumberField
                scope={scope}
                path={['failures', i, 'durationS']}
                label="For"
                unit="s"
                value={f.durationS}
                onEdit={editScenario}
              />
            </div>
            <SchemaForm scope={scope} fields={fields} value={doc.scenario} onEdit={editScenario} />
          </div>
        );
      })}
      <button type="button" className="btn small" onClick={add} disabled={doc.nodes.length === 0}>
        + Add failure
      </button>
    </div>
  );
}
