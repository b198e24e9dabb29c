/**
 * Waterfall layout of one request trace, as a tracing UI draws it: one row per span in
 * depth-first order (children by start time, under their parent), a bar from start to end on
 * the trace's time axis (ms from the request's start), the span's events as markers, and each
 * retry's backoff as a segment from the failure to the retry. Pure: the view only draws it.
 */
import type { RequestTrace, TraceSpan } from '../../worker/protocol.ts';

export type MarkerTone = 'bad' | 'warn' | 'ok' | 'info' | 'muted';
export interface WaterfallMarker {
  t: number;
  kind: string;
  text: string;
  tone: MarkerTone;
}
export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** Start and end, ms from the request's start; `open` = still running when the trace was taken. */
  x0: number;
  x1: number;
  open: boolean;
  markers: WaterfallMarker[];
  /** Backoff waits on this span: failure → next retry, ms from the request's start. */
  backoffs: { from: number; to: number }[];
}
export interface WaterfallLayout {
  rows: WaterfallRow[];
  totalMs: number;
}

const TONES: Record<string, MarkerTone> = {
  duplicate: 'bad',
  crash: 'bad',
  dlq: 'bad',
  poison: 'bad',
  timeout: 'warn',
  nack: 'warn',
  visibility: 'warn',
  breaker: 'warn',
  partition: 'warn',
  budget: 'warn',
  throttle: 'warn',
  conflict: 'warn',
  sideEffect: 'ok',
  ack: 'ok',
  backoff: 'info',
  receive: 'info',
  enqueue: 'info',
};

/** The colour class of an event kind; a retry is a send whose text says so. */
export function markerTone(kind: string, text: string): MarkerTone {
  if (kind === 'send' && /^retry/.test(text)) return 'info';
  return TONES[kind] ?? 'muted';
}

export function waterfallLayout(trace: RequestTrace): WaterfallLayout {
  const t0 = trace.startMs;
  const children = new Map<number, TraceSpan[]>();
  for (const s of trace.spans) {
    const list = children.get(s.parent) ?? [];
    list.push(s);
    children.set(s.parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  let lastKnown = Number.isFinite(trace.endMs) ? trace.endMs : t0;
  for (const s of trace.spans) {
    if (Number.isFinite(s.endMs)) lastKnown = Math.max(lastKnown, s.endMs);
    lastKnown = Math.max(lastKnown, s.startMs);
    for (const e of s.events) lastKnown = Math.max(lastKnown, e.t);
  }
  const totalMs = Math.max(lastKnown - t0, 1e-6);
  const rows: WaterfallRow[] = [];
  const ids = new Set(trace.spans.map((s) => s.id));
  const visit = (s: TraceSpan, depth: number) => {
    const open = !Number.isFinite(s.endMs);
    const markers = s.events.map((e) => ({ t: e.t - t0, kind: e.kind, text: e.text, tone: markerTone(e.kind, e.text) }));
    const backoffs: WaterfallRow['backoffs'] = [];
    s.events.forEach((e, i) => {
      if (e.kind !== 'backoff') return;
      const next = s.events.slice(i + 1).find((x) => x.kind === 'send');
      backoffs.push({ from: e.t - t0, to: (next ? next.t : Number.isFinite(s.endMs) ? s.endMs : lastKnown) - t0 });
    });
    rows.push({ span: s, depth, x0: s.startMs - t0, x1: (open ? lastKnown : s.endMs) - t0, open, markers, backoffs });
    for (const c of children.get(s.id) ?? []) visit(c, depth + 1);
  };
  // Roots: spans without a parent, or whose parent was not kept.
  for (const s of trace.spans.filter((x) => x.parent < 0 || !ids.has(x.parent)).sort((a, b) => a.startMs - b.startMs)) visit(s, 0);
  return { rows, totalMs };
}

/** A one-line description of a trace for the list: outcome, duration, retries, duplicates. */
export function traceSummary(t: RequestTrace): { durationMs: number; spans: number; nodes: string[] } {
  const end = Number.isFinite(t.endMs) ? t.endMs : Math.max(...t.spans.map((s) => (Number.isFinite(s.endMs) ? s.endMs : s.startMs)));
  return { durationMs: end - t.startMs, spans: t.spans.length, nodes: [...new Set(t.spans.map((s) => s.node))] };
}
