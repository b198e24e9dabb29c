/**
 * A metric against the swept parameter: one line per series, a dot per point, 95 % error
 * bars when the sweep ran several seeds per point, axes with units. d3 computes scales and
 * paths; React renders the SVG.
 */
import { line, scaleLinear, scaleLog } from 'd3';
import type { SweepLine } from './sweepData.ts';
import { useWidth } from './useWidth.ts';

export interface SweepChartProps {
  lines: SweepLine[];
  xLabel: string;
  yLabel: string;
  log?: boolean;
  format: (v: number) => string;
  /** A vertical marker, e.g. where goodput collapses. */
  marker?: { x: number; label: string } | null;
  height?: number;
}

const M = { top: 12, right: 16, bottom: 38, left: 58 };

export function SweepChart({ lines, xLabel, yLabel, log, format, marker, height = 250 }: SweepChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(500);
  const w = Math.max(60, width - M.left - M.right),
    h = height - M.top - M.bottom;
  const all = lines.flatMap((l) => l.points);
  const xs = all.map((p) => p.x);
  const x = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs)])
    .range([0, w])
    .nice();
  // The axis fits the means and upper bounds; a lower bound below it is cut at the axis.
  const ys = all.flatMap((p) => [p.hi, p.y]).filter((v) => Number.isFinite(v) && (!log || v > 0));
  const top = Math.max(...ys, log ? 1 : 0);
  const y = log
    ? scaleLog()
        .domain([Math.max(1e-3, Math.min(...all.map((p) => p.y).filter((v) => v > 0))) / 2, top * 1.2])
        .range([h, 0])
        .nice()
        .clamp(true)
    : scaleLinear()
        .domain([0, top * 1.05 || 1])
        .range([h, 0])
        .nice()
        .clamp(true);
  const bottom = y.domain()[0]!;
  const yTicks = log ? y.ticks(5).filter((t, i, a) => a.length <= 6 || Math.log10(t) % 1 === 0) : y.ticks(5);
  const path = (l: SweepLine) =>
    line<SweepLine['points'][number]>()
      .defined((p) => Number.isFinite(p.y) && (!log || p.y > 0))
      .x((p) => x(p.x))
      .y((p) => y(p.y))(l.points) ?? '';
  return (
    <div className="sweep-chart" ref={ref}>
      <div className="chart-legend">
        {lines.map((l) => (
          <span key={l.key} className="legend-item">
            <span className={`legend-swatch${l.dashed ? ' dashed' : ''}`} style={{ '--c': l.color } as React.CSSProperties} />
            {l.label}
          </span>
        ))}
      </div>
      <svg width={width} height={height} role="img" aria-label={`${yLabel} against ${xLabel}`} data-testid="sweep-chart">
        <g transform={`translate(${M.left},${M.top})`}>
          {yTicks.map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line className="grid" x2={w} />
              <text className="tick" x={-6} dy="0.32em" textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
          {x.ticks(Math.max(4, Math.floor(w / 60))).map((t) => (
            <g key={t} transform={`translate(${x(t)},${h})`}>
              <line className="axis" y2={4} />
              <text className="tick" y={15} textAnchor="middle">
                {t.toLocaleString('en-US')}
              </text>
            </g>
          ))}
          <line className="axis" y1={h} y2={h} x2={w} />
          <text className="axis-label" x={w / 2} y={h + 32} textAnchor="middle">
            {xLabel}
          </text>
          <text className="axis-label" transform={`translate(${-46},${h / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
          {marker && (
            <g className="sweep-marker" transform={`translate(${x(marker.x)},0)`}>
              <line y2={h} />
              <text x={4} y={10}>
                {marker.label}
              </text>
            </g>
          )}
          {lines.map((l) => (
            <g key={l.key} data-line={l.key}>
              <path d={path(l)} fill="none" stroke={l.color} strokeWidth={2} strokeDasharray={l.dashed ? '5 4' : undefined} />
              {!l.dashed &&
                l.points.map(
                  (p, i) =>
                    Number.isFinite(p.y) &&
                    (!log || p.y > 0) && (
                      <g key={i} className="sweep-point" data-testid={`sweep-point-${l.key}`}>
                        {p.hi > p.lo && (
                          <g className="errbar" stroke={l.color}>
                            <line x1={x(p.x)} x2={x(p.x)} y1={y(Math.max(p.lo, bottom))} y2={y(p.hi)} />
                            <line x1={x(p.x) - 4} x2={x(p.x) + 4} y1={y(p.hi)} y2={y(p.hi)} />
                            {p.lo > bottom && <line x1={x(p.x) - 4} x2={x(p.x) + 4} y1={y(p.lo)} y2={y(p.lo)} />}
                          </g>
                        )}
                        <circle cx={x(p.x)} cy={y(p.y)} r={3.5} fill="#fff" stroke={l.color} strokeWidth={2}>
                          <title>
                            {xLabel} {p.x.toLocaleString('en-US')}: {l.label} {format(p.y)}
                            {p.hi > p.lo ? ` ± ${format((p.hi - p.lo) / 2)}` : ''}
                          </title>
                        </circle>
                      </g>
                    ),
                )}
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}
