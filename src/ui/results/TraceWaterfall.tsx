/**
 * One request as a waterfall: a row per span indented under its caller, a bar from start to
 * end on the request's time axis, event markers (timeouts, retries and their backoff, side
 * effects, DUPLICATE, redeliveries, acks) with labels and tooltips, and the event log below.
 */
import { useMemo, useState } from 'react';
import { scaleLinear } from 'd3';
import type { RequestTrace } from '../../worker/protocol.ts';
import { useWidth } from './useWidth.ts';
import { formatMs } from './format.ts';
import { waterfallLayout, type WaterfallMarker } from './waterfallLayout.ts';

const ROW = 24,
  AXIS_H = 20,
  PAD_R = 64;
const LABELLED = new Set(['bad', 'warn']);

export function TraceWaterfall({ trace, name }: { trace: RequestTrace; name: (id: string) => string }) {
  const [ref, width] = useWidth<HTMLDivElement>(700);
  const [tip, setTip] = useState<{ x: number; y: number; m: WaterfallMarker; node: string } | null>(null);
  const layout = useMemo(() => waterfallLayout(trace), [trace]);
  // Names get up to a third of the width (indented by depth); the rest is the time axis.
  const LABEL_W = Math.max(120, Math.min(200, Math.round(width / 3)));
  const w = Math.max(120, width - LABEL_W - PAD_R);
  const x = scaleLinear().domain([0, layout.totalMs]).range([0, w]).nice();
  const ticks = x.ticks(Math.max(2, Math.floor(w / 80)));
  const height = AXIS_H + layout.rows.length * ROW + 6;
  const events = layout.rows
    .flatMap((r) => r.markers.map((m) => ({ ...m, node: r.span.node, attempt: r.span.attempt })))
    .sort((a, b) => a.t - b.t);
  return (
    <div className="waterfall" data-testid="waterfall" data-trace={trace.id}>
      <div className="waterfall-head">
        <b>Request #{trace.id}</b> from {name(trace.source)} · {trace.outcome} in {formatMs(layout.totalMs)} · {trace.retries} retr
        {trace.retries === 1 ? 'y' : 'ies'}
        {trace.duplicates > 0 && (
          <span className="trace-dup">
            {' '}
            · {trace.duplicates} duplicate side effect{trace.duplicates === 1 ? '' : 's'}
          </span>
        )}
        <span className="waterfall-start">started at {formatMs(trace.startMs)} into the run</span>
      </div>
      <div className="waterfall-body" ref={ref}>
        <svg width={width} height={height} role="img" aria-label={`Waterfall of request ${trace.id}`}>
          <g transform={`translate(${LABEL_W},0)`}>
            {ticks.map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line className="wf-grid" y1={AXIS_H - 4} y2={height} />
                <text className="wf-tick" y={AXIS_H - 8} textAnchor="middle">
                  {formatMs(t)}
                </text>
              </g>
            ))}
          </g>
          {layout.rows.map((r, i) => {
            const y = AXIS_H + i * ROW;
            const x0 = LABEL_W + x(r.x0),
              x1 = LABEL_W + x(r.x1);
            return (
              <g key={r.span.id} className={`wf-row status-${r.span.status}`} data-testid="wf-row" data-node={r.span.node}>
                {i % 2 === 1 && <rect className="wf-zebra" x={0} y={y} width={width} height={ROW} />}
                <text className="wf-label" x={8 + r.depth * 14} y={y + ROW / 2} dy="0.32em">
                  {r.depth > 0 && <tspan className="wf-elbow">└ </tspan>}
                  {name(r.span.node)}
                  {r.span.attempt > 1 && (
                    <tspan className="wf-attempt"> {r.span.edge ? `attempt ${r.span.attempt}` : `receive ${r.span.attempt}`}</tspan>
                  )}
                </text>
                <rect className={`wf-bar${r.open ? ' open' : ''}`} x={x0} y={y + 5} width={Math.max(2, x1 - x0)} height={ROW - 10} rx={2}>
                  <title>
                    {name(r.span.node)}: {formatMs(r.x1 - r.x0)} ({r.span.status}), from {formatMs(r.x0)} to {formatMs(r.x1)}
                  </title>
                </rect>
                {r.backoffs.map((b, k) => (
                  <rect
                    key={k}
                    className="wf-backoff"
                    x={LABEL_W + x(b.from)}
                    y={y + 8}
                    width={Math.max(1, x(b.to) - x(b.from))}
                    height={ROW - 16}
                  >
                    <title>backoff {formatMs(b.to - b.from)} before the retry</title>
                  </rect>
                ))}
                <text className="wf-dur" x={x1 + 4} y={y + ROW / 2} dy="0.32em">
                  {formatMs(r.x1 - r.x0)}
                </text>
                {r.markers.map((m, k) => {
                  const mx = LABEL_W + x(m.t);
                  return (
                    <g
                      key={k}
                      className={`wf-marker tone-${m.tone}`}
                      data-kind={m.kind}
                      transform={`translate(${mx},${y + ROW / 2})`}
                      onMouseEnter={() => setTip({ x: mx, y: y + ROW, m, node: r.span.node })}
                      onMouseLeave={() => setTip(null)}
                    >
                      <path d={m.tone === 'bad' ? 'M0,-7 L7,0 L0,7 L-7,0 Z' : 'M0,-5 L5,0 L0,5 L-5,0 Z'} />
                      {LABELLED.has(m.tone) && (
                        <text
                          className="wf-marker-label"
                          x={m.tone === 'bad' ? -10 : 7}
                          y={-7}
                          textAnchor={m.tone === 'bad' ? 'end' : 'start'}
                        >
                          {m.kind === 'duplicate' ? 'DUPLICATE' : m.kind}
                        </text>
                      )}
                      <title>
                        {formatMs(m.t)} · {m.text}
                      </title>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
        {tip && (
          <div className="chart-tip wf-tip" style={{ left: Math.min(tip.x + 10, width - 260), top: tip.y }} role="tooltip">
            <div className="chart-tip-time">
              {formatMs(tip.m.t)} · {name(tip.node)}
            </div>
            <div>{tip.m.text}</div>
          </div>
        )}
      </div>
      <ol className="wf-log" data-testid="wf-log">
        {events.map((e, i) => (
          <li key={i} className={`tone-${e.tone}`}>
            <span className="wf-log-t">{formatMs(e.t)}</span>
            <span className="wf-log-node">{name(e.node)}</span>
            <span className="wf-log-text">{e.text}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
