import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../model/parse.ts';
import { analyzeDocument } from './analyzeDocument.ts';
import { erlangB, mmcResponseMs, mmcWaitMs } from './queueing.ts';
import { edge, makeDoc } from './testDoc.ts';

const close = (actual: number | null | undefined, expected: number, tol = 1e-9) => {
  expect(actual).toBeTypeOf('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
};
const client = (id: string, params: Record<string, unknown> = {}) => ({ id, kind: 'client', params });
const service = (id: string, params: Record<string, unknown> = {}) => ({ id, kind: 'service', params });

describe('client → load balancer → 3 services → database', () => {
  // 2,000 rps split round-robin over 3 services: 2000/3 = 666.67 rps each (capacity 16/20 ms = 800 rps,
  // ρ = 0.8333). Every service calls the database once, so it sees 3 × 666.67 = 2,000 rps.
  // Database E[S] = writeFraction·E[write] + (1 − writeFraction)·E[read] = 0.2·10 + 0.8·5 = 6 ms.
  const build = (poolSize: number, policy = 'roundRobin') =>
    makeDoc(
      [
        client('web', { rateRps: 2000 }),
        { id: 'lb', kind: 'loadBalancer', params: { policy } },
        ...['s1', 's2', 's3'].map((id) => service(id, { workers: 16, serviceTime: { type: 'exponential', meanMs: 20 } })),
        {
          id: 'db',
          kind: 'database',
          params: {
            poolSize,
            writeFraction: 0.2,
            readTime: { type: 'exponential', meanMs: 5 },
            writeTime: { type: 'exponential', meanMs: 10 },
          },
        },
      ],
      [edge('web', 'lb'), edge('lb', 's1'), edge('lb', 's2'), edge('lb', 's3'), edge('s1', 'db'), edge('s2', 'db'), edge('s3', 'db')],
    );

  it('splits evenly and sums back at the database', () => {
    const a = analyzeDocument(build(10));
    close(a.nodes.lb?.arrivalRps, 2000);
    for (const s of ['s1', 's2', 's3']) {
      close(a.nodes[s]?.arrivalRps, 2000 / 3);
      close(a.nodes[s]?.capacityRps, 800);
      close(a.nodes[s]?.utilization, 2000 / 3 / 800);
      close(a.edges[`lb-${s}`]?.rps, 2000 / 3);
      close(a.nodes[s]?.expected?.responseMs, mmcResponseMs(16, 2000 / 3, 20));
      expect(a.nodes[s]?.expected?.model).toBe('M/M/16');
    }
    close(a.nodes.db?.arrivalRps, 2000);
  });

  it('flags the database over capacity with a pool of 10: 10/6 ms = 1,666.7 rps, ρ = 1.2', () => {
    const db = analyzeDocument(build(10)).nodes.db!;
    close(db.capacityRps, 10_000 / 6);
    close(db.utilization, 1.2);
    expect(db.workers).toBe(10);
    expect(db.expected).toBeUndefined();
    expect(db.note).toMatch(/Overloaded/);
  });

  it('after the fix (pool 20: ρ = 0.6) gives an M/G/20 estimate for the hyperexponential read/write mix', () => {
    const db = analyzeDocument(build(20)).nodes.db!;
    close(db.utilization, 0.6);
    // E[S²] = 0.2·2·10² + 0.8·2·5² = 80, E[S]² = 36 → C_s² = 80/36 − 1 = 11/9.
    // Allen–Cunneen: Wq = Wq(M/M/20)·(1 + 11/9)/2.
    const wq = (mmcWaitMs(20, 2000, 6) * (1 + 11 / 9)) / 2;
    close(db.expected?.waitMs, wq);
    close(db.expected?.responseMs, wq + 6);
    expect(db.expected?.model).toBe('M/G/20 (Allen–Cunneen)');
  });

  it('notes that a round-robin branch is not Poisson, and stays quiet for a random split', () => {
    expect(analyzeDocument(build(20)).nodes.s1?.note).toMatch(/assumes Poisson.*round-robin/);
    expect(analyzeDocument(build(20, 'random')).nodes.s1?.note).toBeUndefined();
  });

  it('splits by weight: 2 : 1 : 1 of 2,000 rps is 1,000, 500, 500', () => {
    const doc = makeDoc(
      [client('web', { rateRps: 2000 }), { id: 'lb', kind: 'loadBalancer' }, service('a'), service('b'), service('c')],
      [edge('web', 'lb'), edge('lb', 'a', { weight: 2 }), edge('lb', 'b'), edge('lb', 'c')],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.a?.arrivalRps, 1000);
    close(a.nodes.b?.arrivalRps, 500);
    close(a.nodes.c?.arrivalRps, 500);
  });
});

describe('flow rules', () => {
  it('a cache with hit ratio 0.9 sends 10 % of 1,000 rps downstream', () => {
    const doc = makeDoc(
      [client('c', { rateRps: 1000 }), { id: 'cache', kind: 'cache', params: { hitRatio: 0.9 } }, { id: 'db', kind: 'database' }],
      [edge('c', 'cache'), edge('cache', 'db')],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.cache?.arrivalRps, 1000);
    close(a.nodes.cache?.hitRatio, 0.9);
    close(a.nodes.db?.arrivalRps, 100);
    close(a.edges['cache-db']?.rps, 100);
  });

  it('callProbability 0.3 sends 30 % of the calls', () => {
    const doc = makeDoc(
      [client('c', { rateRps: 1000 }), service('api'), { id: 'ext', kind: 'external' }],
      [edge('c', 'api'), edge('api', 'ext', { callProbability: 0.3 })],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.ext?.arrivalRps, 300);
    // Unlimited concurrency: no capacity, no utilization, pure delay.
    expect(a.nodes.ext?.capacityRps).toBeNull();
    expect(a.nodes.ext?.utilization).toBeNull();
    expect(a.nodes.ext?.expected?.model).toBe('M/G/∞');
  });

  it('parallel calls reach every edge too', () => {
    const doc = makeDoc(
      [client('c', { rateRps: 100 }), service('api', { calls: 'parallel' }), service('x'), service('y')],
      [edge('c', 'api'), edge('api', 'x'), edge('api', 'y')],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.x?.arrivalRps, 100);
    close(a.nodes.y?.arrivalRps, 100);
  });

  it('retries on a callee that fails half the time, 3 attempts: 100 → 175 rps, and layers multiply (175 × 1.75)', () => {
    const retry = { retry: { maxAttempts: 3, onError: true } };
    const doc = makeDoc(
      [client('c', { rateRps: 100 }), service('a', { errorRate: 0.5 }), service('b', { errorRate: 0.5 })],
      [edge('c', 'a', retry), edge('a', 'b', retry)],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.a?.arrivalRps, 175);
    close(a.edges['c-a']?.attemptsPerCall, 1.75);
    close(a.nodes.b?.arrivalRps, 306.25);
    expect(a.nodes.b?.note).toMatch(/retries on "a-b"/);
  });

  it('does not amplify when onError is off', () => {
    const doc = makeDoc(
      [client('c', { rateRps: 100 }), service('a', { errorRate: 0.5 })],
      [edge('c', 'a', { retry: { maxAttempts: 3, onError: false } })],
    );
    close(analyzeDocument(doc).nodes.a?.arrivalRps, 100);
  });

  it('a queue feeds its consumers in proportion to their capacity (200 : 600 rps of capacity → 100 : 300 of 400)', () => {
    const doc = makeDoc(
      [
        client('c', { rateRps: 400 }),
        { id: 'q', kind: 'queue' },
        service('slow', { workers: 2, serviceTime: { type: 'constant', ms: 10 } }),
        service('fast', { workers: 6, serviceTime: { type: 'constant', ms: 10 } }),
      ],
      [edge('c', 'q'), edge('q', 'slow'), edge('q', 'fast')],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.slow?.arrivalRps, 100);
    close(a.nodes.fast?.arrivalRps, 300);
    close(a.nodes.q?.capacityRps, 800);
    close(a.nodes.q?.utilization, 0.5);
  });

  it('a global gateway forwards min(λ, rate); per client each client gets its own bucket', () => {
    const build = (scope: string) =>
      makeDoc(
        [
          client('big', { rateRps: 250 }),
          client('small', { rateRps: 50 }),
          { id: 'gw', kind: 'gateway', params: { rateRps: 100, scope } },
          service('api'),
        ],
        [edge('big', 'gw'), edge('small', 'gw'), edge('gw', 'api')],
      );
    const global = analyzeDocument(build('global'));
    close(global.nodes.gw?.arrivalRps, 300);
    close(global.nodes.gw?.utilization, 3);
    close(global.nodes.api?.arrivalRps, 100);
    // Per client: min(250, 100) + min(50, 100) = 150.
    close(analyzeDocument(build('perClient')).nodes.api?.arrivalRps, 150);
  });

  it('a scheduler emits batchSize/intervalS and its batches are flagged as non-Poisson', () => {
    const doc = makeDoc(
      [{ id: 'cron', kind: 'scheduler', params: { batchSize: 600, intervalS: 60 } }, service('job')],
      [edge('cron', 'job')],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.cron?.arrivalRps, 10);
    close(a.nodes.job?.arrivalRps, 10);
    expect(a.nodes.job?.note).toMatch(/Poisson.*batches of 600/);
  });
});

describe('client schedules', () => {
  // 100 rps, ramping linearly to 500 rps at t = 40 s: at t = 20 s, 100 + (500 − 100)·20/40 = 300.
  const doc = makeDoc(
    [client('c', { rateRps: 100, schedule: [{ atS: 40, rateRps: 500, shape: 'ramp' }] }), service('api')],
    [edge('c', 'api')],
    { durationS: 60 },
  );
  it('evaluates the ramp at a given time', () => close(analyzeDocument(doc, 20).nodes.api?.arrivalRps, 300));
  it('sizes for the peak when no time is given', () => {
    const a = analyzeDocument(doc);
    close(a.nodes.api?.arrivalRps, 500);
    expect(a.nodes.c?.note).toMatch(/Peak/);
  });
});

describe('closed-loop clients', () => {
  it('without queueing, X = users/(think + service): 10/(0.9 s + 0.1 s) = 10 rps', () => {
    const doc = makeDoc(
      [
        client('u', { arrival: 'closed', users: 10, thinkTimeMs: 900 }),
        service('api', { workers: 100, serviceTime: { type: 'exponential', meanMs: 100 } }),
      ],
      [edge('u', 'api')],
    );
    const a = analyzeDocument(doc);
    close(a.nodes.u?.arrivalRps, 10, 1e-9);
    close(a.nodes.api?.arrivalRps, 10, 1e-9);
    expect(a.nodes.u?.note).toMatch(/Closed loop.*bound users\/thinkTime = 11\.1 rps/);
  });

  it('saturates below capacity: 1,000 users, no think time, M/M/1 with E[S] = 10 ms → X = 100,000/1,001', () => {
    // X = 1000/R, R = 0.01/(1 − X/100) s  ⇒  X = 100,000·(1 − X/100)  ⇒  X = 100,000/1,001 = 99.9 rps.
    const doc = makeDoc(
      [
        client('u', { arrival: 'closed', users: 1000, thinkTimeMs: 0 }),
        service('api', { workers: 1, serviceTime: { type: 'exponential', meanMs: 10 } }),
      ],
      [edge('u', 'api')],
    );
    close(analyzeDocument(doc).nodes.u?.arrivalRps, 100_000 / 1001, 1e-9);
  });
});

describe('queueing expectations per node', () => {
  const single = (svc: Record<string, unknown>, rateRps: number, arrival = 'poisson') =>
    analyzeDocument(makeDoc([client('c', { rateRps, arrival }), service('s', svc)], [edge('c', 's')])).nodes.s!;

  it('M/D/1 at ρ = 0.5 waits 5 ms, half the M/M/1 wait', () => {
    const d = single({ workers: 1, serviceTime: { type: 'constant', ms: 10 } }, 50);
    const m = single({ workers: 1, serviceTime: { type: 'exponential', meanMs: 10 } }, 50);
    expect(d.expected?.model).toBe('M/D/1');
    expect(m.expected?.model).toBe('M/M/1');
    close(d.expected?.waitMs, 5);
    close(m.expected?.waitMs, 10);
    close(d.expected?.responseMs, 15);
  });

  it('a bounded exponential queue uses M/M/c/K: K = 1 + 1, ρ = 0.5 blocks 1/7 and responds in 13.33 ms', () => {
    const s = single({ workers: 1, queueCapacity: 1, serviceTime: { type: 'exponential', meanMs: 10 } }, 50);
    expect(s.expected?.model).toBe('M/M/1/2');
    close(s.expected?.blockingProbability, 1 / 7);
    close(s.expected?.responseMs, 40 / 3);
  });

  it('M/M/c/K still answers when overloaded (ρ = 2, K = 2 blocks 4/7)', () => {
    const s = single({ workers: 1, queueCapacity: 1, serviceTime: { type: 'exponential', meanMs: 10 } }, 200);
    close(s.utilization, 2);
    close(s.expected?.blockingProbability, 4 / 7);
  });

  it('an unbounded overloaded service has utilization > 1 and no expectation', () => {
    const s = single({ workers: 2, serviceTime: { type: 'exponential', meanMs: 10 } }, 300);
    close(s.utilization, 1.5);
    expect(s.expected).toBeUndefined();
  });

  it('constant arrivals are noted as not Poisson', () => {
    expect(single({}, 50, 'constant').note).toMatch(/assumes Poisson.*constant arrivals/);
  });

  it('an external endpoint with a concurrency limit is an Erlang loss system: c = 5, a = 30 rps × 0.1 s = 3', () => {
    const doc = makeDoc(
      [client('c', { rateRps: 30 }), { id: 'ext', kind: 'external', params: { concurrency: 5, latency: { type: 'constant', ms: 100 } } }],
      [edge('c', 'ext')],
    );
    const ext = analyzeDocument(doc).nodes.ext!;
    close(ext.capacityRps, 50);
    close(ext.utilization, 0.6);
    close(ext.expected?.blockingProbability, erlangB(5, 3));
    close(ext.expected?.blockingProbability, 2.025 / 18.4);
  });
});

describe('the webhook-delivery scenario', () => {
  it('gives hand-computed rates: 1,000 rps through, and 1,000·(1 − 0.01³)/0.99 = 1,010.1 rps of attempts at the endpoint', () => {
    const raw: unknown = JSON.parse(readFileSync(new URL('../../scenarios/webhook-delivery.json', import.meta.url), 'utf8'));
    const parsed = parseDocument(raw);
    if (!parsed.ok) throw new Error('scenario does not parse');
    const a = analyzeDocument(parsed.doc);
    close(a.nodes.api?.arrivalRps, 1000);
    close(a.nodes.api?.capacityRps, 32 / 0.005);
    close(a.nodes.queue?.arrivalRps, 1000);
    close(a.nodes.workers?.arrivalRps, 1000);
    close(a.nodes.endpoint?.arrivalRps, (1000 * 0.999999) / 0.99);
    expect(Object.keys(a.edges).sort()).toEqual(['api-queue', 'producers-api', 'queue-workers', 'workers-endpoint']);
  });
});
