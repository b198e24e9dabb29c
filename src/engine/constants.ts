/** Event kinds, response statuses, job flags and node states shared by the engine's modules. */

// Event kinds.
export const EV_ARRIVAL = 1, EV_THINK = 2, EV_TICK = 3, EV_EMIT = 4, EV_DONE = 5, EV_DELIVER = 6, EV_RESPONSE = 7,
  EV_TIMEOUT = 8, EV_RETRY = 9, EV_VISIBILITY = 10, EV_FAIL_START = 11, EV_FAIL_END = 12, EV_BUCKET = 13, EV_WARMUP = 14;

// Response statuses.
export const ST_OK = 0, ST_ERROR = 1, ST_FULL = 2, ST_RATE = 3, ST_TIMEOUT = 4, ST_BREAKER = 5, ST_CONFLICT = 6, ST_HANG = 7;

// Job flags.
export const F_WORKER = 1, F_DIRECT = 2, F_WRITE = 4, F_HIT = 8, F_CLAIM = 16, F_QUEUED = 32, F_OWN_DONE = 64, F_MISS = 128;

// Node down modes.
export const UP = 0, DOWN_FAST = 1, DOWN_HANG = 2;

export const STATUS_TEXT = ['ok', 'error', 'rejected (queue full)', 'rate limited (429)', 'timeout', 'circuit open', 'conflict (409)', 'no answer'];
export const fmtMs = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 10 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
