/** Database: a connection pool, reads and writes; writes are side effects. */
import type { KindDef } from '../types.ts';
import { databaseParams } from './params.ts';
import { databaseEngine } from './engine.ts';
import { databaseAnalysis } from './analysis.ts';
import { databaseCost } from './cost.ts';
import { num } from '../summary.ts';

export const database = {
  kind: 'database',
  params: databaseParams,
  meta: {
    name: 'Database',
    color: '#334155',
    blurb: 'Connection pool, reads and writes',
    doc: 'A pool of connections; writes are side effects.',
    icon: [
      { t: 'ellipse', cx: 12, cy: 5, rx: 8, ry: 3 },
      { t: 'path', d: 'M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3' },
    ],
  },
  summary: (p) => `pool ${num(p.poolSize)} · ${Math.round(p.writeFraction * 100)}% writes`,
  wiring: { leaf: true },
  engine: databaseEngine,
  analysis: databaseAnalysis,
  cost: databaseCost,
} satisfies KindDef<'database', typeof databaseParams>;
