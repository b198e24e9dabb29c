/**
 * Every integer code the engine uses, defined once: event kinds with their payloads, work-stack
 * ops, response statuses, job flags, node states, duplicate causes. A leaf module (imports
 * nothing), so kind modules may import it.
 */

// ── Events (EventQueue: time, kind, a, b, c) ─────────────────────────────────
//   EV_DONE        a = job                             the job's own work is done
//   EV_DELIVER     a = job                             the attempt crossed its edge (half the latency)
//   EV_RESPONSE    a = call, b = token, c = status     the answer crossed the edge back
//   EV_TIMEOUT     a = call, b = token                 the caller gives up on an attempt (via a timer list)
//   EV_RETRY       a = call                            backoff over: send the next attempt
//   EV_NODE        a = node, b, c                      an event of the node's kind (its module documents b, c)
//   EV_FAIL_START  a = failure index                   a scripted failure begins
//   EV_FAIL_END    a = failure index                   … and ends
//   EV_BUCKET      a = bucket index                    a time-series bucket closes
//   EV_WARMUP      —                                   measuring starts
//   EV_TIMER       a = timer list                      the head of a timer list is due (core/TimerLists.ts)
//   EV_CANCELLED   —                                   an event voided in the heap (its node crashed: crash.ts); does nothing
//   EV_SCALE       a = autoscaling group, b = what     evaluate, an instance serves, its slow start ends (Autoscaler.ts)
export const EV_DONE = 1,
  EV_DELIVER = 2,
  EV_RESPONSE = 3,
  EV_TIMEOUT = 4,
  EV_RETRY = 5,
  EV_NODE = 6,
  EV_FAIL_START = 7,
  EV_FAIL_END = 8,
  EV_BUCKET = 9,
  EV_WARMUP = 10,
  EV_TIMER = 11,
  EV_CANCELLED = 12,
  EV_SCALE = 13;

// ── Work-stack ops (core/WorkStack.ts: op, a, b, c): the hops of the lifecycle ─
//   OP_ARRIVE      a = job                         the attempt reaches its node
//   OP_RESPOND     a = call, b = token, c = status the attempt's outcome reaches its caller
//   OP_FANOUT      a = job                         continue a parallel job's fan-out
//   OP_PROCEED     a = job                         continue a sequential job's calls (after an async send)
//   OP_FINISH      a = job, b = status             finish a job (a coalesced cache waiter)
//   OP_LEAVE       a = job, b = status             a finished job answers and is freed (after its waiters)
//   OP_RESUME      a = node                        the node's kind continues (e.g. a queue dispatches)
//   OP_NEXT        a = node                        start the next waiting attempt (zero-time work)
export const OP_ARRIVE = 1,
  OP_RESPOND = 2,
  OP_FANOUT = 3,
  OP_PROCEED = 4,
  OP_FINISH = 5,
  OP_LEAVE = 6,
  OP_RESUME = 7,
  OP_NEXT = 8;

// ── Response statuses ────────────────────────────────────────────────────────
export const ST_OK = 0,
  ST_ERROR = 1,
  ST_FULL = 2,
  ST_RATE = 3,
  ST_TIMEOUT = 4,
  ST_BREAKER = 5,
  ST_CONFLICT = 6,
  ST_HANG = 7,
  ST_SHED = 8;
export const STATUS_TEXT = [
  'ok',
  'error',
  'rejected (queue full)',
  'rate limited (429)',
  'timeout',
  'circuit open',
  'conflict (409)',
  'no answer',
  'shed (overload)',
];

// ── Job flags ────────────────────────────────────────────────────────────────
//   F_WORKER   holds a worker        F_DIRECT  fast-path attempt that is its own request
//   F_ALT      took the node's alternative work (a database write)
//   F_CLAIM    claimed an idempotency key      F_OWN_DONE  own work finished
//   F_MISS     a cache miss being filled downstream
//   F_CANCEL   its caller gave up and cancelled it (edge deadline.cancelOnTimeout)
//   F_POISON   a poison message: its consumer fails it after its work (DONE_CALLS_CHECKED)
export const F_WORKER = 1,
  F_DIRECT = 2,
  F_ALT = 4,
  F_CANCEL = 8,
  F_CLAIM = 16,
  F_POISON = 32,
  F_OWN_DONE = 64,
  F_MISS = 128;

// ── Response status ST_SHED: the node dropped the attempt under overload (counted as rejected) ─
//   SHED_* bits of CompiledNodes.shedAtStart: what the node checks when an attempt reaches a worker
export const SHED_QUEUE_TIMEOUT = 1,
  SHED_EXPIRED = 2,
  SHED_CANCELLED = 4;
//   LIMIT_* codes of CompiledNodes.limitMode: the node's concurrency limit
export const LIMIT_OFF = 0,
  LIMIT_FIXED = 1,
  LIMIT_AIMD = 2;

// ── Call plans (how a node makes its downstream calls) ───────────────────────
export const PLAN_SEQUENCE = 0,
  PLAN_PARALLEL = 1,
  PLAN_PICK = 2;

// ── Node and edge states (failures) ──────────────────────────────────────────
export const UP = 0,
  DOWN_FAST = 1,
  DOWN_HANG = 2;

// ── Why an attempt exists (for duplicate attribution) ────────────────────────
export const CAUSE_NONE = 0,
  CAUSE_RETRY_TIMEOUT = 1,
  CAUSE_RETRY_ERROR = 2,
  CAUSE_REDELIVERY = 3,
  CAUSE_CRASH = 4,
  CAUSE_NEW_KEY = 5;
export const CAUSE_NAMES = ['retryAfterTimeout', 'retryAfterTimeout', 'retryAfterError', 'redelivery', 'crashBeforeAck', 'newKey'] as const;

// ── What the core does when an attempt arrives, and when its own work is done ─
//   ARRIVE_WORK   start its own work at once (no workers: LBs, caches)
//   ARRIVE_ADMIT  the idempotency store (if any), then a worker, the waiting line or a rejection
//   ARRIVE_HOOK   the kind's arrive()
//   ARRIVE_GUARDED  ARRIVE_ADMIT with its admission checks: the idempotency store, a concurrency
//                 limit, drops at a worker (set by compile, so plain nodes keep the short path)
//   DONE_CALLS    its side effect (if any), free the worker (if releaseAfterWork), then the calls
//   DONE_ANSWER   its side effect (if any), then answer ok (endpoints, a queue's producer ack, any node that calls nothing)
//   DONE_HOOK     the kind's workDone()
//   DONE_CALLS_CHECKED  DONE_CALLS, after failing a job flagged F_POISON (set by compile on the
//                 consumers of a queue with poison messages, so no other node pays for the check)
export const ARRIVE_WORK = 0,
  ARRIVE_ADMIT = 1,
  ARRIVE_HOOK = 2,
  ARRIVE_GUARDED = 3;
export const DONE_CALLS = 0,
  DONE_ANSWER = 1,
  DONE_HOOK = 2,
  DONE_CALLS_CHECKED = 3;
