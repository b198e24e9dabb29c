/** "Check my design" and its scorecard: each drill's requirements with the measured values, cost against budget, the findings left. */
import { useAppStore } from '../../store/useAppStore.ts';
import type { Problem } from '../../practice/types.ts';
import { DRILL_FINDINGS_SHOWN, type Scorecard } from '../../practice/scorecard.ts';
import { usePractice } from './usePractice.ts';
import { cancelCheck, checkDesign } from './practiceActions.ts';
import { boundText, measureText, usd } from './format.ts';

function Verdict({ pass }: { pass: boolean }) {
  return <span className={`verdict ${pass ? 'pass' : 'fail'}`}>{pass ? 'PASS' : 'FAIL'}</span>;
}

function ScorecardView({ card, stale }: { card: Scorecard; stale: boolean }) {
  const select = useAppStore((s) => s.select);
  if (card.blocked.length)
    return (
      <div className="scorecard" data-testid="scorecard" data-pass="false">
        <p className="scorecard-head">
          <Verdict pass={false} /> Not graded
        </p>
        <ul className="practice-list">
          {card.blocked.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      </div>
    );
  const failed = card.drills.filter((d) => !d.pass);
  return (
    <div className="scorecard" data-testid="scorecard" data-pass={card.pass}>
      <p className="scorecard-head">
        <Verdict pass={card.pass} />{' '}
        {card.pass
          ? `Every drill passes within budget.`
          : `${failed.length ? `${failed.length} of ${card.drills.length} drills failed: ${failed.map((d) => d.name).join(', ')}` : 'Every drill passes'}${card.cost.pass ? '' : failed.length ? '; over budget' : ', but the design is over budget'}.`}
      </p>
      {stale && <p className="note">The design changed since this check: check again to grade the new version.</p>}
      {card.drills.map((d) => (
        <section key={d.id} className={`drill ${d.pass ? 'pass' : 'fail'}`} data-testid={`drill-${d.id}`}>
          <h4>
            <Verdict pass={d.pass} /> {d.name}
            <span className="practice-how">
              {' '}
              {d.replications} run{d.replications === 1 ? '' : 's'}
            </span>
          </h4>
          <ul className="checks">
            {d.checks.map((c) => (
              <li key={c.text} className={c.pass ? 'pass' : 'fail'}>
                <span className="check-mark" aria-hidden="true">
                  {c.pass ? '✓' : '✗'}
                </span>
                <span className="check-text">{c.text}</span>
                <span className="check-value">
                  {measureText(c.metric, c.measured)}
                  {Number.isFinite(c.ci95) && c.ci95 > 0 ? ` ± ${measureText(c.metric, c.ci95)}` : ''}
                  <span className="practice-how"> {boundText(c.metric, c.op, c.value)}</span>
                </span>
                {c.why && <span className="check-why">{c.why}</span>}
              </li>
            ))}
          </ul>
          {!d.pass && d.findings.length > 0 && (
            <ul className="drill-findings">
              {d.findings.slice(0, DRILL_FINDINGS_SHOWN).map((f) => (
                <li key={`${f.kind}-${f.nodes.join()}`} className={`finding-${f.severity}`}>
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      select(
                        f.nodes.filter((n) => n),
                        [],
                      )
                    }
                  >
                    {f.message}
                  </button>
                  <span className="practice-how"> → {f.suggestion}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {card.designChecks.map((c) => (
        <p key={c.text} className={`drill ${c.pass ? 'pass' : 'fail'}`}>
          <Verdict pass={c.pass} /> {c.text} ({c.measured})
        </p>
      ))}
      <section className={`drill ${card.cost.pass ? 'pass' : 'fail'}`} data-testid="scorecard-cost">
        <h4>
          <Verdict pass={card.cost.pass} /> Cost {usd(card.cost.usdPerMonth)}/month of {usd(card.cost.budgetUsdPerMonth)}
        </h4>
        <p className="practice-how">Priced on the {card.cost.basis}.</p>
        <ul className="checks">
          {card.cost.nodes.slice(0, 6).map((n) => (
            <li key={n.id}>
              <span className="check-text" title={n.lines.map((l) => l.what).join('\n')}>
                {n.label}
              </span>
              <span className="check-value">{usd(n.usdPerMonth)}</span>
            </li>
          ))}
        </ul>
      </section>
      {card.findings.length > 0 && (
        <details className="drill">
          <summary>
            {card.findings.length} finding{card.findings.length === 1 ? '' : 's'} left across the drills
          </summary>
          <ul className="drill-findings">
            {card.findings.map((f, i) => (
              <li key={i} className={`finding-${f.severity}`}>
                <strong>{f.drill}:</strong> {f.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function CheckView({ problem }: { problem: Problem }) {
  const check = usePractice((s) => s.check);
  const doc = useAppStore((s) => s.doc);
  const runs = problem.drills.reduce((a, d) => a + d.replications, 0);
  return (
    <div className="practice-body" data-testid="practice-check">
      <p className="note">
        Runs the {problem.drills.length} drills ({runs} simulations, in the background) on your design, with the brief’s traffic and
        dependencies, then grades every requirement and the monthly cost.
      </p>
      <div className="practice-actions">
        <button
          type="button"
          className="btn primary"
          onClick={checkDesign}
          disabled={check.status === 'running'}
          data-testid="check-design"
        >
          Check my design
        </button>
        {check.status === 'running' && (
          <>
            <progress max={1} value={check.fraction} aria-label="Drills run so far" />
            <button type="button" className="btn small" onClick={cancelCheck}>
              Cancel
            </button>
          </>
        )}
      </div>
      {check.status === 'error' && <p className="field-error">{check.message}</p>}
      {check.status === 'done' && <ScorecardView card={check.card} stale={check.nodes !== doc.nodes || check.edges !== doc.edges} />}
    </div>
  );
}
