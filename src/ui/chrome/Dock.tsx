/**
 * The bottom dock: tabs for the graph problems, the run results (charts, requirements,
 * findings) and the comparison of two runs. Collapsed by default: the bar shows the counts.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { documentProblems } from '../../store/derived.ts';
import { DockRunTabs, DockRunBody } from '../results/DockRunTabs.tsx';

export function Dock() {
  const { doc, open, setOpen, select, tab, setTab } = useAppStore(
    useShallow((s) => ({ doc: s.doc, open: s.dockOpen, setOpen: s.setDockOpen, select: s.select, tab: s.dockTab, setTab: s.setDockTab })),
  );
  const problems = documentProblems(doc);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className={`dock${open ? ' open' : ''}${open && tab !== 'problems' ? ' tall' : ''}`} aria-label="Problems and results">
      <div className="dock-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={open && tab === 'problems'}
          className={`dock-bar${open && tab === 'problems' ? ' active' : ''}`}
          onClick={() => {
            setTab('problems');
            setOpen(!(open && tab === 'problems'));
          }}
          aria-expanded={open}
          data-testid="dock-toggle"
        >
          <span className="dock-title">Problems</span>
          <span className={`pill ${errors ? 'pill-error' : 'pill-muted'}`}>
            {errors} error{errors === 1 ? '' : 's'}
          </span>
          <span className={`pill ${warnings ? 'pill-warning' : 'pill-muted'}`}>
            {warnings} warning{warnings === 1 ? '' : 's'}
          </span>
        </button>
        <DockRunTabs />
        <button
          type="button"
          className="dock-chevron btn ghost small"
          onClick={() => setOpen(!open)}
          aria-label={open ? 'Collapse the dock' : 'Expand the dock'}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && tab !== 'problems' && <DockRunBody />}
      {open && tab === 'problems' && (
        <ul className="dock-list">
          {problems.length === 0 && <li className="empty">No problems: every component is reachable and wired correctly.</li>}
          {problems.map((p, i) => (
            <li key={i} className={`problem-${p.severity}`}>
              <button type="button" className="link" disabled={!p.nodes.length} onClick={() => select(p.nodes, [])}>
                {p.where}
              </button>
              <span>{p.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
