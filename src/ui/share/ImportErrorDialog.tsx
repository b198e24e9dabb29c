/** Why a file could not be opened: one line per problem, naming the node/edge and field. */
import { useShareUi } from './shareUi.ts';
import { Dialog } from '../chrome/Dialog.tsx';

const SHOWN = 50;

export function ImportErrorDialog() {
  const problem = useShareUi((s) => s.problem);
  const close = useShareUi((s) => s.close);
  if (!problem) return null;
  return (
    <Dialog labelledBy="import-title" onClose={close} role="alertdialog" testId="import-errors">
      <header className="dialog-head">
        <h2 id="import-title">{problem.title}</h2>
        <button type="button" className="btn icon ghost" onClick={close} aria-label="Close">
          ×
        </button>
      </header>
      <p className="dialog-sub" data-testid="import-message">
        {problem.message} Your library and the design open now are unchanged.
      </p>
      {problem.errors.length > 0 && (
        <ul className="import-errors">
          {problem.errors.slice(0, SHOWN).map((e, i) => (
            <li key={i} data-testid="import-error">
              <code>{e.where}</code>
              <span>{e.message}</span>
            </li>
          ))}
          {problem.errors.length > SHOWN && <li className="more">… and {problem.errors.length - SHOWN} more</li>}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn primary" data-autofocus onClick={close}>
          OK
        </button>
      </div>
    </Dialog>
  );
}
