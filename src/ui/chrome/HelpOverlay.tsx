/** The keyboard-shortcut and how-to overlay (`?`), with the way to the About dialog. */
import { useAppStore } from '../../store/useAppStore.ts';
import { SHORTCUTS } from './shortcuts.ts';
import { Dialog } from './Dialog.tsx';

export function HelpOverlay() {
  const open = useAppStore((s) => s.helpOpen);
  const setOpen = useAppStore((s) => s.setHelpOpen);
  const setAboutOpen = useAppStore((s) => s.setAboutOpen);
  if (!open) return null;
  return (
    <Dialog labelledBy="help-title" onClose={() => setOpen(false)} testId="help">
      <header className="dialog-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="button" className="btn icon ghost" onClick={() => setOpen(false)} aria-label="Close help">
          ×
        </button>
      </header>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="or"> or </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Drawing a design</h3>
      <ol className="howto">
        <li>Drag a component from the left onto the canvas, or click it.</li>
        <li>Connect two components by dragging from the dot on the right of one card and dropping anywhere on the other card.</li>
        <li>
          Select a card or a call to edit it on the right. Invalid values are refused with a reason. Select several cards of one kind to
          edit them together.
        </li>
        <li>
          Each card shows λ (expected requests per second) and ρ (utilization): green is fine, amber is busy, red (ρ ≥ 1) is over capacity.
        </li>
        <li>With nothing selected, the right panel edits the design and its scenario (traffic, failures, requirements).</li>
      </ol>
      <div className="dialog-actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            setOpen(false);
            setAboutOpen(true);
          }}
          data-testid="about-button"
        >
          What the model simplifies…
        </button>
      </div>
    </Dialog>
  );
}
