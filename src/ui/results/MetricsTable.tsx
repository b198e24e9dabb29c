/** The Numbers view: key metrics per source and node; for replications, mean ± 95 % CI. */
import type { ReplicationSummary, SimResult } from '../../worker/protocol.ts';
import { formatCell, metricGroups } from './metricsData.ts';
import { formatPercent } from './format.ts';

export function MetricsTable({ result, summary }: { result: SimResult; summary?: ReplicationSummary }) {
  const groups = metricGroups(result, summary);
  return (
    <div className="view-scroll" data-testid="metrics-view">
      <p className="view-note">
        {summary ? (
          <>
            Mean of <b>{summary.replications} replications</b> (seeds {summary.seeds[0]}–{summary.seeds.at(-1)}){' '}
            <b>± the 95 % confidence half-width</b> (Student t, one value per replication; warm-up of {summary.warmupS} s excluded).
          </>
        ) : (
          <>
            One run (seed {result.seed}). Run replications (<b>Replicate</b> in the toolbar) to see how much of this is noise: each number
            then gets a 95 % confidence interval.
          </>
        )}
      </p>
      {(['source', 'node'] as const).map((kind) => {
        const rows = groups.filter((g) => g.kind === kind);
        const heads = rows.reduce((best, g) => (g.cells.length > best.length ? g.cells : best), [] as (typeof groups)[number]['cells']);
        if (!rows.length) return null;
        return (
          <table key={kind} className="metrics-table" data-testid={kind === 'source' ? 'metrics-table' : undefined}>
            <thead>
              <tr>
                <th>{kind === 'source' ? 'End to end' : 'Node'}</th>
                {heads.map((c) => (
                  <th key={c.key} className="num">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => (
                <tr key={g.id}>
                  <td className="metrics-name">{g.label}</td>
                  {heads.map((h) => {
                    const c = g.cells.find((x) => x.key === h.key);
                    return (
                      <td key={h.key} className="num" data-metric={h.key}>
                        {c ? (
                          <span className="metrics-value" data-testid={`metric-${g.id}-${c.key}`}>
                            {formatCell(c)}
                          </span>
                        ) : (
                          <span className="metrics-none">–</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {summary && summary.requirements.length > 0 && (
        <>
          <h4 className="view-subtitle">Requirements across replications</h4>
          <ul className="requirements">
            {summary.requirements.map((r, i) => (
              <li key={i} className={r.passRate === 1 ? 'req-pass' : 'req-fail'}>
                <span className="req-text">{r.text}</span>
                <span className="req-measured">passes in {formatPercent(r.passRate)} of runs</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
