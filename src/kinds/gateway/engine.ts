/**
 * Gateway engine: a token bucket with continuous refill (rate, burst; initially full), one
 * bucket or one per traffic source. An attempt that finds < 1 token gets 429 with a
 * Retry-After (the configured one, or the time until the next token).
 */
import type { KindEngine } from '../types.ts';
import { PLAN_PARALLEL, ST_RATE } from '../../engine/codes.ts';
import { workSet } from '../../engine/core/distributions.ts';
import type { GatewayParams } from './params.ts';

interface GatewayState {
  perClient: boolean;
  ratePerMs: number;
  burst: number;
  retryAfterMs: number;
  tokens: Float64Array;
  at: Float64Array;
}

export const gatewayEngine: KindEngine<GatewayState, GatewayParams> = {
  compile(p, i, c) {
    workSet(c, i, 0, { type: 'constant', ms: p.overheadMs });
    c.plan[i] = p.calls === 'parallel' ? PLAN_PARALLEL : 0;
  },
  init(p, _i, m) {
    const k = p.scope === 'perClient' ? m.sources.length : 1;
    return {
      perClient: p.scope === 'perClient',
      ratePerMs: p.rateRps / 1000,
      burst: p.burst,
      retryAfterMs: p.retryAfterMs,
      tokens: new Float64Array(k).fill(p.burst),
      at: new Float64Array(k),
    };
  },
  arrive(ctx, j, i, s) {
    const k = s.perClient ? ctx.req.source[ctx.job.req[j]!]! : 0;
    const rate = s.ratePerMs;
    let t = s.tokens[k]! + (ctx.now - s.at[k]!) * rate;
    if (t > s.burst) t = s.burst;
    s.at[k] = ctx.now;
    if (t >= 1) {
      s.tokens[k] = t - 1;
      ctx.startWork(j, i);
      return;
    }
    s.tokens[k] = t;
    ctx.setRetryAfter(j, s.retryAfterMs > 0 ? s.retryAfterMs : rate > 0 ? (1 - t) / rate : 1000);
    ctx.finishJob(j, ST_RATE);
  },
};
