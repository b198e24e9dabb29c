/** The problem list: one card per practice problem; opening one starts a new design from its canvas. */
import { Dialog } from '../chrome/Dialog.tsx';
import { PROBLEMS } from '../../practice/problems.ts';
import { usd } from './format.ts';
import { openProblem } from './practiceActions.ts';
import { usePractice } from './usePractice.ts';

export function ProblemPicker() {
  const close = () => usePractice.getState().setPickerOpen(false);
  return (
    <Dialog labelledBy="picker-title" onClose={close} className="gallery practice-picker" testId="problem-picker">
      <header className="dialog-head">
        <div>
          <h2 id="picker-title">Practice: system-design interview problems</h2>
          <p className="dialog-sub">
            Each problem has a brief with numbers, failure drills and a budget. “Check my design” runs every drill and grades it. Opening
            one adds its starting canvas to your library; the design open now is kept.
          </p>
        </div>
        <button type="button" className="btn icon ghost" onClick={close} aria-label="Close the problem list">
          ×
        </button>
      </header>
      <ul className="picker-list">
        {PROBLEMS.map((p) => (
          <li key={p.id}>
            <button type="button" className="picker-card" onClick={() => openProblem(p)} data-testid={`problem-${p.id}`}>
              <span className="picker-title">{p.title}</span>
              <span className="picker-summary">{p.summary}</span>
              <span className="picker-meta">
                {p.drills.length} drills · budget {usd(p.budgetUsdPerMonth)}/month · #problem={p.id}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
