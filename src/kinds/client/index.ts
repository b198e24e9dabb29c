/** Client: sends traffic, open loop on a rate schedule or a closed loop of users. */
import type { KindDef } from '../types.ts';
import { clientParams } from './params.ts';
import { clientEngine } from './engine.ts';
import { clientAnalysis } from './analysis.ts';
import { clientCost } from './cost.ts';
import { num } from '../summary.ts';

export const client = {
  kind: 'client',
  params: clientParams,
  meta: {
    name: 'Client',
    color: '#0284c7',
    blurb: 'Sends traffic: open or closed loop',
    doc: 'Starts logical requests. Open loop: Poisson (or evenly spaced: the k-th arrival where the integrated rate reaches k) arrivals at the scheduled rate; a `step` point jumps at `atS`, a `ramp` point moves linearly from the previous point. Closed loop: `users` each wait Exp(`thinkTimeMs`), send, wait for the outcome, repeat. Its timeouts and retries are set on its outgoing edges.',
    icon: [
      { t: 'rect', x: 3, y: 4, width: 18, height: 12, rx: 2 },
      { t: 'path', d: 'M2 20h20M9 16v4M15 16v4' },
    ],
  },
  summary: (p) =>
    p.arrival === 'replay'
      ? `replay · ${num(p.replay.atS.length)} arrivals${p.replay.source ? ` · ${p.replay.source}` : ''}`
      : p.arrival === 'closed'
        ? `${num(p.users)} users · think ${num(p.thinkTimeMs)} ms`
        : `${num(p.rateRps)} req/s · ${p.arrival}${p.schedule.length ? ` · ${p.schedule.length}-pt schedule` : ''}`,
  wiring: { source: true, noCallsWarning: () => 'this client calls nothing: connect it to a service' },
  engine: clientEngine,
  analysis: clientAnalysis,
  cost: clientCost,
} satisfies KindDef<'client', typeof clientParams>;
