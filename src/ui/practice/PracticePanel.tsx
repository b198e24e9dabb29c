/** The practice panel (right column): the problem's brief, "Check my design" with its scorecard, and the interview checklist. */
import { useEffect } from 'react';
import { useAppStore } from '../../store/useAppStore.ts';
import { usePractice, type PracticeTab } from './usePractice.ts';
import { currentProblem, openProblemFromLocation, problemLink } from './practiceActions.ts';
import { BriefView } from './BriefView.tsx';
import { CheckView } from './CheckView.tsx';
import { ChecklistView } from './ChecklistView.tsx';
import { ProblemPicker } from './ProblemPicker.tsx';
import './practice.css';

const TABS: { id: PracticeTab; label: string }[] = [
  { id: 'brief', label: 'Brief' },
  { id: 'check', label: 'Check' },
  { id: 'checklist', label: 'Checklist' },
];

/**
 * Opens `#problem=<id>` links pasted into this tab (the first load is handled in main.tsx), and
 * shows the panel whenever a design made for a problem is opened (from the library, a file or a share link).
 */
export function usePracticeLinks(): void {
  useEffect(() => {
    const onHash = () => {
      openProblemFromLocation();
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const opened = useAppStore((s) => s.openCount);
  useEffect(() => {
    const { doc } = useAppStore.getState();
    const p = usePractice.getState();
    p.setCheck({ status: 'idle' });
    if (doc.practice) p.setOpen(true);
  }, [opened]);
}

export function PracticePanel() {
  const doc = useAppStore((s) => s.doc);
  const { open, tab, setTab, setOpen, setPickerOpen } = usePractice();
  const problem = currentProblem(doc);
  if (!open) return null;
  return (
    <aside className="practice-panel" aria-label="Practice" data-testid="practice-panel">
      <header className="practice-head">
        <div>
          <p className="panel-title">Practice problem</p>
          <h2 data-testid="practice-title">{problem ? problem.title : 'No problem open'}</h2>
          {problem && (
            <a className="practice-link" href={problemLink(problem.id)} title="A link that opens this problem’s brief">
              #problem={problem.id}
            </a>
          )}
        </div>
        <div className="practice-head-actions">
          <button type="button" className="btn small" onClick={() => setPickerOpen(true)} data-testid="open-picker">
            Problems
          </button>
          <button type="button" className="btn icon ghost" onClick={() => setOpen(false)} aria-label="Close the practice panel">
            ×
          </button>
        </div>
      </header>
      {problem ? (
        <>
          <div className="tabs" role="tablist" aria-label="Practice panels">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'active' : ''}
                onClick={() => setTab(t.id)}
                data-testid={`practice-tab-${t.id}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          {tab === 'brief' && <BriefView problem={problem} />}
          {tab === 'check' && <CheckView problem={problem} />}
          {tab === 'checklist' && <ChecklistView />}
        </>
      ) : (
        <div className="practice-body">
          <p>
            {doc.practice
              ? `This design names the practice problem “${doc.practice.problem}”, which does not exist here.`
              : 'The open design is not a practice answer.'}{' '}
            Pick a problem to start from its brief and canvas.
          </p>
          <button type="button" className="btn primary" onClick={() => setPickerOpen(true)}>
            Choose a problem
          </button>
        </div>
      )}
    </aside>
  );
}

/** The picker dialog, mounted once by the shell. */
export function PracticePicker() {
  const pickerOpen = usePractice((s) => s.pickerOpen);
  return pickerOpen ? <ProblemPicker /> : null;
}
