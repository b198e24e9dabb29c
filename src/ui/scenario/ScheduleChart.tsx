/** A small chart of a client's request rate over the scenario, its bursts as marks (d3 scales and line, React SVG). */
import { useMemo } from 'react';
import { area, line, scaleLinear } from 'd3';
import { clientRateAt } from '../../analysis/index.ts';
import type { NodeOf, SchedulePoint } from '../../model/index.ts';

const W = 300;
const H = 96;
const M = { top: 8, right: 8, bottom: 18, left: 40 };

export function ScheduleChart({
  baseRps,
  schedule,
  bursts = [],
  durationS,
  color = '#0284c7',
}: {
  baseRps: number;
  schedule: readonly SchedulePoint[];
  bursts?: NodeOf<'client'>['params']['bursts'];
  durationS: number;
  color?: string;
}) {
  const { d, fill, x, y, xTicks, yTicks } = useMemo(() => {
    // Sample at every point's time (and just before it, for steps) plus a fine grid for ramps.
    const times = new Set<number>([0, durationS]);
    for (let i = 0; i <= 120; i++) times.add((durationS * i) / 120);
    for (const p of schedule)
      if (p.atS <= durationS) {
        times.add(p.atS);
        times.add(Math.max(0, p.atS - 1e-6));
      }
    const pts = [...times].sort((a, b) => a - b).map((t) => [t, clientRateAt(baseRps, schedule, t)] as [number, number]);
    const maxR = Math.max(1, ...pts.map((p) => p[1]));
    const x = scaleLinear()
      .domain([0, durationS])
      .range([M.left, W - M.right]);
    const y = scaleLinear()
      .domain([0, maxR * 1.1])
      .nice(4)
      .range([H - M.bottom, M.top]);
    const d =
      line<[number, number]>()
        .x((p) => x(p[0]))
        .y((p) => y(p[1]))(pts) ?? '';
    const fill =
      area<[number, number]>()
        .x((p) => x(p[0]))
        .y0(y(0))
        .y1((p) => y(p[1]))(pts) ?? '';
    return { d, fill, x, y, xTicks: x.ticks(5), yTicks: y.ticks(3) };
  }, [baseRps, schedule, durationS]);
  return (
    <svg className="mini-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Request rate over ${durationS} s`}>
      {yTicks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={M.left - 4} y={y(t) + 3} textAnchor="end" className="tick">
            {t >= 1000 ? `${t / 1000}k` : t}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={t} x={x(t)} y={H - 4} textAnchor="middle" className="tick">
          {t}s
        </text>
      ))}
      <path d={fill} fill={color} opacity={0.12} />
      <path d={d} fill="none" stroke={color} strokeWidth={1.8} />
      {schedule
        .filter((p) => p.atS <= durationS)
        .map((p, i) => (
          <circle key={i} cx={x(p.atS)} cy={y(p.rateRps)} r={3} fill="#fff" stroke={color} strokeWidth={1.5} />
        ))}
      {/* A burst is a count at one instant, not a rate: a mark at its time with the count beside it. */}
      {bursts
        .filter((b) => b.atS < durationS)
        .map((b, i) => (
          <g key={`b${i}`} className="burst-mark" data-testid="burst-mark">
            <line x1={x(b.atS)} x2={x(b.atS)} y1={M.top} y2={H - M.bottom} stroke="#b45309" strokeWidth={1.5} strokeDasharray="3 2" />
            <text
              x={x(b.atS) + (x(b.atS) > W - 60 ? -3 : 3)}
              y={M.top + 8}
              textAnchor={x(b.atS) > W - 60 ? 'end' : 'start'}
              className="bar-label"
              fill="#b45309"
            >
              +{b.count.toLocaleString('en-US')}
            </text>
          </g>
        ))}
    </svg>
  );
}
