/**
 * One time-series chart: lines or stacked areas over the run's time axis, failure windows
 * shaded, a finding's time span highlighted, the shared cursor (hover any chart) and the
 * scrubber position. d3 computes scales and paths; React renders the SVG.
 */
import { memo, useMemo, useState } from 'react';
import { area, curveMonotoneX, line, scaleLinear, scaleLog } from 'd3';
import { useRunLive, setCursor, setScrub } from '../../store/runLive.ts';
import { bucketAt, chartMax, stackLayers, windowLabelLayout, type ChartModel, type TimeWindow } from './chartData.ts';
import { useWidth } from './useWidth.ts';
import { formatSeconds, timeAxisUnit } from './format.ts';

export interface TimeChartProps {
  title: string;
  /** The y axis' unit, shown after the title: "ms", "per second". */
  unitLabel: string;
  model: ChartModel;
  durationS: number;
  windows: TimeWindow[];
  highlight?: { fromS: number; toS: number } | null;
  format: (v: number) => string;
  log?: boolean;
  height?: number;
  /** Fixes the top of a linear y axis (to compare two charts on one scale). */
  yMax?: number;
  empty?: string;
  testId: string;
  /** Controls shown at the right of the title row. */
  extra?: React.ReactNode;
}

const M = { top: 8, right: 12, bottom: 20, left: 46 };

export const TimeChart = memo(function TimeChart(p: TimeChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = p.height ?? 118;
  const cursorS = useRunLive((s) => s.cursorS);
  const scrubS = useRunLive((s) => s.scrubS);
  const [hover, setHover] = useState(false);
  const w = Math.max(10, width - M.left - M.right),
    h = height - M.top - M.bottom;
  const { model: m } = p;

  const x = useMemo(() => scaleLinear().domain([0, p.durationS]).range([0, w]), [p.durationS, w]);
  const windowLabels = useMemo(
    () =>
      windowLabelLayout(
        p.windows.map((fw) => fw.label),
        p.windows.map((fw) => x(fw.fromS)),
        w,
      ),
    [p.windows, x, w],
  );
  const y = useMemo(() => {
    if (p.log) {
      let lo = Infinity;
      for (const l of m.lines) for (const v of [...l.values, ...(l.band?.lo ?? [])]) if (v > 0 && v < lo) lo = v;
      const hi = p.yMax ?? chartMax(m, 1);
      return scaleLog()
        .domain([Number.isFinite(lo) ? Math.min(lo, hi / 10) : 0.1, hi])
        .range([h, 0])
        .nice()
        .clamp(true);
    }
    return scaleLinear()
      .domain([0, (p.yMax ?? chartMax(m, m.unit === '' ? 1 : 0.1)) * 1.05])
      .range([h, 0])
      .nice();
  }, [m, h, p.log, p.yMax]);

  const paths = useMemo(() => {
    const tx = (i: number) => x((i + 0.5) * m.bucketS);
    if (m.kind === 'stack') {
      const layers = stackLayers(m.lines);
      return layers.map((L, k) => ({
        line: m.lines[k]!,
        d:
          area<number>()
            .x((i) => tx(i))
            .y0((i) => y(L.lower[i]!))
            .y1((i) => y(L.upper[i]!))
            .curve(curveMonotoneX)(indices(m.filled)) ?? '',
        area: true,
        band: undefined as string | undefined,
      }));
    }
    return m.lines.map((l) => ({
      line: l,
      band: l.band
        ? (area<number>()
            .defined((i) => Number.isFinite(l.band!.lo[i]) && Number.isFinite(l.band!.hi[i]) && (!p.log || l.band!.lo[i]! > 0))
            .x((i) => tx(i))
            .y0((i) => y(l.band!.lo[i]!))
            .y1((i) => y(l.band!.hi[i]!))
            .curve(curveMonotoneX)(indices(m.filled)) ?? '')
        : undefined,
      d:
        line<number>()
          .defined((i) => Number.isFinite(l.values[i]) && (!p.log || l.values[i]! > 0))
          .x((i) => tx(i))
          .y((i) => y(l.values[i]!))
          .curve(curveMonotoneX)(indices(m.filled)) ?? '',
      area: false,
    }));
  }, [m, x, y, p.log]);

  // Ticks at round numbers of the axis unit (s, min or h), one label style per axis.
  const axisUnit = timeAxisUnit(p.durationS);
  const xTicks = scaleLinear()
    .domain([0, p.durationS / axisUnit.perUnitS])
    .ticks(Math.max(2, Math.floor(w / 55)));
  const yTicks = p.log ? y.ticks(4).filter((t, i, a) => a.length <= 5 || Math.log10(t) % 1 === 0) : y.ticks(4);
  const ci = cursorS === null ? -1 : bucketAt(m.bucketS, m.filled, cursorS);

  const timeAt = (e: React.MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(p.durationS, x.invert(e.clientX - box.left)));
  };

  return (
    <figure className="chart" data-testid={p.testId}>
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        <span className="chart-unit">{p.unitLabel}</span>
      </figcaption>
      <div className="chart-legend">
        {m.lines
          .filter((l, i) => m.kind !== 'stack' || i === 0 || l.values.some((v) => v > 0))
          .map((l) => (
            <span key={l.key} className="legend-item" title={l.label}>
              <span
                className={`legend-swatch${l.dashed ? ' dashed' : ''}${m.kind === 'stack' ? ' block' : ''}`}
                style={{ '--c': l.color } as React.CSSProperties}
              />
              <span className="legend-text">{l.label}</span>
            </span>
          ))}
        {p.extra}
      </div>
      <div className="chart-body" ref={ref}>
        <svg width={width} height={height} role="img" aria-label={`${p.title} over time`}>
          <g transform={`translate(${M.left},${M.top})`}>
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line className="grid" x2={w} />
                <text className="tick" x={-6} dy="0.32em" textAnchor="end">
                  {p.format(t)}
                </text>
              </g>
            ))}
            {xTicks.map((t) => (
              <text key={t} className="tick" x={x(t * axisUnit.perUnitS)} y={h + 14} textAnchor="middle">
                {t} {axisUnit.suffix}
              </text>
            ))}
            <line className="axis" y1={h} y2={h} x2={w} />
            {p.windows.map((fw, i) => {
              const label = windowLabels[i];
              return (
                <g key={i} className="failure-window">
                  <rect x={x(fw.fromS)} width={Math.max(1, x(fw.toS) - x(fw.fromS))} height={h}>
                    <title>{fw.label}</title>
                  </rect>
                  {label && (
                    <text x={x(fw.fromS) + 3} y={10 + label.row * 11}>
                      {label.text}
                    </text>
                  )}
                </g>
              );
            })}
            {p.highlight && (
              <rect
                className="highlight"
                data-testid="chart-highlight"
                x={x(p.highlight.fromS)}
                width={Math.max(2, x(p.highlight.toS) - x(p.highlight.fromS))}
                height={h}
              />
            )}
            {paths.map(
              ({ line: l, band }) =>
                band && <path key={`${l.key}:band`} d={band} className="series-band" fill={l.color} data-band={l.key} />,
            )}
            {paths.map(({ line: l, d, area: isArea }) => (
              <path
                key={l.key}
                d={d}
                className={isArea ? 'series-area' : 'series-line'}
                fill={isArea ? l.color : 'none'}
                stroke={l.color}
                strokeDasharray={l.dashed ? '5 3' : undefined}
                data-series={l.key}
              />
            ))}
            {m.lines.length === 0 && (
              <text className="chart-empty" x={w / 2} y={h / 2} textAnchor="middle">
                {p.empty ?? 'Nothing to show'}
              </text>
            )}
            {scrubS !== null && <line className="scrub-line" x1={x(scrubS)} x2={x(scrubS)} y2={h} />}
            {ci >= 0 && <line className="cursor-line" x1={x(cursorS!)} x2={x(cursorS!)} y2={h} />}
            <rect
              className="chart-hit"
              width={w}
              height={h}
              onMouseMove={(e) => {
                setHover(true);
                setCursor(timeAt(e));
              }}
              onMouseLeave={() => {
                setHover(false);
                setCursor(null);
              }}
              onClick={(e) => setScrub(timeAt(e))}
            />
          </g>
        </svg>
        {hover && ci >= 0 && (
          <div className="chart-tip" style={{ left: Math.min(M.left + x(cursorS!) + 12, width - 170), top: M.top }} role="tooltip">
            <div className="chart-tip-time">
              {formatSeconds(ci * m.bucketS)} – {formatSeconds((ci + 1) * m.bucketS)}
            </div>
            {m.lines.map((l) => (
              <div key={l.key} className="chart-tip-row">
                <span className="legend-swatch block" style={{ '--c': l.color } as React.CSSProperties} />
                <span className="chart-tip-label">{l.label}</span>
                <span className="chart-tip-value">
                  {Number.isFinite(l.values[ci]) ? p.format(l.values[ci]!) : '–'}
                  {l.band && Number.isFinite(l.band.hi[ci]) ? ` ± ${p.format((l.band.hi[ci]! - l.band.lo[ci]!) / 2)}` : ''}
                </span>
              </div>
            ))}
          </div>
        )}
      </div>
    </figure>
  );
});

function indices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
