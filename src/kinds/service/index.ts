/** Service: workers, a waiting line, its own work, downstream calls. */
import type { KindDef } from '../types.ts';
import { serviceParams } from './params.ts';
import { serviceEngine } from './engine.ts';
import { serviceAnalysis } from './analysis.ts';
import { serviceCost } from './cost.ts';
import { serviceFindings } from './findings.ts';
import { distributionSummary, num } from '../summary.ts';

export const service = {
  kind: 'service',
  params: serviceParams,
  meta: {
    name: 'Service',
    color: '#4f46e5',
    blurb: 'Workers, a queue, downstream calls',
    doc: 'c workers and a waiting line; after its own work it calls its outgoing edges.',
    icon: [
      { t: 'rect', x: 4, y: 4, width: 16, height: 16, rx: 3 },
      { t: 'path', d: 'M9 9h6v6H9zM9 1.5V4M15 1.5V4M9 20v2.5M15 20v2.5M1.5 9H4M1.5 15H4M20 9h2.5M20 15h2.5' },
    ],
  },
  summary: (p) => `${num(p.workers)} workers · ${distributionSummary(p.serviceTime)}`,
  wiring: {},
  engine: serviceEngine,
  analysis: serviceAnalysis,
  cost: serviceCost,
  findings: { detect: serviceFindings },
} satisfies KindDef<'service', typeof serviceParams>;
