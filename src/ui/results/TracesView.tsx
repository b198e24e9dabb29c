/**
 * The Traces view: the run's sampled request traces (duplicates and failures first) and the
 * waterfall of the one selected, like a tracing UI. A duplicate-side-effect finding opens its
 * trace here ("Open trace").
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store/useAppStore.ts';
import type { RequestTrace, SimResult } from '../../worker/protocol.ts';
import { formatMs } from './format.ts';
import { traceSummary } from './waterfallLayout.ts';
import { TraceWaterfall } from './TraceWaterfall.tsx';

function TraceRow({ t, active, name, onOpen }: { t: RequestTrace; active: boolean; name: (id: string) => string; onOpen: () => void }) {
  const s = traceSummary(t);
  return (
    <li>
      <button
        type="button"
        className={`trace-row${active ? ' active' : ''}`}
        onClick={onOpen}
        data-testid="trace-row"
        data-trace={t.id}
        aria-pressed={active}
      >
        <span className="trace-row-head">
          <span className="trace-id">#{t.id}</span>
          <span className="trace-source">{name(t.source)}</span>
          <span className={`pill ${t.outcome === 'ok' ? 'pill-ok' : t.outcome === 'failed' ? 'pill-error' : 'pill-muted'}`}>
            {t.outcome}
          </span>
          <span className="trace-dur">{formatMs(s.durationMs)}</span>
        </span>
        <span className="trace-row-meta">
          {s.spans} spans · {t.retries} retr{t.retries === 1 ? 'y' : 'ies'}
          {t.duplicates > 0 && (
            <span className="trace-dup">
              {' '}
              · {t.duplicates} duplicate{t.duplicates === 1 ? '' : 's'}
            </span>
          )}
          {' · at '}
          {formatMs(t.startMs)}
        </span>
      </button>
    </li>
  );
}

export function TracesView({ result }: { result: SimResult }) {
  const traceId = useAppStore((s) => s.traceId);
  const openTrace = useAppStore((s) => s.openTrace);
  const traces = result.traces;
  const shown = traces.find((t) => t.id === traceId) ?? traces[0] ?? null;
  const name = (id: string) => result.nodes[id]?.label ?? id;
  // Keep the opened row in view (opened from a finding, it may be far down the list).
  useEffect(() => {
    if (shown) document.querySelector(`[data-testid="trace-row"][data-trace="${shown.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [shown]);
  if (!traces.length) {
    return (
      <p className="empty view-scroll" data-testid="traces-view">
        No request traces in this result. Single runs sample 1 % of requests (duplicates and failures kept first); replications and sweeps
        run without traces.
      </p>
    );
  }
  return (
    <div className="traces" data-testid="traces-view">
      <div className="trace-list-wrap">
        <div className="trace-list-head">{traces.length} sampled requests</div>
        <ol className="trace-list" data-testid="trace-list">
          {traces.map((t) => (
            <TraceRow key={t.id} t={t} active={t === shown} name={name} onOpen={() => openTrace(t.id)} />
          ))}
        </ol>
      </div>
      {shown && <TraceWaterfall trace={shown} name={name} />}
    </div>
  );
}
