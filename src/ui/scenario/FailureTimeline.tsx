/** The failure timeline: one bar per injected failure over the scenario, warm-up shaded. */
import { useMemo } from 'react';
import { scaleLinear } from 'd3';
import type { Failure } from '../../model/index.ts';

const W = 300;
const ROW = 16;
const M = { top: 4, right: 8, bottom: 18, left: 8 };
const TONE: Record<Failure['kind'], string> = {
  down: '#dc2626',
  slowdown: '#d97706',
  errorRate: '#e11d48',
  capacity: '#9333ea',
  partition: '#0f766e',
  latency: '#2563eb',
  consumerCrash: '#7c2d12',
  flush: '#b45309',
};

export function FailureTimeline({
  failures,
  durationS,
  warmupS,
  names,
}: {
  failures: readonly Failure[];
  durationS: number;
  warmupS: number;
  names: (id: string) => string;
}) {
  const H = M.top + M.bottom + Math.max(1, failures.length) * ROW;
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, durationS])
        .range([M.left, W - M.right])
        .clamp(true),
    [durationS],
  );
  return (
    <svg className="mini-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Failure timeline">
      {warmupS > 0 && <rect x={x(0)} y={M.top} width={x(warmupS) - x(0)} height={H - M.top - M.bottom} className="warmup" />}
      {x.ticks(5).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} className="grid" />
          <text x={x(t)} y={H - 4} textAnchor="middle" className="tick">
            {t}s
          </text>
        </g>
      ))}
      {failures.length === 0 && (
        <text x={W / 2} y={M.top + 12} textAnchor="middle" className="tick">
          no failures injected
        </text>
      )}
      {failures.map((f, i) => {
        const x0 = x(f.atS);
        const w = Math.max(2, x(f.atS + f.durationS) - x0);
        return (
          <g key={i}>
            <rect x={x0} y={M.top + i * ROW + 2} width={w} height={ROW - 4} rx={3} fill={TONE[f.kind]} opacity={0.85} />
            {/* The label sits after the bar, or before it when the bar ends near the right edge. */}
            <text
              x={x0 + w + 110 < W ? x0 + w + 4 : x0 - 4}
              textAnchor={x0 + w + 110 < W ? 'start' : 'end'}
              y={M.top + i * ROW + 12}
              className="bar-label"
            >{`${f.kind} · ${names(f.target)}`}</text>
          </g>
        );
      })}
    </svg>
  );
}
