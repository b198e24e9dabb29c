/** The contention setting as a curve: each job's work × (1 + α·x^β) against the load x it starts at (see SEMANTICS.md). */
import { useMemo } from 'react';
import { line, scaleLinear } from 'd3';
import type { Contention } from '../../model/params.ts';

const W = 300;
const H = 104;
const M = { top: 8, right: 10, bottom: 28, left: 34 };

/** The service-time multiplier at load x. */
export const contentionFactor = (c: Pick<Contention, 'alpha' | 'beta'>, x: number) => 1 + c.alpha * x ** c.beta;

const times = (v: number) => `× ${+v.toPrecision(3)}`;

export function ContentionCurve({ contention }: { contention: Contention }) {
  // busy is at most 1; inSystem grows with the backlog, so show it up to a backlog twice the workers.
  const xMax = contention.basis === 'busy' ? 1 : 3;
  const { d, x, y, xTicks, yTicks } = useMemo(() => {
    const pts = Array.from({ length: 61 }, (_, i) => {
      const v = (xMax * i) / 60;
      return [v, contentionFactor(contention, v)] as [number, number];
    });
    const x = scaleLinear()
      .domain([0, xMax])
      .range([M.left, W - M.right]);
    // The multiplier is never below 1: the axis starts there and ends at a round value above the curve.
    const top = scaleLinear()
      .domain([0, Math.max(1.1, contentionFactor(contention, xMax))])
      .nice(3)
      .domain()[1]!;
    const y = scaleLinear()
      .domain([1, top])
      .range([H - M.bottom, M.top]);
    const d =
      line<[number, number]>()
        .x((p) => x(p[0]))
        .y((p) => y(p[1]))(pts) ?? '';
    return { d, x, y, xTicks: x.ticks(xMax === 1 ? 4 : 3), yTicks: [1, ...y.ticks(3).filter((t) => t > 1 + (top - 1) * 0.25)] };
  }, [contention, xMax]);
  if (!contention.enabled) return null;
  const xName = contention.basis === 'busy' ? 'busy workers / workers' : 'attempts held / workers';
  return (
    <div className="contention-curve" data-testid="contention-curve">
      <svg className="mini-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Service time multiplier against ${xName}`}>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={M.left - 4} y={y(t) + 3} textAnchor="end" className="tick">
              ×{t}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 11} textAnchor="middle" className="tick">
            {t}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 3} textAnchor="middle" className="tick">
          x = {xName}
        </text>
        <path d={d} fill="none" stroke="#d97706" strokeWidth={1.8} />
      </svg>
      <p className="field-hint contention-note">
        {contention.basis === 'busy'
          ? `Service time ${times(contentionFactor(contention, 0.5))} with half the workers busy, ${times(contentionFactor(contention, 1))} with all of them: throughput peaks below workers / service time.`
          : `Service time ${times(contentionFactor(contention, 1))} with as many attempts held as workers, ${times(contentionFactor(contention, 2))} with a backlog as large again: a backlog slows every job, which grows the backlog.`}
      </p>
    </div>
  );
}
