/** Display metadata per node kind: name, colour, one-line blurb for the palette. */
import type { NodeKind } from '../../model/index.ts';

export interface KindMeta { name: string; color: string; blurb: string }

export const KIND_META: Record<NodeKind, KindMeta> = {
  client: { name: 'Client', color: '#0284c7', blurb: 'Sends traffic: open or closed loop' },
  scheduler: { name: 'Scheduler', color: '#7c3aed', blurb: 'Cron: a batch of jobs every N s' },
  loadBalancer: { name: 'Load balancer', color: '#0d9488', blurb: 'Spreads calls over backends' },
  gateway: { name: 'API gateway', color: '#ea580c', blurb: 'Token-bucket rate limiter' },
  service: { name: 'Service', color: '#4f46e5', blurb: 'Workers, a queue, downstream calls' },
  queue: { name: 'Queue', color: '#c026d3', blurb: 'Broker: ack on enqueue, consumers pull' },
  cache: { name: 'Cache', color: '#b45309', blurb: 'Hits answer, misses go downstream' },
  database: { name: 'Database', color: '#334155', blurb: 'Connection pool, reads and writes' },
  external: { name: 'External API', color: '#db2777', blurb: 'Third party or webhook receiver' },
};

/** Kinds that make no downstream calls: their cards have no source handle. */
export const SINK_KINDS: readonly NodeKind[] = ['database', 'external'];
