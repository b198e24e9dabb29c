/**
 * Client engine: open-loop arrivals by thinning over a piecewise-linear rate schedule
 * (Poisson or evenly spaced), or a closed loop of users with exponential think time.
 *
 *   EV_NODE payload  b = 0  the next open-loop arrival is due
 *                    b = 1  closed-loop user c finished thinking
 *                    b = 2  burst c is due: send its count requests at once
 */
import type { KindEngine } from '../types.ts';
import { EV_NODE, PLAN_PARALLEL } from '../../engine/codes.ts';
import type { ClientParams, SchedulePoint } from './params.ts';

const ARRIVAL = 0,
  THINK = 1,
  BURST = 2;
/** The shortest mean think time (ms) a closed-loop user takes. */
export const MIN_THINK_MS = 0.001;

/** A rate schedule as segments [start, end) with a linear rate r0 → r1 (per ms). */
export interface RateSchedule {
  start: Float64Array;
  end: Float64Array;
  r0: Float64Array;
  r1: Float64Array;
}

/** Piecewise-linear client rate in requests per ms over [0, ∞). */
export function scheduleCompile(rateRps: number, points: SchedulePoint[]): RateSchedule {
  const pts = [...points].sort((a, b) => a.atS - b.atS);
  const start: number[] = [],
    end: number[] = [],
    r0: number[] = [],
    r1: number[] = [];
  let t = 0;
  let r = rateRps / 1000;
  for (const p of pts) {
    const at = p.atS * 1000;
    const target = p.rateRps / 1000;
    if (at > t) {
      start.push(t);
      end.push(at);
      r0.push(r);
      r1.push(p.shape === 'ramp' ? target : r);
      t = at;
    }
    r = target;
  }
  start.push(t);
  end.push(Infinity);
  r0.push(r);
  r1.push(r);
  return { start: Float64Array.from(start), end: Float64Array.from(end), r0: Float64Array.from(r0), r1: Float64Array.from(r1) };
}

interface ClientState {
  sch: RateSchedule;
  closed: boolean;
  constant: boolean;
  users: number;
  thinkMs: number;
  /** Segment of the last arrival (time only moves forward). */
  seg: number;
  /** Each burst's time (ms) and request count. */
  burstAt: Float64Array;
  burstCount: Int32Array;
  /** Replay: the recorded arrival times (ms) and the next one to send (null: not a replay). */
  replayAt: Float64Array | null;
  replayNext: number;
}

/**
 * Next evenly spaced arrival after the one at t: where the integrated rate ∫ r since t reaches 1
 * (segment by segment, solving the ramp's quadratic). So a rate change takes effect at its
 * point, not one old interval later, and a step to 0 sends nothing after the step. With one
 * constant segment it is t + 1/r.
 */
export function constantNextArrival(sch: RateSchedule, seg: number, t: number): number {
  let need = 1;
  for (;;) {
    const s0 = sch.start[seg]!,
      s1 = sch.end[seg]!,
      r0 = sch.r0[seg]!,
      r1 = sch.r1[seg]!;
    if (s1 === Infinity) return r0 > 0 ? t + need / r0 : Infinity; // the last segment is flat
    const k = (r1 - r0) / (s1 - s0); // rate slope, per ms²
    const rt = r0 + k * (t - s0);
    const area = ((rt + r1) / 2) * (s1 - t);
    // The 1e-12 slack keeps an arrival due exactly at a point (10 per second, a step at 1 s) on
    // this side of it despite rounding in the area.
    if (area >= need - 1e-12) {
      if (k === 0) return Math.min(t + need / rt, s1);
      // rt·Δ + k·Δ²/2 = need, in the form that loses no digits when k is small.
      const dt = (2 * need) / (rt + Math.sqrt(Math.max(0, rt * rt + 2 * k * need)));
      return Math.min(t + dt, s1);
    }
    need -= area;
    t = s1;
    seg++;
  }
}

/** Next arrival after t: thinning (Lewis–Shedler) over the segment's peak rate. */
function nextArrival(st: ClientState, rng: { exp(mean: number): number; next(): number }, t: number): number {
  if (st.replayAt) return st.replayNext < st.replayAt.length ? st.replayAt[st.replayNext++]! : Infinity;
  const sch = st.sch;
  let seg = st.seg;
  while (sch.end[seg]! <= t) seg++;
  st.seg = seg;
  if (st.constant) return constantNextArrival(sch, seg, t);
  for (;;) {
    const s0 = sch.start[seg]!,
      s1 = sch.end[seg]!,
      r0 = sch.r0[seg]!,
      r1 = sch.r1[seg]!;
    const rmax = r0 > r1 ? r0 : r1;
    if (rmax <= 0) {
      if (s1 === Infinity) return Infinity;
      t = s1;
      seg++;
      continue;
    }
    const cand = t + rng.exp(1 / rmax);
    if (cand >= s1) {
      t = s1;
      seg++;
      continue;
    }
    if (r0 === r1) return cand;
    const r = r0 + ((r1 - r0) * (cand - s0)) / (s1 - s0);
    if (rng.next() * rmax < r) return cand;
    t = cand;
  }
}

export const clientEngine: KindEngine<ClientState, ClientParams> = {
  compile(p, i, c) {
    c.source[i] = 1;
    c.plan[i] = p.calls === 'parallel' ? PLAN_PARALLEL : 0;
  },
  init(p) {
    // A user who never pauses and fails at once would ask again at the same instant forever:
    // think times below 1 µs count as 1 µs.
    return {
      sch: scheduleCompile(p.rateRps, p.schedule),
      closed: p.arrival === 'closed',
      constant: p.arrival === 'constant',
      users: p.users,
      thinkMs: Math.max(p.thinkTimeMs, MIN_THINK_MS),
      seg: 0,
      burstAt: Float64Array.from(p.bursts, (b) => b.atS * 1000),
      burstCount: Int32Array.from(p.bursts, (b) => b.count),
      replayAt: p.arrival === 'replay' ? Float64Array.from(p.replay.atS, (t) => t * 1000) : null,
      replayNext: 0,
    };
  },
  requestRate(p, durationMs) {
    const peak = Math.max(p.rateRps, ...p.schedule.map((x) => x.rateRps));
    if (p.arrival === 'replay') return p.replay.atS.filter((t) => t * 1000 < durationMs).length;
    const burst = p.bursts.reduce((a, b) => a + (b.atS * 1000 < durationMs ? b.count : 0), 0);
    return burst + (p.arrival === 'closed' ? (p.users * durationMs) / Math.max(1, p.thinkTimeMs) : (peak * durationMs) / 1000);
  },
  start(ctx, i, s) {
    for (let k = 0; k < s.burstAt.length; k++)
      if (s.burstAt[k]! < ctx.model.durationMs) ctx.scheduleAt(s.burstAt[k]!, EV_NODE, i, BURST, k);
    if (s.closed) {
      for (let u = 0; u < s.users; u++) ctx.schedule(ctx.rng.exp(s.thinkMs), EV_NODE, i, THINK, u);
      return;
    }
    const t = nextArrival(s, ctx.rng, 0);
    if (t < ctx.model.durationMs) ctx.scheduleAt(t, EV_NODE, i, ARRIVAL, 0);
  },
  event(ctx, i, s, b, c) {
    if (b === THINK) {
      ctx.startRequest(i, c);
      return;
    }
    if (b === BURST) {
      // A burst's requests belong to no closed-loop user (user −1): they think no more after.
      for (let k = s.burstCount[c]!; k > 0; k--) ctx.startRequest(i, -1);
      return;
    }
    const next = nextArrival(s, ctx.rng, ctx.now);
    if (next < ctx.model.durationMs) ctx.scheduleAt(next, EV_NODE, i, ARRIVAL, 0);
    ctx.startRequest(i, -1);
  },
  requestDone(ctx, i, s, user) {
    const t = ctx.now + ctx.rng.exp(s.thinkMs);
    if (t < ctx.model.durationMs) ctx.scheduleAt(t, EV_NODE, i, THINK, user);
  },
};
