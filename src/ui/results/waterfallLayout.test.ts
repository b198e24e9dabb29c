import { describe, expect, it } from 'vitest';
import type { RequestTrace, TraceSpan } from '../../worker/protocol.ts';
import { markerTone, traceSummary, waterfallLayout } from './waterfallLayout.ts';

const span = (
  id: number,
  parent: number,
  node: string,
  startMs: number,
  endMs: number,
  events: TraceSpan['events'] = [],
  attempt = 1,
): TraceSpan => ({
  id,
  parent,
  node,
  edge: parent < 0 ? null : `e${id}`,
  attempt,
  startMs,
  endMs,
  status: Number.isFinite(endMs) ? 'ok' : 'running',
  events,
});

/** A client call that times out, backs off 50 ms and retries; the retry duplicates the DB write. */
function retried(): RequestTrace {
  return {
    id: 8,
    source: 'clients',
    startMs: 1000,
    endMs: 1270,
    outcome: 'ok',
    duplicates: 1,
    retries: 1,
    spans: [
      span(0, -1, 'clients', 1000, 1270, [
        { t: 1000, kind: 'send', text: 'call → payments' },
        { t: 1150, kind: 'timeout', text: 'gave up on payments after 150 ms' },
        { t: 1150, kind: 'backoff', text: 'timeout from payments; retry in 50 ms' },
        { t: 1200, kind: 'send', text: 'retry #1 → payments' },
      ]),
      // Listed out of order on purpose: the layout orders children by start.
      span(3, 0, 'payments', 1200, 1270, [], 2),
      span(1, 0, 'payments', 1000, 1190),
      span(2, 1, 'db', 1002, 1190, [{ t: 1190, kind: 'sideEffect', text: 'side effect applied' }]),
      span(4, 3, 'db', 1202, 1270, [{ t: 1270, kind: 'duplicate', text: 'DUPLICATE side effect (#2 for this operation)' }]),
    ],
  };
}

describe('waterfall layout', () => {
  it('one row per span, depth-first under its parent, children by start time', () => {
    const w = waterfallLayout(retried());
    expect(w.rows.map((r) => [r.span.id, r.depth])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 1],
      [4, 2],
    ]);
    expect(w.totalMs).toBe(270);
    expect(w.rows.map((r) => [r.x0, r.x1])).toEqual([
      [0, 270],
      [0, 190],
      [2, 190],
      [200, 270],
      [202, 270],
    ]);
  });

  it('markers on the request time axis with tones: timeout warns, retry informs, duplicate is bad', () => {
    const w = waterfallLayout(retried());
    expect(w.rows[0]!.markers.map((m) => [m.t, m.kind, m.tone])).toEqual([
      [0, 'send', 'muted'],
      [150, 'timeout', 'warn'],
      [150, 'backoff', 'info'],
      [200, 'send', 'info'],
    ]);
    expect(w.rows[4]!.markers).toEqual([{ t: 270, kind: 'duplicate', text: 'DUPLICATE side effect (#2 for this operation)', tone: 'bad' }]);
    expect(w.rows[2]!.markers[0]!.tone).toBe('ok');
  });

  it('a backoff spans from the failure to the next retry send', () => {
    expect(waterfallLayout(retried()).rows[0]!.backoffs).toEqual([{ from: 150, to: 200 }]);
  });

  it('a span still running reaches to the last time known; a span whose parent was dropped is a root', () => {
    const t: RequestTrace = {
      id: 1,
      source: 'c',
      startMs: 0,
      endMs: NaN,
      outcome: 'running',
      duplicates: 0,
      retries: 0,
      spans: [span(0, -1, 'c', 0, NaN), span(1, 0, 'q', 5, 40, [{ t: 60, kind: 'ack', text: 'acked' }]), span(2, 9, 'worker', 10, NaN)],
    };
    const w = waterfallLayout(t);
    expect(w.totalMs).toBe(60);
    expect(w.rows.map((r) => [r.span.id, r.depth, r.x1, r.open])).toEqual([
      [0, 0, 60, true],
      [1, 1, 40, false],
      [2, 0, 60, true],
    ]);
    expect(traceSummary(t).durationMs).toBe(40);
  });

  it('tones of event kinds', () => {
    expect(markerTone('crash', 'consumer crashed')).toBe('bad');
    expect(markerTone('visibility', 'visible again')).toBe('warn');
    expect(markerTone('send', 'call → x')).toBe('muted');
  });

  it('summary: duration and the nodes the request touched', () => {
    expect(traceSummary(retried())).toEqual({ durationMs: 270, spans: 5, nodes: ['clients', 'payments', 'db'] });
  });
});
