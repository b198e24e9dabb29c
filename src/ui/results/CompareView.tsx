/** Compare two finished runs: key metrics with the change, and their charts side by side. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import type { RunRecord } from '../../store/runSlice.ts';
import { compareRows, compareVerdict, type CompareRow } from './compareData.ts';
import { compareChartMax } from './ResultCharts.tsx';
import { formatCount, formatMs, formatPercent } from './format.ts';
import { ResultCharts } from './ResultCharts.tsx';

const fmt = (v: number | null, f: CompareRow['format']) =>
  v === null ? '–' : f === 'percent' ? formatPercent(v) : f === 'ms' ? formatMs(v) : f === 'rate' ? `${formatCount(v)}/s` : formatCount(v);

function RunPicker({
  value,
  runs,
  onChange,
  label,
  testId,
}: {
  value: string | null;
  runs: RunRecord[];
  onChange: (id: string) => void;
  label: string;
  testId: string;
}) {
  return (
    <label className="compare-pick">
      <span className="compare-letter">{label}</span>
      <select className="input" value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="" disabled>
          Pick a run
        </option>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label} — {r.summary}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CompareView() {
  const { runs, ids, setIds } = useAppStore(useShallow((s) => ({ runs: s.runs, ids: s.compareIds, setIds: s.setCompareIds })));
  if (runs.length < 2) {
    return (
      <p className="empty compare-empty" data-testid="compare-empty">
        Compare needs two finished runs. Run the scenario, change the design (say, add an idempotency key or more workers), and run it
        again. The last {5} runs are kept until the page is closed.
      </p>
    );
  }
  const a = runs.find((r) => r.id === ids[0]) ?? null;
  const b = runs.find((r) => r.id === ids[1]) ?? null;
  const rows = a && b ? compareRows(a.result, b.result) : [];
  // One y scale per chart kind across both runs, so heights compare honestly.
  const yMax = a && b ? compareChartMax(a.result, b.result) : undefined;
  return (
    <div className="compare" data-testid="compare">
      <div className="compare-head">
        <RunPicker label="A" value={a?.id ?? null} runs={runs} onChange={(id) => setIds([id, ids[1]])} testId="compare-a" />
        <RunPicker label="B" value={b?.id ?? null} runs={runs} onChange={(id) => setIds([ids[0], id])} testId="compare-b" />
      </div>
      {a && b && (
        <div className="compare-body">
          <div className="compare-table-wrap">
            {b.changes.length > 0 && b.id === runs[0]?.id && a.id === runs[1]?.id && (
              <p className="compare-changes">B changed: {b.changes.join('; ')}</p>
            )}
            <table className="compare-table" data-testid="compare-table">
              <thead>
                <tr>
                  <th>Metric</th>
                  <th className="num">A</th>
                  <th className="num">B</th>
                </tr>
              </thead>
              <tbody>
                {rows.flatMap((r, i) => {
                  const v = compareVerdict(r);
                  const row = (
                    <tr key={i} className={`cmp-${v}`} data-testid="compare-row">
                      <td>{r.metric}</td>
                      <td className="num">{fmt(r.a, r.format)}</td>
                      <td className="num">
                        {fmt(r.b, r.format)}
                        {v !== 'same' && (
                          <span className="cmp-mark" aria-label={v}>
                            {v === 'better' ? ' ▲' : ' ▼'}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                  return i === 0 || rows[i - 1]!.group !== r.group
                    ? [
                        <tr key={`g${i}`} className="cmp-group">
                          <td colSpan={3}>{r.group}</td>
                        </tr>,
                        row,
                      ]
                    : [row];
                })}
              </tbody>
            </table>
          </div>
          {[a, b].map((r, k) => (
            <div key={r.id + k} className="compare-col">
              <div className="compare-col-title">
                <b>{k ? 'B' : 'A'}</b> {r.label}
              </div>
              <ResultCharts
                result={r.result}
                doc={r.doc}
                scope="e2e"
                only={['latency', 'throughput', 'queue']}
                height={96}
                idPrefix={k ? 'b-' : 'a-'}
                yMax={yMax}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
