/**
 * The Results tab: the run's header (status, staleness, export, view switch), then charts,
 * key numbers (± CI for replications), theory beside simulation or request traces, with the
 * requirements and findings beside them.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { throughputDefaultScope } from './chartData.ts';
import { downloadText, fileStem } from './download.ts';
import { resultToJson, seriesToCsv } from './exportData.ts';
import { FindingsList } from './FindingsList.tsx';
import { formatSeconds } from './format.ts';
import { RequirementsList } from './RequirementsList.tsx';
import { ResultCharts } from './ResultCharts.tsx';
import { useShownRun } from './useShownRun.ts';
import { useRunLive } from '../../store/runLive.ts';
import type { ResultsView } from '../../store/runSlice.ts';
import { MetricsTable } from './MetricsTable.tsx';
import { TheoryTable } from './TheoryTable.tsx';
import { TracesView } from './TracesView.tsx';
import { runCost, usdText } from '../../practice/cost.ts';
import { problemById } from '../../practice/problems.ts';

const VIEWS: [ResultsView, string][] = [
  ['charts', 'Charts'],
  ['numbers', 'Numbers'],
  ['theory', 'Theory'],
  ['traces', 'Traces'],
];

/** The design's monthly bill at the traffic this run measured (the kinds' cost models; docs/PRACTICE.md). */
function RunCostPill({ record }: { record: { doc: Parameters<typeof runCost>[0]; result: Parameters<typeof runCost>[1] } }) {
  const cost = runCost(record.doc, record.result, problemById(record.doc.practice?.problem ?? '')?.storage);
  return (
    <span
      className="pill pill-muted"
      data-testid="run-cost"
      title={cost.nodes.map((n) => `${n.label}: ${usdText(n.usdPerMonth)}/month — ${n.lines.map((l) => l.what).join('; ')}`).join('\n')}
    >
      ≈ {usdText(cost.usdPerMonth)}/month
    </span>
  );
}

function BatchWaiting() {
  const batch = useRunLive((s) => s.batch);
  return (
    <p className="empty" data-testid="batch-waiting">
      {batch
        ? `Running ${batch.total} replications on ${batch.workers} worker${batch.workers === 1 ? '' : 's'}: ${batch.done} of ${batch.total} done (${Math.round(batch.fraction * 100)} %).`
        : 'Starting the simulation…'}
    </p>
  );
}

export function ResultsPanel() {
  const shown = useShownRun();
  const { runs, highlight, selected, showRun, setHighlight, startRun, view, setView } = useAppStore(
    useShallow((s) => ({
      runs: s.runs,
      highlight: s.highlight,
      selected: s.selectedNodeIds,
      showRun: s.showRun,
      setHighlight: s.setHighlight,
      startRun: s.startRun,
      view: s.resultsView,
      setView: s.setResultsView,
    })),
  );
  const [scopeOverride, setScopeOverride] = useState<string | null>(null);
  const { result, doc, record, phase, stale } = shown;
  if (!result || !doc) {
    return (
      <div className="results-empty" data-testid="results-empty">
        {phase === 'live' ? (
          <BatchWaiting />
        ) : (
          <>
            <p className="empty">
              No results yet. Run the scenario to see latency, throughput, queues and retries over time, and what went wrong where.
            </p>
            <button type="button" className="btn primary" onClick={() => startRun()}>
              Run simulation
            </button>
          </>
        )}
      </div>
    );
  }
  const selectedScope = selected.length === 1 && result.nodes[selected[0]!] ? selected[0]! : null;
  const scope =
    scopeOverride && (scopeOverride === 'e2e' || result.nodes[scopeOverride])
      ? scopeOverride
      : (selectedScope ?? throughputDefaultScope(result));
  const label = record?.label ?? (phase === 'live' ? 'Running' : 'Cancelled');
  const picker = (
    <select
      className="input chart-select"
      value={scopeOverride ?? ''}
      onChange={(e) => setScopeOverride(e.target.value || null)}
      aria-label="Throughput of"
      data-testid="throughput-scope"
    >
      <option value="">{selectedScope ? 'Selected component' : 'Most errors'}</option>
      <option value="e2e">End to end</option>
      {Object.entries(result.nodes).map(([id, n]) => (
        <option key={id} value={id}>
          {n.label}
        </option>
      ))}
    </select>
  );
  const failing = result.requirements.filter((r) => !r.pass).length;
  const rep = phase === 'final' ? record?.replication : undefined;
  const shownView = phase === 'final' ? view : 'charts';
  return (
    <div className="results" data-testid="results" data-phase={phase}>
      <div className="results-head">
        {runs.length > 1 && phase === 'final' ? (
          <select
            className="input run-select"
            value={record?.id}
            onChange={(e) => showRun(e.target.value)}
            aria-label="Run shown"
            data-testid="run-select"
          >
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        ) : (
          <span className="results-label">{label}</span>
        )}
        <span
          className="results-meta"
          title={[
            rep ? `${rep.seeds.length} replications, seeds ${rep.seeds[0]}–${rep.seeds.at(-1)}` : '',
            record?.changes.join('; ') ?? '',
          ]
            .filter(Boolean)
            .join(' · ')}
        >
          {phase === 'live' && `${formatSeconds(result.simulatedS)} simulated so far`}
          {phase === 'partial' && `Cancelled at ${formatSeconds(result.simulatedS)}: partial results`}
          {phase === 'final' &&
            rep &&
            `${formatSeconds(result.simulatedS)} each · ${rep.seeds.length} replications, seeds ${rep.seeds[0]}–${rep.seeds.at(-1)} · ${(rep.summary.events / 1e6).toFixed(2)}M events in ${(rep.wallMs / 1000).toFixed(1)} s on ${rep.workers} worker${rep.workers === 1 ? '' : 's'} · charts show the mean and 95 % band`}
          {phase === 'final' &&
            !rep &&
            `${formatSeconds(result.simulatedS)} · seed ${result.seed} · ${(result.events / 1e6).toFixed(2)}M events in ${(result.wallMs / 1000).toFixed(1)} s${record?.changes.length ? ` · changed: ${record.changes.slice(0, 2).join('; ')}${record.changes.length > 2 ? ` (+${record.changes.length - 2})` : ''}` : ''}`}
        </span>
        {phase === 'final' && record && <RunCostPill record={record} />}
        {phase === 'final' && (
          <span className="view-switch" role="tablist" aria-label="Results view">
            {VIEWS.map(([v, label]) => (
              <button
                key={v}
                type="button"
                role="tab"
                aria-selected={shownView === v}
                className={`view-tab${shownView === v ? ' active' : ''}`}
                onClick={() => setView(v)}
                data-testid={`view-${v}`}
              >
                {label}
                {v === 'traces' && result.traces.length > 0 && <span className="view-count">{result.traces.length}</span>}
              </button>
            ))}
          </span>
        )}
        {stale && (
          <span
            className="pill pill-warning"
            data-testid="stale"
            title="The design changed after this run: run again to update the results."
          >
            Stale: design changed
          </span>
        )}
        {highlight && (
          <button type="button" className="btn small ghost" onClick={() => setHighlight(null)}>
            Clear highlight
          </button>
        )}
        <span className="results-actions">
          <button
            type="button"
            className="btn small"
            disabled={phase === 'live'}
            data-testid="export-json"
            onClick={() =>
              downloadText(`${fileStem(doc.title, record?.id ?? 'partial')}.json`, 'application/json', resultToJson(result, doc, label))
            }
          >
            Export JSON
          </button>
          <button
            type="button"
            className="btn small"
            disabled={phase === 'live'}
            data-testid="export-csv"
            onClick={() => downloadText(`${fileStem(doc.title, record?.id ?? 'partial')}-series.csv`, 'text/csv', seriesToCsv(result))}
          >
            Export CSV
          </button>
        </span>
      </div>
      <div className={`results-body${shownView === 'traces' ? ' no-side' : ''}`}>
        {shownView === 'charts' && (
          <ResultCharts result={result} doc={doc} highlight={highlight} scope={scope} scopePicker={picker} bands={rep?.bands} />
        )}
        {shownView === 'numbers' && <MetricsTable result={result} summary={rep?.summary} />}
        {shownView === 'theory' && <TheoryTable doc={doc} result={result} summary={rep?.summary} />}
        {shownView === 'traces' && <TracesView result={result} />}
        {shownView !== 'traces' && (
          <aside className="results-side">
            <h3 className="side-title">
              Requirements{' '}
              {result.requirements.length > 0 && (
                <span className={`pill ${failing ? 'pill-error' : 'pill-ok'}`}>{failing ? `${failing} failing` : 'all pass'}</span>
              )}
            </h3>
            <RequirementsList result={result} />
            <h3 className="side-title">
              Findings{' '}
              <span className="pill pill-muted" data-testid="findings-count">
                {result.findings.length}
              </span>
            </h3>
            <FindingsList result={result} />
          </aside>
        )}
      </div>
    </div>
  );
}
