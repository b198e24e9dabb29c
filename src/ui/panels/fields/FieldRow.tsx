/** Layout of one form field: label, control, unit, and the validation message beside it. */
export interface FieldRowProps {
  id: string;
  label: string;
  unit?: string | null;
  error?: string | null;
  hint?: string;
  children: React.ReactNode;
}

export function FieldRow({ id, label, unit, error, hint, children }: FieldRowProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-control">
        {children}
        {unit !== undefined && <span className="field-unit">{unit ?? ''}</span>}
      </div>
      {error ? (
        <div className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

/** A DOM id for the field at `path` (stable, unique within one form). */
export const fieldId = (scope: string, path: readonly (string | number)[]) => `f-${scope}-${path.join('-')}`;
