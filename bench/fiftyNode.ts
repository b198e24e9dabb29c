/**
 * fiftyNodeDesign: a 50-node design for benchmarks and the app's responsiveness test. Two client
 * groups (web and mobile, 5,000 req/s each) enter through one API gateway; load balancers spread
 * the traffic over API, search, order, payment and inventory services, which read through caches
 * into databases, call external APIs (payments, fraud, geo) and publish to queues consumed by
 * notification and analytics workers. Every station runs below saturation (ρ ≤ about 0.6), so the
 * run measures the engine's bookkeeping, not a growing backlog.
 *
 * Returned as a document input (defaults filled by `parseDocument`), laid out in columns.
 */
import type { ArchDocumentInput } from '../src/model/index.ts';

type NodeIn = ArchDocumentInput['nodes'][number];
type EdgeIn = NonNullable<ArchDocumentInput['edges']>[number];

export function fiftyNodeDesign(durationS = 600): ArchDocumentInput {
  const nodes: NodeIn[] = [];
  const edges: EdgeIn[] = [];
  const col = new Map<number, number>();
  const add = (n: Omit<NodeIn, 'position'>, x: number): void => {
    const row = col.get(x) ?? 0;
    col.set(x, row + 1);
    nodes.push({ ...n, position: { x: x * 260, y: row * 130 } } as NodeIn);
  };
  const call = (source: string, target: string, params: EdgeIn['params'] = {}): void => {
    edges.push({ id: `${source}-${target}`, source, target, params });
  };
  const service = (id: string, label: string, x: number, workers: number, meanMs: number): void =>
    add({ id, kind: 'service', label, params: { workers, serviceTime: { type: 'exponential', meanMs } } }, x);
  const replicas = (
    lb: string,
    prefix: string,
    label: string,
    n: number,
    x: number,
    workers: number,
    meanMs: number,
    timeoutMs: number,
  ): string[] => {
    add({ id: lb, kind: 'loadBalancer', label: `${label} LB`, params: { policy: 'p2c', overheadMs: 0.1 } }, x);
    const ids = Array.from({ length: n }, (_, k) => `${prefix}-${k + 1}`);
    for (const id of ids) {
      service(id, `${label} ${id.slice(prefix.length + 1)}`, x + 1, workers, meanMs);
      call(lb, id, { timeoutMs });
    }
    return ids;
  };

  // Entry: 2 clients, 1 gateway.                                                        3 nodes
  add({ id: 'web', kind: 'client', label: 'Web clients', params: { rateRps: 5000 } }, 0);
  add({ id: 'mobile', kind: 'client', label: 'Mobile clients', params: { rateRps: 5000 } }, 0);
  add({ id: 'gateway', kind: 'gateway', label: 'API gateway', params: { rateRps: 20_000, burst: 2000, overheadMs: 0.2 } }, 1);
  call('web', 'gateway', { timeoutMs: 2000, retry: { maxAttempts: 2, baseMs: 50 } });
  call('mobile', 'gateway', { timeoutMs: 3000, retry: { maxAttempts: 2, baseMs: 100 } });
  // API tier (70 %) and search tier (30 %).                                          + 14 = 17
  const api = replicas('lb-api', 'api', 'API', 8, 2, 16, 3, 900);
  const search = replicas('lb-search', 'search', 'Search', 4, 2, 16, 6, 900);
  call('gateway', 'lb-api', { callProbability: 0.7, timeoutMs: 1000 });
  call('gateway', 'lb-search', { callProbability: 0.3, timeoutMs: 1000 });
  // Caches in front of databases.                                                     + 6 = 23
  const cache = (id: string, label: string, db: string, dbLabel: string, hitRatio: number): void => {
    add({ id, kind: 'cache', label, params: { hitRatio, hitTime: { type: 'constant', ms: 0.5 } } }, 4);
    add(
      {
        id: db,
        kind: 'database',
        label: dbLabel,
        params: { poolSize: 64, readTime: { type: 'exponential', meanMs: 4 }, writeFraction: 0.05 },
      },
      5,
    );
    call(id, db, { timeoutMs: 200 });
  };
  cache('cache-users', 'User cache', 'db-users', 'Users DB', 0.9);
  cache('cache-catalog', 'Catalog cache', 'db-catalog', 'Catalog DB', 0.85);
  cache('cache-search', 'Search cache', 'db-search', 'Search index', 0.7);
  for (const id of api) {
    call(id, 'cache-users', { timeoutMs: 300 });
    call(id, 'cache-catalog', { callProbability: 0.5, timeoutMs: 300 });
  }
  for (const id of search) {
    call(id, 'cache-search', { timeoutMs: 300 });
    call(id, 'geo', { callProbability: 0.1, timeoutMs: 500 });
  }
  add({ id: 'geo', kind: 'external', label: 'Geo API', params: { latency: { type: 'lognormal', p50Ms: 30, p99Ms: 150 } } }, 6);
  // Orders (20 % of API calls) with their database, payments and inventory.          + 17 = 41
  const orders = replicas('lb-orders', 'orders', 'Orders', 6, 4, 16, 5, 700);
  for (const id of api) call(id, 'lb-orders', { callProbability: 0.2, timeoutMs: 800 });
  add({ id: 'db-orders', kind: 'database', label: 'Orders DB', params: { poolSize: 64, writeFraction: 0.5 } }, 6);
  const payments = replicas('lb-payments', 'payments', 'Payments', 3, 6, 16, 4, 500);
  const inventory = replicas('lb-inventory', 'inventory', 'Inventory', 3, 6, 16, 3, 250);
  for (const id of orders) {
    call(id, 'db-orders', { timeoutMs: 300 });
    call(id, 'lb-payments', { callProbability: 0.5, timeoutMs: 600 });
    call(id, 'lb-inventory', { timeoutMs: 300 });
    call(id, 'events', { async: true });
  }
  add(
    {
      id: 'pay-provider',
      kind: 'external',
      label: 'Payment provider',
      params: { latency: { type: 'lognormal', p50Ms: 80, p99Ms: 300 }, errorRate: 0.005 },
    },
    8,
  );
  add({ id: 'fraud', kind: 'external', label: 'Fraud check', params: { latency: { type: 'lognormal', p50Ms: 40, p99Ms: 200 } } }, 8);
  for (const id of payments) {
    call(id, 'fraud', { timeoutMs: 200 });
    call(id, 'pay-provider', { timeoutMs: 400 });
  }
  add({ id: 'db-inventory', kind: 'database', label: 'Inventory DB', params: { poolSize: 32, writeFraction: 0.3 } }, 8);
  for (const id of inventory) call(id, 'db-inventory', { timeoutMs: 200 });
  // Events queue → notification workers → e-mail and SMS; analytics queue → workers → DB.  + 8 = 50
  add({ id: 'events', kind: 'queue', label: 'Order events', params: { visibilityTimeoutS: 30, maxReceiveCount: 5 } }, 6);
  service('notify', 'Notification workers', 7, 512, 1);
  call('events', 'notify');
  add(
    {
      id: 'email',
      kind: 'external',
      label: 'E-mail API',
      params: { latency: { type: 'lognormal', p50Ms: 60, p99Ms: 300 }, errorRate: 0.01 },
    },
    8,
  );
  add(
    { id: 'sms', kind: 'external', label: 'SMS API', params: { latency: { type: 'lognormal', p50Ms: 90, p99Ms: 500 }, errorRate: 0.01 } },
    8,
  );
  call('notify', 'email', { timeoutMs: 2000, retry: { maxAttempts: 3, baseMs: 200 } });
  call('notify', 'sms', { callProbability: 0.2, timeoutMs: 2000, retry: { maxAttempts: 3, baseMs: 200 } });
  add({ id: 'analytics', kind: 'queue', label: 'Analytics stream', params: { visibilityTimeoutS: 60 } }, 3);
  service('analytics-workers', 'Analytics workers', 4, 32, 2);
  add(
    {
      id: 'db-analytics',
      kind: 'database',
      label: 'Analytics DB',
      params: { poolSize: 32, writeFraction: 1, writeTime: { type: 'exponential', meanMs: 3 } },
    },
    5,
  );
  call('gateway', 'analytics', { async: true, callProbability: 0.2 });
  call('analytics', 'analytics-workers');
  call('analytics-workers', 'db-analytics', { timeoutMs: 1000 });

  return {
    type: 'archsim/document',
    version: 1,
    title: 'Fifty-node commerce backend',
    description: 'Benchmark design: 50 nodes, two client groups at 5,000 req/s each.',
    nodes,
    edges,
    scenario: { durationS, seed: 1 },
  };
}
