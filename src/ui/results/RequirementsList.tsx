/** The scenario's requirements graded pass/fail with the measured value. */
import type { RequirementResult, SimResult } from '../../worker/protocol.ts';
import { formatCount, formatMs, formatPercent } from './format.ts';

export function formatMeasured(r: RequirementResult): string {
  if (!Number.isFinite(r.measured)) return 'not measured';
  if (/Ms$/.test(r.metric)) return formatMs(r.measured);
  if (r.metric === 'successRatio' || r.metric === 'utilization') return formatPercent(r.measured);
  return formatCount(r.measured);
}

export function RequirementsList({ result }: { result: SimResult }) {
  const reqs = result.requirements;
  if (!reqs.length) return <p className="empty">No requirements in this scenario (add some in the Scenario tab).</p>;
  const failing = reqs.filter((r) => !r.pass).length;
  return (
    <ul className="requirements" data-testid="requirements" data-count={reqs.length} data-failing={failing}>
      {reqs.map((r, i) => (
        <li key={i} className={r.pass ? 'req-pass' : 'req-fail'} data-pass={r.pass}>
          <span className="req-mark" aria-label={r.pass ? 'pass' : 'fail'}>
            {r.pass ? '✓' : '✗'}
          </span>
          <span className="req-text">{r.text || `${r.target} ${r.metric} ${r.op} ${r.value}`}</span>
          <span className="req-measured">
            {result.partial ? 'so far ' : ''}
            {formatMeasured(r)}
          </span>
        </li>
      ))}
    </ul>
  );
}
