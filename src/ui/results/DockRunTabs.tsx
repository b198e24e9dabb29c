/** The dock's Results and Compare tabs (buttons with counts) and their bodies. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import type { DockTab } from '../../store/runSlice.ts';
import { CompareView } from './CompareView.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { SweepPanel } from './SweepPanel.tsx';
import { useShownRun } from './useShownRun.ts';
import './results.css';

export function DockRunTabs() {
  const { open, tab, runs, sweepPoints, sweepStatus } = useAppStore(
    useShallow((s) => ({
      open: s.dockOpen,
      tab: s.dockTab,
      runs: s.runs.length,
      sweepPoints: s.sweep?.values.length ?? 0,
      sweepStatus: s.sweepStatus,
    })),
  );
  const { result, stale } = useShownRun();
  const go = (t: DockTab) => {
    const s = useAppStore.getState();
    s.setDockTab(t);
    s.setDockOpen(!(open && tab === t));
  };
  const failing = result?.requirements.filter((r) => !r.pass).length ?? 0;
  const critical = result?.findings.filter((f) => f.severity === 'critical').length ?? 0;
  return (
    <>
      <button
        type="button"
        role="tab"
        aria-selected={open && tab === 'results'}
        className={`dock-bar${open && tab === 'results' ? ' active' : ''}`}
        onClick={() => go('results')}
        data-testid="dock-tab-results"
      >
        <span className="dock-title">Results</span>
        {result && (
          <span className={`pill ${critical ? 'pill-error' : result.findings.length ? 'pill-warning' : 'pill-muted'}`}>
            {result.findings.length} finding{result.findings.length === 1 ? '' : 's'}
          </span>
        )}
        {result && result.requirements.length > 0 && (
          <span className={`pill ${failing ? 'pill-error' : 'pill-ok'}`}>{failing ? `${failing} failing` : 'requirements pass'}</span>
        )}
        {stale && <span className="pill pill-muted">stale</span>}
      </button>
      <button
        type="button"
        role="tab"
        aria-selected={open && tab === 'compare'}
        className={`dock-bar${open && tab === 'compare' ? ' active' : ''}`}
        onClick={() => go('compare')}
        data-testid="dock-tab-compare"
      >
        <span className="dock-title">Compare</span>
        <span className="pill pill-muted">
          {runs} run{runs === 1 ? '' : 's'}
        </span>
      </button>
      <button
        type="button"
        role="tab"
        aria-selected={open && tab === 'sweep'}
        className={`dock-bar${open && tab === 'sweep' ? ' active' : ''}`}
        onClick={() => go('sweep')}
        data-testid="dock-tab-sweep"
      >
        <span className="dock-title">Sweep</span>
        {sweepStatus === 'running' ? (
          <span className="pill pill-warning">running</span>
        ) : (
          sweepPoints > 0 && <span className="pill pill-muted">{sweepPoints} points</span>
        )}
      </button>
    </>
  );
}

export function DockRunBody() {
  const tab = useAppStore((s) => s.dockTab);
  return <div className="dock-body">{tab === 'compare' ? <CompareView /> : tab === 'sweep' ? <SweepPanel /> : <ResultsPanel />}</div>;
}
