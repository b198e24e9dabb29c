/** Queue / broker: ack on enqueue, consumers pull, redelivery, dead-letter queue. */
import type { KindDef } from '../types.ts';
import { queueParams } from './params.ts';
import { queueEngine } from './engine.ts';
import { queueAnalysis } from './analysis.ts';
import { queueCost } from './cost.ts';

import { num } from '../summary.ts';

export const queue = {
  kind: 'queue',
  params: queueParams,
  meta: {
    name: 'Queue',
    color: '#c026d3',
    blurb: 'Broker: ack on enqueue, consumers pull',
    doc: 'A broker; its outgoing edges go to consumer services.',
    icon: [
      { t: 'rect', x: 2, y: 7, width: 4.5, height: 10, rx: 1 },
      { t: 'rect', x: 9.75, y: 7, width: 4.5, height: 10, rx: 1 },
      { t: 'rect', x: 17.5, y: 7, width: 4.5, height: 10, rx: 1 },
    ],
  },
  summary: (p) =>
    `${p.capacity === null ? 'unbounded' : `cap ${num(p.capacity)}`} · vis ${num(p.visibilityTimeoutS)} s${p.maxReceiveCount ? ` · DLQ@${p.maxReceiveCount}` : ''}`,
  wiring: { targets: ['service'], noCallsWarning: () => 'queue has no consumer: messages pile up' },
  engine: queueEngine,
  analysis: queueAnalysis,
  cost: queueCost,
  findings: { backlog: true, unboundedLine: (p) => p.capacity === null, rejectWhy: 'a full queue' },
} satisfies KindDef<'queue', typeof queueParams>;
