/**
 * The bottom dock. It lists the graph problems now; run results will get their own tab here.
 * Collapsed by default: the bar shows the counts.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { documentProblems } from '../../store/derived.ts';

export function Dock() {
  const { doc, open, setOpen, select } = useAppStore(useShallow((s) => ({ doc: s.doc, open: s.dockOpen, setOpen: s.setDockOpen, select: s.select })));
  const problems = documentProblems(doc);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className={`dock${open ? ' open' : ''}`} aria-label="Problems">
      <button type="button" className="dock-bar" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="dock-toggle">
        <span className="dock-title">Problems</span>
        <span className={`pill ${errors ? 'pill-error' : 'pill-muted'}`}>{errors} error{errors === 1 ? '' : 's'}</span>
        <span className={`pill ${warnings ? 'pill-warning' : 'pill-muted'}`}>{warnings} warning{warnings === 1 ? '' : 's'}</span>
        <span className="dock-chevron" aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      {open && (
        <ul className="dock-list">
          {problems.length === 0 && <li className="empty">No problems: every component is reachable and wired correctly.</li>}
          {problems.map((p, i) => (
            <li key={i} className={`problem-${p.severity}`}>
              <button type="button" className="link" disabled={!p.nodes.length} onClick={() => select(p.nodes, [])}>{p.where}</button>
              <span>{p.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
