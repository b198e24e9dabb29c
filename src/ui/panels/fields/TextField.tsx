/** A text input (or textarea) validated like NumberField: invalid text stays a local draft. */
import { useEffect, useState } from 'react';
import { FieldRow, fieldId } from './FieldRow.tsx';
import type { FieldPath } from '../schemaFields.ts';
import type { EditFn } from './NumberField.tsx';
import { fieldEdits } from '../editors.ts';
import { fieldHistoryKeyDown } from './historyKeys.ts';

export interface TextFieldProps {
  scope: string;
  path: FieldPath;
  label: string;
  value: string;
  multiline?: boolean;
  onEdit: EditFn;
  placeholder?: string;
}

export function TextField({ scope, path, label, value, multiline, onEdit, placeholder }: TextFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = fieldId(scope, path);
  useEffect(() => {
    if (!error) setDraft(null);
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  const change = (text: string) => {
    setDraft(text);
    setError(onEdit(path, text));
  };
  const common = {
    id,
    className: 'input',
    value: draft ?? value,
    placeholder,
    'aria-invalid': error ? true : undefined,
    onFocus: fieldEdits.begin,
    onBlur: () => {
      fieldEdits.end();
      if (!error) setDraft(null);
    },
    onKeyDown: (e: React.KeyboardEvent) =>
      fieldHistoryKeyDown(e, () => {
        const had = error !== null;
        setDraft(null);
        setError(null);
        return had;
      }),
    'data-testid': `field-${path.join('.')}`,
  } as const;
  return (
    <FieldRow id={id} label={label} error={error}>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => change(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => change(e.target.value)} />
      )}
    </FieldRow>
  );
}
