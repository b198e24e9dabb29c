/**
 * createLivePacer: applies the newest live snapshot at a rate the main thread can afford.
 * Showing a snapshot (re-rendering charts and the canvas overlay of every node and edge) can
 * cost 5 ms on a small design and 100+ ms on a 50-node one on a busy machine. The pacer
 * measures what each apply cost — from the call until the next task starts, so React's render,
 * its effects and the forced layout are included — and waits `gapFactor` times that (at least
 * `minGapMs`, at most `maxGapMs`; the first apply, which mounts the live views, waits `minGapMs`)
 * before the next one, so live updates use at most about 1 / (gapFactor + 1) of the
 * main thread and input (panning, typing) gets the rest; while the canvas is being moved, at
 * most one a second (`interacting`). Snapshots that arrive meanwhile
 * replace the pending one: only the newest is ever shown. Nothing is dropped at the end: the
 * caller shows the final result itself and calls `cancel()`.
 *
 * @example
 *   const pacer = createLivePacer({ apply: (live) => useRunLive.setState({ live }) });
 *   onSnapshot: (s) => pacer.push(s); onDone: () => pacer.cancel();
 */
export interface LivePacerOptions<T> {
  apply: (value: T) => void;
  /** Shortest gap between two applies, ms. */
  minGapMs?: number;
  /** Gap after an apply = cost × gapFactor (8: live updates take ≤ ~11 % of the main thread). */
  gapFactor?: number;
  /** Longest gap, ms, however slow the applies are. */
  maxGapMs?: number;
  /**
   * Whether the user is moving the canvas now (panning, zooming, dragging a card): then applies
   * come at most every `interactingGapMs`, so the frames of the gesture are not the ones an
   * apply lengthens (at 4 a second they were every fifteenth frame: the gesture's p95 gap).
   */
  interacting?: () => boolean;
  /** Shortest gap between two applies while `interacting()`, ms. */
  interactingGapMs?: number;
  /** Clock, ms (injected for tests). */
  now?: () => number;
  /** Run `fn` once the current task (and its microtasks) is over (injected for tests). */
  afterTask?: (fn: () => void) => void;
  /** Run `fn` after `ms` (injected for tests). */
  later?: (fn: () => void, ms: number) => { cancel: () => void };
}

export interface LivePacer<T> {
  /** Offer a new snapshot; it is applied now or when the gap is over (if still the newest). */
  push: (value: T) => void;
  /** Drop any pending snapshot and stop. */
  cancel: () => void;
  /** The gap, ms, the pacer waits after the last apply (for tests and the report). */
  gapMs: () => number;
}

function defaultAfterTask(fn: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(fn, 0);
    return;
  }
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    ch.port1.close();
    fn();
  };
  ch.port2.postMessage(null);
}

const defaultLater = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(id) };
};

export function createLivePacer<T>(opts: LivePacerOptions<T>): LivePacer<T> {
  const minGap = opts.minGapMs ?? 250,
    factor = opts.gapFactor ?? 8,
    maxGap = opts.maxGapMs ?? 2000,
    interactingGap = opts.interactingGapMs ?? 1000;
  const interacting = opts.interacting ?? (() => false);
  const now = opts.now ?? (() => performance.now());
  const afterTask = opts.afterTask ?? defaultAfterTask;
  const later = opts.later ?? defaultLater;
  let pending: { value: T } | null = null;
  let nextAt = -Infinity;
  // When the last apply's cost was measured (its end), for the gap while interacting.
  let lastEnd = -Infinity;
  let gap = minGap;
  let measuring = false;
  // The first apply mounts the live views: a one-off cost that says little about the next ones.
  let first = true;
  let timer: { cancel: () => void } | null = null;
  let stopped = false;

  const applyNow = (): void => {
    if (!pending || stopped) return;
    const { value } = pending;
    pending = null;
    const t0 = now();
    measuring = true;
    opts.apply(value);
    afterTask(() => {
      measuring = false;
      if (stopped) return;
      const end = now();
      gap = first ? minGap : Math.min(maxGap, Math.max(minGap, (end - t0) * factor));
      first = false;
      nextAt = end + gap;
      lastEnd = end;
      if (pending) schedule();
    });
  };
  const schedule = (): void => {
    if (timer || measuring || stopped || !pending) return;
    // (Read again when the timer fires: a gesture may have started or ended meanwhile.)
    const at = interacting() ? Math.max(nextAt, lastEnd + interactingGap) : nextAt;
    const wait = at - now();
    if (wait <= 0) {
      applyNow();
      return;
    }
    timer = later(() => {
      timer = null;
      schedule();
    }, wait);
  };

  return {
    push: (value) => {
      if (stopped) return;
      pending = { value };
      schedule();
    },
    cancel: () => {
      stopped = true;
      pending = null;
      timer?.cancel();
      timer = null;
    },
    gapMs: () => gap,
  };
}
