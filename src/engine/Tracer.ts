/**
 * Tracer: a bounded sample of full request traces. A request is sampled when it starts,
 * with probability `sampleRate` (by default the Simulation picks one giving about 2,000
 * traced requests per run), from its own RNG stream (so turning tracing on or off
 * never changes the simulation's results). Every hop of a sampled request becomes a span
 * with timed events. When the request is finished (nothing references it any more) its
 * trace is kept by priority: up to `max/4` with duplicate side effects, `max/4` failed,
 * and a reservoir sample of the rest. Memory is bounded by `max` kept traces plus the
 * sampled requests in flight.
 */
import { Rng } from './core/rng.ts';
import type { RequestTrace, TraceSpan } from './types.ts';

export interface TraceOptions {
  sampleRate?: number;
  max?: number;
}

export class Tracer {
  private readonly rate: number;
  private readonly max: number;
  private readonly rng: Rng;
  private readonly open: (RequestTrace | null)[] = [];
  private readonly freeIds: number[] = [];
  private nextId = 1;
  readonly dup: RequestTrace[] = [];
  readonly failed: RequestTrace[] = [];
  readonly ok: RequestTrace[] = [];
  private okSeen = 0;

  private countdown: number;

  constructor(seed: number, opts: TraceOptions) {
    this.rate = opts.sampleRate ?? 0.01;
    this.max = Math.max(4, opts.max ?? 200);
    this.rng = new Rng((seed ^ 0x5bd1e995) >>> 0);
    this.countdown = this.gap();
  }

  /** Requests until the next sampled one: 1 + Geometric(rate) failures. */
  private gap(): number {
    if (this.rate >= 1) return 1;
    if (this.rate <= 0) return Infinity;
    return 1 + Math.floor(Math.log(1 - this.rng.next()) / Math.log(1 - this.rate));
  }

  /**
   * Decide whether a new request is traced; returns its slot or −1. Bernoulli(rate) sampling
   * drawn as geometric gaps between sampled requests, so an unsampled request costs one
   * decrement and no random draw.
   */
  begin(source: string, now: number): number {
    if (--this.countdown > 0) return -1;
    this.countdown = this.gap();
    const t: RequestTrace = {
      id: this.nextId++,
      source,
      startMs: now,
      endMs: NaN,
      outcome: 'running',
      duplicates: 0,
      retries: 0,
      spans: [],
    };
    const slot = this.freeIds.length ? this.freeIds.pop()! : this.open.length;
    this.open[slot] = t;
    return slot;
  }

  span(slot: number, parent: number, node: string, edge: string | null, attempt: number, now: number): number {
    const t = this.open[slot]!;
    const s: TraceSpan = { id: t.spans.length, parent, node, edge, attempt, startMs: now, endMs: NaN, status: 'running', events: [] };
    t.spans.push(s);
    return s.id;
  }

  event(slot: number, span: number, now: number, kind: string, text: string): void {
    const s = this.open[slot]?.spans[span];
    if (s) s.events.push({ t: now, kind, text });
  }

  start(slot: number, span: number, now: number): void {
    const s = this.open[slot]?.spans[span];
    if (s) s.startMs = now;
  }

  end(slot: number, span: number, now: number, status: TraceSpan['status']): void {
    const s = this.open[slot]?.spans[span];
    if (s) {
      s.endMs = now;
      s.status = status;
    }
  }

  retry(slot: number): void {
    this.open[slot]!.retries++;
  }
  duplicate(slot: number): void {
    this.open[slot]!.duplicates++;
  }

  outcome(slot: number, now: number, ok: boolean): void {
    const t = this.open[slot]!;
    t.endMs = now;
    t.outcome = ok ? 'ok' : 'failed';
  }

  /** The request is gone: keep its trace by priority. */
  finish(slot: number): void {
    const t = this.open[slot]!;
    this.open[slot] = null;
    this.freeIds.push(slot);
    this.keep(t);
  }

  private keep(t: RequestTrace): void {
    const quarter = Math.floor(this.max / 4);
    if (t.duplicates > 0) {
      if (this.dup.length < quarter) this.dup.push(t);
      return;
    }
    if (t.outcome === 'failed') {
      if (this.failed.length < quarter) this.failed.push(t);
      return;
    }
    const cap = this.max - 2 * quarter;
    this.okSeen++;
    if (this.ok.length < cap) this.ok.push(t);
    else {
      const k = this.rng.int(this.okSeen);
      if (k < cap) this.ok[k] = t;
    }
  }

  /** Kept traces plus those still in flight (up to the cap), most interesting first. */
  all(): RequestTrace[] {
    const inflight = this.open
      .filter((t): t is RequestTrace => t !== null)
      .slice(0, Math.max(0, this.max - this.dup.length - this.failed.length - this.ok.length));
    return [...this.dup, ...this.failed, ...this.ok, ...inflight];
  }
}
