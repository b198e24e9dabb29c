/**
 * TransitionLog: a bounded record of circuit-breaker state changes (time, edge, new state) in
 * preallocated typed arrays. The first `cap` changes are kept; later ones are only counted
 * (`dropped`), so memory stays fixed however often a breaker flaps.
 */
export const TRANSITION_LOG_CAP = 1000;

export class TransitionLog {
  readonly cap: number;
  readonly atMs: Float64Array;
  readonly edge: Int32Array;
  /** New state: 0 closed, 1 open, 2 half-open (Resilience's codes). */
  readonly to: Uint8Array;
  length = 0;
  dropped = 0;

  constructor(cap = TRANSITION_LOG_CAP) {
    this.cap = cap;
    this.atMs = new Float64Array(cap);
    this.edge = new Int32Array(cap);
    this.to = new Uint8Array(cap);
  }

  add(atMs: number, edge: number, to: number): void {
    const k = this.length;
    if (k === this.cap) {
      this.dropped++;
      return;
    }
    this.atMs[k] = atMs;
    this.edge[k] = edge;
    this.to[k] = to;
    this.length = k + 1;
  }
}
