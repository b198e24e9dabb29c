/** Event kinds, response statuses, job flags and node states shared by the engine's modules. */

// Event kinds.
export const EV_ARRIVAL = 1, EV_THINK = 2, EV_TICK = 3, EV_EMIT = 4, EV_DONE = 5, EV_DELIVER = 6, EV_RESPONSE = 7,
  EV_TIMEOUT = 8, EV_RETRY = 9, EV_VISIBILITY = 10, EV_FAIL_START = 11, EV_FAIL_END = 12, EV_BUCKET = 13, EV_WARMUP = 14,
  EV_TIMER = 15;

// Response statuses.
export const ST_OK = 0, ST_ERROR = 1, ST_FULL = 2, ST_RATE = 3, ST_TIMEOUT = 4, ST_BREAKER = 5, ST_CONFLICT = 6, ST_HANG = 7;

// Job flags.
export const F_WORKER = 1, F_DIRECT = 2, F_WRITE = 4, F_HIT = 8, F_CLAIM = 16, F_QUEUED = 32, F_OWN_DONE = 64, F_MISS = 128;

// Work-stack ops (see core/WorkStack.ts): the hops of the request lifecycle.
//   OP_ARRIVE      a = job                         the attempt reaches its node
//   OP_RESPOND     a = call, b = token, c = status the attempt's outcome reaches its caller
//   OP_FANOUT      a = job                         continue a parallel job's fan-out
//   OP_PROCEED     a = job                         continue a sequential job's calls (after an async send)
//   OP_FINISH      a = job, b = status             finish a job (a coalesced cache waiter)
//   OP_LEAVE       a = job, b = status             a finished job answers and is freed (after its waiters)
//   OP_DISPATCH    a = queue node                  hand visible messages to free consumers
//   OP_NEXT        a = node                        start the next waiting attempt (zero-time work)
export const OP_ARRIVE = 1, OP_RESPOND = 2, OP_FANOUT = 3, OP_PROCEED = 4, OP_FINISH = 5, OP_LEAVE = 6, OP_DISPATCH = 7, OP_NEXT = 8;

// Node down modes.
export const UP = 0, DOWN_FAST = 1, DOWN_HANG = 2;

export const STATUS_TEXT = ['ok', 'error', 'rejected (queue full)', 'rate limited (429)', 'timeout', 'circuit open', 'conflict (409)', 'no answer'];
export const fmtMs = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 10 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
