/**
 * Pieces shared by the scenario's editable lists (schedule points, bursts, failures,
 * requirements): the × that removes a row, and where a new timed row goes.
 */

/** The × that removes row `index` (shown to people as `${what} ${index + 1}`): one edit, one undo step. */
export function RemoveRowButton<T>({
  what,
  index,
  rows,
  onRows,
}: {
  what: string;
  index: number;
  rows: readonly T[];
  onRows: (rows: T[]) => void;
}) {
  return (
    <button
      type="button"
      className="btn icon ghost"
      aria-label={`Remove ${what} ${index + 1}`}
      onClick={() => onRows(rows.filter((_, j) => j !== index))}
    >
      ×
    </button>
  );
}

/** When a new timed row goes: a sixth of the run (at least 1 s) after the last one, or at `firstAtS`; never past the end. */
export function nextRowAtS(lastAtS: number | undefined, durationS: number, firstAtS: number): number {
  return Math.min(durationS, lastAtS !== undefined ? lastAtS + Math.max(1, Math.round(durationS / 6)) : firstAtS);
}
