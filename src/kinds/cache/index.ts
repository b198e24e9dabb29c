/** Cache: hits answer, misses go to its backend. */
import type { KindDef } from '../types.ts';
import { cacheParams, type CacheParams } from './params.ts';
import { cacheEngine } from './engine.ts';
import { cacheAnalysis } from './analysis.ts';
import { cacheCost } from './cost.ts';
import { cacheFindings } from './findings.ts';
import { num } from '../summary.ts';

export const cache = {
  kind: 'cache',
  params: cacheParams,
  meta: {
    name: 'Cache',
    color: '#b45309',
    blurb: 'Hits answer, misses go downstream',
    doc: 'A miss is forwarded to its outgoing edges.',
    icon: [{ t: 'path', d: 'M13 2 4 14h7l-1 8 9-12h-7l1-8Z' }],
  },
  summary: (p) => (p.mode === 'hitRatio' ? `${Math.round(p.hitRatio * 100)}% hits` : `${num(p.keys)} keys · LRU ${num(p.capacity)}`),
  wiring: {
    noCallsWarning: (p: CacheParams) =>
      p.mode === 'hitRatio' && p.hitRatio < 1 ? 'cache misses have nowhere to go: connect the cache to its database' : null,
  },
  engine: cacheEngine,
  analysis: cacheAnalysis,
  cost: cacheCost,
  findings: { detect: cacheFindings },
} satisfies KindDef<'cache', typeof cacheParams>;
