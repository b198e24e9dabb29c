/** The brief: context, requirements, the numbers, the drills, the budget; hints one at a time; the back of the envelope; the reference on request. */
import { useState } from 'react';
import type { Problem } from '../../practice/types.ts';
import { usePractice } from './usePractice.ts';
import { usd } from './format.ts';
import { EnvelopeTable } from './EnvelopeTable.tsx';
import { openProblem } from './practiceActions.ts';

export function BriefView({ problem }: { problem: Problem }) {
  const shown = usePractice((s) => s.hints[problem.id] ?? 0);
  const reveal = usePractice((s) => s.revealHint);
  const [showRef, setShowRef] = useState(false);
  const b = problem.brief;
  return (
    <div className="practice-body" data-testid="practice-brief">
      <p className="practice-context">{b.context}</p>
      <h3 className="section-title">Functional requirements</h3>
      <ul className="practice-list">
        {b.functional.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <h3 className="section-title">Non-functional requirements</h3>
      <ul className="practice-list">
        {b.nonFunctional.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <h3 className="section-title">Numbers</h3>
      <dl className="practice-numbers">
        {b.numbers.map((n) => (
          <div key={n.label}>
            <dt>{n.label}</dt>
            <dd>{n.value}</dd>
          </div>
        ))}
        <div>
          <dt>Budget</dt>
          <dd>{usd(problem.budgetUsdPerMonth)} per month</dd>
        </div>
      </dl>
      <h3 className="section-title">Given (kept as the brief says in every drill)</h3>
      <ul className="practice-list">
        {problem.given.map((g) => (
          <li key={g.id}>
            <code>{g.id}</code> — {g.role}
          </li>
        ))}
      </ul>
      <h3 className="section-title">Failure drills</h3>
      <ol className="practice-list">
        {problem.drills.map((d) => (
          <li key={d.id}>
            <strong>{d.name}.</strong> {d.description}
            {d.replications > 1 ? ` (${d.replications} runs)` : ''}
          </li>
        ))}
      </ol>
      <h3 className="section-title">Hints</h3>
      {shown === 0 && <p className="note">Stuck? Reveal one hint at a time.</p>}
      <ol className="practice-hints" data-testid="hints">
        {problem.hints.slice(0, shown).map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ol>
      {shown < problem.hints.length && (
        <button type="button" className="btn small" onClick={() => reveal(problem.id)} data-testid="next-hint">
          {shown === 0 ? 'Show a hint' : `Next hint (${shown + 1} of ${problem.hints.length})`}
        </button>
      )}
      <h3 className="section-title">Back of the envelope</h3>
      <dl className="practice-numbers">
        {problem.envelope.map((e) => (
          <div key={e.label}>
            <dt>{e.label}</dt>
            <dd>
              {e.value} <span className="practice-how">{e.how}</span>
            </dd>
          </div>
        ))}
      </dl>
      <EnvelopeTable problem={problem} />
      <h3 className="section-title">Reference design</h3>
      {!showRef ? (
        <button type="button" className="btn small" onClick={() => setShowRef(true)} data-testid="show-reference">
          Show the reference’s tradeoffs
        </button>
      ) : (
        <div className="practice-reference">
          <p>{problem.tradeoffs}</p>
          <p className="section-title">A V1 would defer</p>
          <ul className="practice-list">
            {problem.v1Defers.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <button type="button" className="btn small" onClick={() => openProblem(problem, 'reference')} data-testid="open-reference">
            Open the reference design
          </button>
        </div>
      )}
    </div>
  );
}
