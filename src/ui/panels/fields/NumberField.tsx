/**
 * A number input that keeps the typed text as a local draft: each keystroke is validated by
 * `onEdit` (the schema), a valid number goes into the document at once, and an invalid one
 * stays in the field with its message and never reaches the document.
 */
import { useEffect, useState } from 'react';
import { FieldRow, fieldId } from './FieldRow.tsx';
import type { FieldPath } from '../schemaFields.ts';
import { fieldEdits } from '../editors.ts';
import { fieldHistoryKeyDown } from './historyKeys.ts';

export type EditFn = (path: FieldPath, value: unknown) => string | null;

export interface NumberFieldProps {
  scope: string;
  path: FieldPath;
  label: string;
  unit: string | null;
  value: number | null;
  nullable?: boolean;
  min?: number | null;
  max?: number | null;
  integer?: boolean;
  onEdit: EditFn;
  hint?: string;
  compact?: boolean;
  /** Several objects are edited together and their values differ: shown empty, "mixed". */
  mixed?: boolean;
}

const show = (v: number | null) => (v === null ? '' : String(v));

export function NumberField({
  scope,
  path,
  label,
  unit,
  value,
  nullable = false,
  min,
  max,
  integer,
  onEdit,
  hint,
  compact,
  mixed = false,
}: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = fieldId(scope, path);

  // An outside change (undo, another field) replaces a draft that is not an error being fixed.
  useEffect(() => {
    if (!error) setDraft(null);
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps

  const commit = (text: string) => {
    setDraft(text);
    const trimmed = text.trim();
    if (trimmed === '' && nullable) {
      setError(onEdit(path, null));
      return;
    }
    const n = Number(trimmed.replace(/[_,\s]/g, ''));
    if (trimmed === '' || !Number.isFinite(n)) {
      setError('Enter a number');
      return;
    }
    setError(onEdit(path, n));
  };

  const range = [min != null ? `≥ ${min.toLocaleString('en-US')}` : null, max != null ? `≤ ${max.toLocaleString('en-US')}` : null]
    .filter(Boolean)
    .join(', ');
  const input = (
    <input
      id={id}
      className="input num"
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      value={draft ?? (mixed ? '' : show(value))}
      placeholder={mixed ? 'mixed' : nullable ? 'unbounded' : undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-label={compact ? label : undefined}
      title={range ? `${integer ? 'Whole number, ' : ''}${range}${nullable ? '; empty = unbounded' : ''}` : undefined}
      onChange={(e) => commit(e.target.value)}
      onFocus={fieldEdits.begin}
      onBlur={() => {
        fieldEdits.end();
        if (!error) setDraft(null);
      }}
      onKeyDown={(e) =>
        fieldHistoryKeyDown(e, () => {
          const had = error !== null;
          setDraft(null);
          setError(null);
          return had;
        })
      }
      data-testid={`field-${path.join('.')}`}
    />
  );
  if (compact) {
    return (
      <span className={`cell${error ? ' has-error' : ''}`}>
        {input}
        {error && (
          <span className="field-error" role="alert" id={`${id}-error`}>
            {error}
          </span>
        )}
      </span>
    );
  }
  return (
    <FieldRow id={id} label={label} unit={unit} error={error} hint={hint ?? (nullable ? 'Empty = unbounded' : undefined)}>
      {input}
    </FieldRow>
  );
}
