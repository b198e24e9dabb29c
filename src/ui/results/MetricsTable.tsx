/** The Numbers view: key metrics per source and node; for replications, mean ± 95 % CI. */
import type { ReplicationSummary, SimResult } from '../../worker/protocol.ts';
import { formatCell, metricGroups } from './metricsData.ts';
import { formatPercent } from './format.ts';

export function MetricsTable({ result, summary }: { result: SimResult; summary?: ReplicationSummary }) {
  const groups = metricGroups(result, summary);
  return (
    <div className="view-scroll" data-testid="metrics-view">
      <p className="view-note">
        {summary
          ? <>Mean of <b>{summary.replications} replications</b> (seeds {summary.seeds[0]}–{summary.seeds.at(-1)}) <b>± the 95 % confidence half-width</b> (Student t, one value per replication; warm-up of {summary.warmupS} s excluded).</>
          : <>One run (seed {result.seed}). Run replications (<b>Replicate</b> in the toolbar) to see how much of this is noise: each number then gets a 95 % confidence interval.</>}
      </p>
      <div className="metrics-table" data-testid="metrics-table">
        {groups.map((g) => (
          <section key={g.id} className="metrics-group" data-kind={g.kind}>
            <h4 className="metrics-name"><span className="metrics-kind">{g.kind === 'source' ? 'end to end' : 'node'}</span>{g.label}</h4>
            {g.cells.map((c) => (
              <div key={c.key} className="metrics-cell" data-metric={c.key}>
                <span className="metrics-label">{c.label}</span>
                <span className="metrics-value" data-testid={`metric-${g.id}-${c.key}`}>{formatCell(c)}</span>
              </div>
            ))}
          </section>
        ))}
      </div>
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
