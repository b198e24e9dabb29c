/** The scenario's failure injections: which node or call, what, when, for how long; each card shows its own problems. */
import { failureSchema, type ArchDocument, type Failure } from '../../model/index.ts';
import { documentProblems } from '../../store/derived.ts';
import { editScenario } from '../panels/editors.ts';
import { NumberField } from '../panels/fields/NumberField.tsx';
import { SchemaForm } from '../panels/SchemaForm.tsx';
import { optionLabel, schemaFields } from '../panels/schemaFields.ts';
import { FailureTimeline } from './FailureTimeline.tsx';
import { SOURCE_KINDS } from '../../model/index.ts';
import { RemoveRowButton } from './listRows.tsx';

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
/** What a failure kind needs when the design has nothing it can target. */
const NO_TARGET: Partial<Record<Failure['kind'], string>> = {
  flush: 'This design has no cache to flush: add a cache (mode: keyspace) first.',
  consumerCrash: 'This design has no service to crash: add a service that consumes from a queue first.',
  partition: 'This design has no calls to partition yet.',
  latency: 'This design has no calls to slow down yet.',
};
/** What the kind does where the fields alone do not say it. */
const KIND_NOTE: Partial<Record<Failure['kind'], string>> = {
  flush:
    'At this moment the cache drops every entry, so the next lookups miss and go to its backend until it refills (a restart, a mass invalidation). A flush is instant: it has no duration.',
};

function targetsFor(doc: ArchDocument, kind: Failure['kind']): { id: string; name: string }[] {
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  if (onEdges(kind)) return doc.edges.map((e) => ({ id: e.id, name: `${label(e.source)} → ${label(e.target)}` }));
  return doc.nodes
    .filter((n) =>
      kind === 'consumerCrash' ? n.kind === 'service' : kind === 'flush' ? n.kind === 'cache' : !SOURCE_KINDS.includes(n.kind),
    )
    .map((n) => ({
      id: n.id,
      // Only a key-space cache holds entries to flush; the card's problem says how to fix a hit-ratio one.
      name: kind === 'flush' && n.kind === 'cache' && n.params.mode !== 'keyspace' ? `${label(n.id)} (hit-ratio mode)` : label(n.id),
    }));
}

/** The option shown for a target the kind cannot take: the node of another kind, or a missing id. */
function strayTarget(doc: ArchDocument, f: Failure): string {
  const n = doc.nodes.find((x) => x.id === f.target);
  if (n) return `${n.label || n.id} (a ${n.kind}: not a target for ${optionLabel(f.kind)})`;
  const e = doc.edges.find((x) => x.id === f.target);
  return e ? `${f.target} (a call: not a target for ${optionLabel(f.kind)})` : `${f.target} (missing)`;
}

export function FailuresEditor({ doc }: { doc: ArchDocument }) {
  const { failures, durationS, warmupS } = doc.scenario;
  const names = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const setFailure = (i: number, f: Failure) => editScenario(['failures', i], f);
  const problems = documentProblems(doc).filter((p) => p.path[0] === 'scenario' && p.path[1] === 'failures');
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
        const noTarget = targets.length === 0 ? NO_TARGET[f.kind] : undefined;
        // With nothing to target, the note says what to add; the target's own problem would only repeat it.
        const own = problems.filter((p) => p.path[2] === i && !(noTarget && p.path[3] === 'target'));
        const note = KIND_NOTE[f.kind];
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
                  // A flush is instant; its duration only sizes its bar, so it gets a thin one.
                  const durationS = kind === 'flush' && f.kind !== 'flush' ? 1 : f.durationS;
                  setFailure(i, { ...f, kind, durationS, target: ok || !fallback ? f.target : fallback });
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
                title={targets.find((t) => t.id === f.target)?.name ?? strayTarget(doc, f)}
                value={f.target}
                onChange={(e) => setFailure(i, { ...f, target: e.target.value })}
              >
                {!targets.some((t) => t.id === f.target) && <option value={f.target}>{strayTarget(doc, f)}</option>}
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <RemoveRowButton what="failure" index={i} rows={failures} onRows={(rows) => editScenario(['failures'], rows)} />
            </div>
            {noTarget && (
              <p className="note bad" data-testid={`failure-${i}-no-target`}>
                {noTarget}
              </p>
            )}
            {own.length > 0 && (
              <ul className="problem-list" data-testid={`failure-${i}-problems`}>
                {own.map((p, j) => (
                  <li key={j} className={`problem-${p.severity}`}>
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
            <div className="row-card-grid">
              <NumberField scope={scope} path={['failures', i, 'atS']} label="At" unit="s" value={f.atS} onEdit={editScenario} />
              {f.kind !== 'flush' && (
                <NumberField
                  scope={scope}
                  path={['failures', i, 'durationS']}
                  label="For"
                  unit="s"
                  value={f.durationS}
                  onEdit={editScenario}
                />
              )}
            </div>
            {note && <p className="field-hint failure-note">{note}</p>}
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
