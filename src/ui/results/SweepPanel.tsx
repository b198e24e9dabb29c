/**
 * The Sweep tab (what-if): pick a numeric parameter of the selected node or edge, or a
 * client's rate, a range and a number of steps (and seeds per point); the points run on
 * parallel workers; the chart plots latency, goodput or success against the parameter, with
 * 95 % error bars when each point ran several seeds, and a table lists the points.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { useRunLive } from '../../store/runLive.ts';
import { SWEEP_STEPS_MAX, type SweepOutcome } from '../../store/sweepSlice.ts';
import { sweepLines, sweepParams, sweepTable, sweepVerdict, type SweepMetric } from './sweepData.ts';
import { SweepChart } from './SweepChart.tsx';
import { formatMs } from './format.ts';

const num = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 3 });
const sig3 = (v: number) => num(+v.toPrecision(3));
/** "904 ± 20": the half-width to 2 significant digits. */
const pm = (m: { y: number; h: number }, f: (v: number) => string) =>
  Number.isFinite(m.y) ? `${f(m.y)}${m.h > 0 ? ` ± ${f(+m.h.toPrecision(2))}` : ''}` : '–';
const pct = (v: number) => `${+(v * 100).toPrecision(3)}`;

function defaultRange(value: number, unit: string | null): [number, number] {
  if (Number.isInteger(value)) return [Math.max(1, Math.round(value / 2)), Math.max(2, value * 2)];
  return unit === '%' ? [0, Math.min(100, value * 2 || 10)] : [+(value / 2).toPrecision(3), +(value * 2 || 1).toPrecision(3)];
}

function SweepForm() {
  const { doc, nodeIds, edgeIds, status, error, start, cancel } = useAppStore(
    useShallow((s) => ({
      doc: s.doc,
      nodeIds: s.selectedNodeIds,
      edgeIds: s.selectedEdgeIds,
      status: s.sweepStatus,
      error: s.sweepError,
      start: s.startSweep,
      cancel: s.cancelSweep,
    })),
  );
  const progress = useRunLive((s) => s.sweep);
  const params = useMemo(() => sweepParams(doc, nodeIds, edgeIds), [doc, nodeIds, edgeIds]);
  const [path, setPath] = useState<string>('');
  const param = params.find((p) => p.path === path) ?? params.find((p) => p.path.endsWith('.rateRps')) ?? params[0];
  const [range, setRange] = useState<Record<string, [string, string]>>({});
  const [steps, setSteps] = useState('8');
  const [reps, setReps] = useState('1');
  if (!param) return <p className="empty">This design has no numeric parameter to sweep. Add a client, or select a component.</p>;
  const [from, to] = range[param.path] ?? (defaultRange(param.value, param.unit).map(String) as [string, string]);
  const setFrom = (v: string) => setRange({ ...range, [param.path]: [v, to] });
  const setTo = (v: string) => setRange({ ...range, [param.path]: [from, v] });
  const running = status === 'running';
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (running) {
      cancel();
      return;
    }
    start({ path: param.path, from: Number(from), to: Number(to), steps: Number(steps), replications: Number(reps) });
  };
  return (
    <form className="sweep-form" onSubmit={submit} data-testid="sweep-form">
      <label className="sweep-field">
        <span>Parameter</span>
        <select className="input" value={param.path} onChange={(e) => setPath(e.target.value)} data-testid="sweep-param">
          {[...new Set(params.map((p) => p.group))].map((g) => (
            <optgroup key={g} label={g}>
              {params
                .filter((p) => p.group === g)
                .map((p) => (
                  <option key={p.path} value={p.path}>
                    {p.label}
                    {p.unit ? ` (${p.unit})` : ''} = {num(p.value)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <p className="sweep-hint">Select a component or call on the canvas to sweep its parameters.</p>
      <div className="sweep-row">
        <label className="sweep-field">
          <span>From</span>
          <input
            className="input"
            type="number"
            step="any"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="sweep-from"
          />
        </label>
        <label className="sweep-field">
          <span>To</span>
          <input className="input" type="number" step="any" value={to} onChange={(e) => setTo(e.target.value)} data-testid="sweep-to" />
        </label>
      </div>
      <div className="sweep-row">
        <label className="sweep-field">
          <span>Steps</span>
          <input
            className="input"
            type="number"
            min={2}
            max={SWEEP_STEPS_MAX}
            value={steps}
            onChange={(e) => setSteps(e.target.value)}
            data-testid="sweep-steps"
          />
        </label>
        <label className="sweep-field" title="Seeds per point: 2 or more draws 95 % error bars">
          <span>Seeds / point</span>
          <input
            className="input"
            type="number"
            min={1}
            max={50}
            value={reps}
            onChange={(e) => setReps(e.target.value)}
            data-testid="sweep-reps"
          />
        </label>
      </div>
      <button type="submit" className={`btn ${running ? 'danger' : 'primary'}`} data-testid={running ? 'sweep-cancel' : 'sweep-run'}>
        {running ? '■ Cancel sweep' : '▶ Run sweep'}
      </button>
      {running && progress && (
        <div className="sweep-progress">
          <span
            className="run-progress"
            role="progressbar"
            aria-valuenow={Math.round(progress.fraction * 100)}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label="Sweep progress"
          >
            <span style={{ width: `${progress.fraction * 100}%` }} />
          </span>
          <span className="run-progress-text">
            {progress.done}/{progress.total} runs · {progress.workers} worker{progress.workers === 1 ? '' : 's'}
          </span>
        </div>
      )}
      {status === 'error' && (
        <p className="sweep-error" role="alert" data-testid="sweep-error">
          {error}
        </p>
      )}
    </form>
  );
}

const METRICS: [SweepMetric, string][] = [
  ['latency', 'Latency'],
  ['goodput', 'Goodput'],
  ['success', 'Success ratio'],
];

function SweepResult({ sweep }: { sweep: SweepOutcome }) {
  const sources = Object.keys(sweep.points[0]?.sources ?? {});
  const [metric, setMetric] = useState<SweepMetric>('latency');
  const [pickedSource, setSource] = useState<string>('');
  const source = sources.includes(pickedSource) ? pickedSource : (sources[0] ?? '');
  const nodeName = (id: string) => sweep.doc.nodes.find((n) => n.id === id)?.label || id;
  const param = sweepParams(sweep.doc, [], [])
    .concat(
      sweepParams(
        sweep.doc,
        sweep.doc.nodes.map((n) => n.id),
        sweep.doc.edges.map((e) => e.id),
      ),
    )
    .find((p) => p.path === sweep.spec.path);
  const xLabel = `${param ? `${param.group}: ${param.label}` : sweep.spec.path}${param?.unit ? ` (${param.unit})` : ''}`;
  const offered = sweep.spec.path === `nodes.${source}.params.rateRps`;
  const lines = sweepLines(sweep.values, sweep.points, metric, source, offered);
  const rows = sweepTable(sweep.values, sweep.points, source);
  const verdict = sweepVerdict(sweep.values, sweep.points, source);
  const unit = param?.unit ? ` ${param.unit}` : '';
  const reps = sweep.spec.replications;
  const y =
    metric === 'latency'
      ? { label: 'end-to-end latency (ms, log scale)', format: formatMs, log: true }
      : metric === 'goodput'
        ? { label: 'goodput (successful req/s)', format: (v: number) => num(+v.toPrecision(3)), log: false }
        : { label: 'success ratio (%)', format: (v: number) => `${+v.toPrecision(3)} %`, log: false };
  const marker = verdict?.collapse
    ? { x: verdict.peak.x, label: `collapses above ${num(verdict.peak.x)}${unit}` }
    : metric === 'latency' && verdict?.knee
      ? { x: verdict.knee.x, label: `knee ${num(verdict.knee.x)}${unit}` }
      : null;
  return (
    <div className="sweep-result" data-testid="sweep-result" data-points={sweep.values.length}>
      <div className="sweep-result-head">
        <span className="view-switch" role="tablist" aria-label="Metric">
          {METRICS.map(([m, label]) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={metric === m}
              className={`view-tab${metric === m ? ' active' : ''}`}
              onClick={() => setMetric(m)}
              data-testid={`sweep-metric-${m}`}
            >
              {label}
            </button>
          ))}
        </span>
        {sources.length > 1 && (
          <select className="input chart-select" value={source} onChange={(e) => setSource(e.target.value)} aria-label="Source">
            {sources.map((s) => (
              <option key={s} value={s}>
                {nodeName(s)}
              </option>
            ))}
          </select>
        )}
        <span
          className="results-meta"
          title={
            reps === 1
              ? 'Every point runs the same seed (common random numbers)'
              : 'Error bars: 95 % confidence interval over the seeds of each point'
          }
        >
          {sweep.values.length} points × {reps} seed{reps === 1 ? '' : 's'} · {(sweep.wallMs / 1000).toFixed(1)} s on {sweep.workers} worker
          {sweep.workers === 1 ? '' : 's'}
          {reps > 1 ? ' · bars: 95 % CI' : ''}
        </span>
      </div>
      {verdict && (
        <p className="sweep-verdict" data-testid="sweep-verdict">
          {nodeName(source)}: goodput peaks at <b>{num(+verdict.peak.goodput.toPrecision(4))} req/s</b> at {num(verdict.peak.x)}
          {unit}
          {verdict.collapse ? (
            <>
              , and{' '}
              <b className="bad">
                collapses above {num(verdict.peak.x)}
                {unit}
              </b>{' '}
              (down to {num(+verdict.collapse.goodput.toPrecision(3))} req/s at {num(verdict.collapse.x)}
              {unit}).
            </>
          ) : (
            '; no collapse in this range.'
          )}
          {verdict.knee && (
            <>
              {' '}
              p99 stays within 3× of its low-load value up to {num(verdict.knee.x)}
              {unit} ({formatMs(verdict.knee.p99)}).
            </>
          )}
        </p>
      )}
      <div className="sweep-grid">
        <SweepChart lines={lines} xLabel={xLabel} yLabel={y.label} log={y.log} format={y.format} marker={marker} />
        <div className="sweep-table-wrap">
          <table className="compare-table sweep-table" data-testid="sweep-table">
            <thead>
              <tr>
                <th>{param?.unit ?? 'value'}</th>
                <th className="num">success %</th>
                <th className="num">goodput/s</th>
                <th className="num">p99</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.x} className={verdict?.collapse && r.x >= verdict.collapse.x ? 'sweep-collapsed' : undefined}>
                  <td>{num(r.x)}</td>
                  <td className="num">{pm(r.success, pct)}</td>
                  <td className="num">{pm(r.goodput, sig3)}</td>
                  <td className="num">{pm(r.p99, formatMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

export function SweepPanel() {
  const sweep = useAppStore((s) => s.sweep);
  return (
    <div className="sweep" data-testid="sweep-panel">
      <SweepForm />
      {sweep ? (
        <SweepResult sweep={sweep} />
      ) : (
        <div className="sweep-empty">
          <p className="empty">
            Sweep one parameter over a range to see how the design behaves as it changes: latency against load (the hockey stick), goodput
            against offered load (collapse under retries), the success ratio. Each point is a full run; points run in parallel, all with the
            same seed so differences come from the parameter, not noise.
          </p>
        </div>
      )}
    </div>
  );
}
