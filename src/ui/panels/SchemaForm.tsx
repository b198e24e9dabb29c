/**
 * A form generated from schema-derived fields (see schemaFields.ts). `value` is the object the
 * field paths point into; every change goes through `onEdit`, which validates against the
 * schema and returns a message, or null once the value is in the document.
 */
import { useState } from 'react';
import { distributionMean, type Distribution } from '../../model/index.ts';
import { getIn } from '../../lib/setIn.ts';
import { groupSummary, optionLabel, type FieldSpec } from './schemaFields.ts';
import { FieldRow, fieldId } from './fields/FieldRow.tsx';
import { NumberField, type EditFn } from './fields/NumberField.tsx';
import { TextField } from './fields/TextField.tsx';
import { FIELD_HINTS } from './fieldHints.ts';
import { fieldHistoryKeyDown } from './fields/historyKeys.ts';

export interface SchemaFormProps {
  scope: string;
  fields: FieldSpec[];
  value: unknown;
  onEdit: EditFn;
  /** Keys not to render (edited elsewhere). */
  skip?: readonly string[];
  /** Keys of nested groups shown expanded at first. */
  openGroups?: readonly string[];
  /** Editing several objects at once: dot-joined paths whose value differs between them (see mixedPaths.ts). */
  mixed?: ReadonlySet<string>;
  /** Shown at the end of the group with this key, after its fields (a preview of what they do). */
  groupExtras?: Readonly<Record<string, React.ReactNode>>;
  /** Dot-joined paths of fields the other settings make irrelevant, with why (fieldApplies.ts): shown dimmed. */
  notes?: ReadonlyMap<string, string>;
}

/** What every field of one form (and its nested groups) shares. */
interface FormContext {
  scope: string;
  onEdit: EditFn;
  openGroups: readonly string[];
  mixed: ReadonlySet<string>;
  groupExtras: Readonly<Record<string, React.ReactNode>>;
  notes: ReadonlyMap<string, string>;
}

const NONE: ReadonlySet<string> = new Set();
const NO_EXTRAS: Readonly<Record<string, React.ReactNode>> = {};
const NO_NOTES: ReadonlyMap<string, string> = new Map();

export function SchemaForm({
  scope,
  fields,
  value,
  onEdit,
  skip = [],
  openGroups = [],
  mixed = NONE,
  groupExtras = NO_EXTRAS,
  notes = NO_NOTES,
}: SchemaFormProps) {
  const ctx: FormContext = { scope, onEdit, openGroups, mixed, groupExtras, notes };
  return <FieldList ctx={ctx} fields={fields.filter((f) => !skip.includes(f.key))} value={value} />;
}

function FieldList({ ctx, fields, value }: { ctx: FormContext; fields: FieldSpec[]; value: unknown }) {
  return (
    <div className="schema-form">
      {fields.map((f) => {
        const why = ctx.notes.get(f.path.join('.'));
        const field = <SchemaField key={f.key} ctx={ctx} field={f} value={value} />;
        if (!why) return field;
        return (
          <div key={f.key} className="field-na" data-testid={`na-${f.path.join('.')}`}>
            {field}
            <div className="field-na-why">{why}</div>
          </div>
        );
      })}
    </div>
  );
}

function SchemaField({ ctx, field, value }: { ctx: FormContext; field: FieldSpec; value: unknown }) {
  const { scope, onEdit, openGroups, mixed, groupExtras } = ctx;
  const current = getIn(value, field.path);
  // The kind module's help says what the field does to the system; the short hints say what 0 or empty means.
  const hint = field.help ?? FIELD_HINTS[field.key];
  const isMixed = mixed.has(field.path.join('.'));
  switch (field.type) {
    case 'number':
      return (
        <NumberField
          scope={scope}
          path={field.path}
          label={field.label}
          unit={field.unit}
          value={(current as number | null) ?? null}
          nullable={field.nullable}
          min={field.min}
          max={field.max}
          integer={field.integer}
          onEdit={onEdit}
          hint={hint}
          mixed={isMixed}
        />
      );
    case 'string':
      return (
        <TextField
          scope={scope}
          path={field.path}
          label={field.label}
          value={String(current ?? '')}
          multiline={field.multiline}
          onEdit={onEdit}
        />
      );
    case 'boolean':
      return <BooleanField scope={scope} field={field} checked={current === true} onEdit={onEdit} hint={hint} mixed={isMixed} />;
    case 'enum':
      return <EnumField scope={scope} field={field} value={isMixed ? '' : String(current)} onEdit={onEdit} hint={hint} />;
    case 'distribution':
      return <DistributionField scope={scope} field={field} value={current as Distribution} onEdit={onEdit} mixed={mixed} />;
    case 'group':
      return (
        <details className="field-group" open={openGroups.includes(field.key) || undefined}>
          <summary>
            {field.label}
            {groupSummary(field, current)}
          </summary>
          <FieldList ctx={ctx} fields={field.fields} value={value} />
          {groupExtras[field.key]}
        </details>
      );
    case 'array':
      return null;
  }
}

function BooleanField({
  scope,
  field,
  checked,
  onEdit,
  hint,
  mixed,
}: {
  scope: string;
  field: FieldSpec;
  checked: boolean;
  onEdit: EditFn;
  hint?: string;
  mixed?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const id = fieldId(scope, field.path);
  return (
    <div className="field field-bool">
      <label className="switch" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          ref={(el) => {
            if (el) el.indeterminate = mixed === true;
          }}
          onChange={(e) => setError(onEdit(field.path, e.target.checked))}
          onKeyDown={(e) => fieldHistoryKeyDown(e)}
          data-testid={`field-${field.path.join('.')}`}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="field-label">
          {field.label}
          {mixed && <span className="field-mixed"> (mixed)</span>}
        </span>
      </label>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

function EnumField({
  scope,
  field,
  value,
  onEdit,
  hint,
}: {
  scope: string;
  field: FieldSpec & { type: 'enum' };
  value: string;
  onEdit: EditFn;
  hint?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const id = fieldId(scope, field.path);
  return (
    <FieldRow id={id} label={field.label} error={error} hint={hint}>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(e) => setError(onEdit(field.path, e.target.value))}
        onKeyDown={(e) => fieldHistoryKeyDown(e)}
        data-testid={`field-${field.path.join('.')}`}
      >
        {value === '' && (
          <option value="" disabled>
            mixed
          </option>
        )}
        {field.options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

/** A starting point for a distribution of another type, keeping the current mean. */
function distributionOfType(type: string, current: Distribution): Distribution {
  const m = Math.max(0.001, +distributionMean(current).toPrecision(4));
  switch (type) {
    case 'constant':
      return { type: 'constant', ms: m };
    case 'uniform':
      return { type: 'uniform', minMs: 0, maxMs: 2 * m };
    case 'lognormal':
      return { type: 'lognormal', p50Ms: m, p99Ms: 4 * m };
    default:
      return { type: 'exponential', meanMs: m };
  }
}

function DistributionField({
  scope,
  field,
  value,
  onEdit,
  mixed,
}: {
  scope: string;
  field: FieldSpec & { type: 'distribution' };
  value: Distribution;
  onEdit: EditFn;
  mixed: ReadonlySet<string>;
}) {
  const [error, setError] = useState<string | null>(null);
  const id = fieldId(scope, field.path);
  const base = field.path.join('.');
  const typeMixed = mixed.has(`${base}.type`);
  // Distributions of different types have no common parameters to show.
  const variant = typeMixed ? [] : (field.variants[value.type] ?? []);
  return (
    <div className="field-dist">
      <FieldRow id={id} label={field.label} error={error}>
        <select
          id={id}
          className="input"
          value={typeMixed ? '' : value.type}
          onChange={(e) => setError(onEdit(field.path, distributionOfType(e.target.value, value)))}
          onKeyDown={(e) => fieldHistoryKeyDown(e)}
          data-testid={`field-${field.path.join('.')}`}
        >
          {typeMixed && (
            <option value="" disabled>
              mixed
            </option>
          )}
          {Object.keys(field.variants).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </FieldRow>
      <div className="field-dist-params">
        {variant.map(
          (f) =>
            f.type === 'number' && (
              <NumberField
                key={`${value.type}-${f.key}`}
                scope={scope}
                path={f.path}
                label={f.label}
                unit={f.unit}
                value={(getIn(value, [f.key]) as number) ?? null}
                min={f.min}
                max={f.max}
                integer={f.integer}
                onEdit={onEdit}
                mixed={mixed.has(`${base}.${f.key}`)}
              />
            ),
        )}
      </div>
    </div>
  );
}
