/** External endpoint: a third-party API or a webhook receiver. */
import type { KindDef } from '../types.ts';
import { externalParams } from './params.ts';
import { externalEngine } from './engine.ts';
import { externalAnalysis } from './analysis.ts';
import { externalCost } from './cost.ts';
import { distributionSummary } from '../summary.ts';

export const external = {
  kind: 'external',
  params: externalParams,
  meta: {
    name: 'External API',
    color: '#db2777',
    blurb: 'Third party or webhook receiver',
    doc: 'A webhook receiver or third-party API; each successful call is a side effect.',
    icon: [
      { t: 'circle', cx: 12, cy: 12, r: 9 },
      { t: 'path', d: 'M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3Z' },
    ],
  },
  summary: (p) => `${distributionSummary(p.latency)}${p.errorRate ? ` · ${+(p.errorRate * 100).toFixed(2)}% err` : ''}`,
  wiring: { leaf: true },
  engine: externalEngine,
  analysis: externalAnalysis,
  cost: externalCost,
} satisfies KindDef<'external', typeof externalParams>;
