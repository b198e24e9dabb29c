/** The one-line parameter summary shown on a node card ("4 workers · 20 ms exp"). */
import type { DocNode, Distribution } from '../../model/index.ts';

const num = (n: number) => (Math.abs(n) >= 10_000 ? `${+(n / 1000).toFixed(1)}k` : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));

/** "20 ms exp", "p50 80 / p99 400 ms". */
export function distributionSummary(d: Distribution): string {
  switch (d.type) {
    case 'constant': return `${num(d.ms)} ms const`;
    case 'exponential': return `${num(d.meanMs)} ms exp`;
    case 'uniform': return `${num(d.minMs)}–${num(d.maxMs)} ms`;
    case 'lognormal': return `p50 ${num(d.p50Ms)} / p99 ${num(d.p99Ms)} ms`;
  }
}

export function nodeSummary(node: DocNode): string {
  switch (node.kind) {
    case 'client': {
      const p = node.params;
      if (p.arrival === 'closed') return `${num(p.users)} users · think ${num(p.thinkTimeMs)} ms`;
      return `${num(p.rateRps)} req/s · ${p.arrival}${p.schedule.length ? ` · ${p.schedule.length}-pt schedule` : ''}`;
    }
    case 'scheduler': return `${num(node.params.batchSize)} jobs every ${num(node.params.intervalS)} s`;
    case 'loadBalancer': return `${node.params.policy === 'p2c' ? 'power of 2' : node.params.policy.replace(/([A-Z])/g, ' $1').toLowerCase()}${node.params.healthCheck.enabled ? ' · health checks' : ''}`;
    case 'gateway': return `${num(node.params.rateRps)} req/s · burst ${num(node.params.burst)}`;
    case 'service': return `${num(node.params.workers)} workers · ${distributionSummary(node.params.serviceTime)}`;
    case 'queue': return `${node.params.capacity === null ? 'unbounded' : `cap ${num(node.params.capacity)}`} · vis ${num(node.params.visibilityTimeoutS)} s${node.params.maxReceiveCount ? ` · DLQ@${node.params.maxReceiveCount}` : ''}`;
    case 'cache': return node.params.mode === 'hitRatio' ? `${Math.round(node.params.hitRatio * 100)}% hits` : `${num(node.params.keys)} keys · LRU ${num(node.params.capacity)}`;
    case 'database': return `pool ${num(node.params.poolSize)} · ${Math.round(node.params.writeFraction * 100)}% writes`;
    case 'external': return `${distributionSummary(node.params.latency)}${node.params.errorRate ? ` · ${+(node.params.errorRate * 100).toFixed(2)}% err` : ''}`;
  }
}
