/**
 * Seeded generators of random *accepted* archsim documents (valid graphs, every parameter
 * drawn from typical values and the schema's extremes) and of damage to them, for the fuzz
 * tests. Test helper only.
 */

/** mulberry32: small, seedable, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1e-320,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '',
  ' ',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
  [],
  {},
  [[[]]],
  { __proto__: { x: 1 } },
  'x'.repeat(5000),
  3.5,
  '42',
  { type: 'constant' },
  { type: 'lognormal', p50Ms: 10, p99Ms: 1 },
];

type Json = unknown;

/** Paths to every value inside `v`. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, Json>)[k], [...at, k], out);
  return out;
}

/** 1–4 random edits of a JSON value: delete, replace by a weird value, add an unknown field, scale or reverse. */
export function mutate(doc: Json, rnd: () => number): Json {
  const copy = structuredClone(doc) as Record<string, Json>;
  const all = paths(copy).filter((p) => p.length > 0);
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const p = all[Math.floor(rnd() * all.length)]!;
    let parent: Json = copy;
    for (const key of p.slice(0, -1)) parent = (parent as Record<string | number, Json>)?.[key];
    if (!parent || typeof parent !== 'object') continue;
    const last = p[p.length - 1]!;
    const box = parent as Record<string | number, Json>;
    const op = rnd();
    if (op < 0.3) {
      if (Array.isArray(box) && typeof last === 'number') box.splice(last, 1);
      else delete box[last];
    } else if (op < 0.75) {
      box[last] = structuredClone(WEIRD[Math.floor(rnd() * WEIRD.length)]);
    } else if (op < 0.85) {
      box[`extra${Math.floor(rnd() * 10)}`] = 1; // unknown field
    } else {
      const v = box[last];
      box[last] = typeof v === 'number' ? v * (rnd() < 0.5 ? -1e12 : 1e12) : typeof v === 'string' ? v.split('').reverse().join('') : [v];
    }
  }
  return copy;
}

/** Text damage: truncation, spliced random bytes, a dropped span, or random text. */
export function damageText(text: string, rnd: () => number): string {
  const op = rnd();
  if (op < 0.4) return text.slice(0, Math.floor(rnd() * text.length)); // truncation
  if (op < 0.7) {
    // random bytes spliced in
    const at = Math.floor(rnd() * text.length);
    const junk = String.fromCharCode(...Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 256)));
    return text.slice(0, at) + junk + text.slice(at);
  }
  if (op < 0.85) {
    // drop a span
    const a = Math.floor(rnd() * text.length);
    return text.slice(0, a) + text.slice(a + 1 + Math.floor(rnd() * 40));
  }
  return Array.from({ length: Math.floor(rnd() * 200) }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('');
}

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const maybe = (rnd: Rnd, p: number) => rnd() < p;

const MS = [0, 0.001, 0.5, 1, 5, 20, 100, 1000, 30_000, 3_600_000];
const PROB = [0, 0, 0, 0.001, 0.1, 0.5, 0.9, 1];
const RATE = [0, 0.01, 1, 10, 50, 100, 400, 2000];

function dist(rnd: Rnd): Record<string, unknown> {
  const t = pick(rnd, ['constant', 'exponential', 'uniform', 'lognormal'] as const);
  if (t === 'constant') return { type: t, ms: pick(rnd, MS) };
  if (t === 'exponential') return { type: t, meanMs: pick(rnd, [0.001, 1, 5, 20, 100, 5000]) };
  if (t === 'uniform') {
    const a = pick(rnd, MS.slice(0, 7));
    return { type: t, minMs: a, maxMs: a + pick(rnd, [0, 1, 50]) };
  }
  const p50 = pick(rnd, [0.01, 1, 20, 80]);
  return { type: t, p50Ms: p50, p99Ms: p50 * pick(rnd, [1, 2, 5, 1000]) };
}

function nodeParams(kind: string, rnd: Rnd): Record<string, unknown> {
  switch (kind) {
    case 'client':
      return maybe(rnd, 0.2)
        ? { arrival: 'closed', users: pick(rnd, [1, 3, 10, 50]), thinkTimeMs: pick(rnd, [0, 1, 100, 1000]) }
        : {
            arrival: pick(rnd, ['poisson', 'constant']),
            rateRps: pick(rnd, RATE),
            calls: pick(rnd, ['sequence', 'parallel']),
            schedule: maybe(rnd, 0.3) ? [{ atS: pick(rnd, [0, 1, 3]), rateRps: pick(rnd, RATE), shape: pick(rnd, ['step', 'ramp']) }] : [],
          };
    case 'scheduler':
      return {
        intervalS: pick(rnd, [0.001, 0.5, 1, 60, 86_400]),
        batchSize: pick(rnd, [1, 10, 200]),
        jitterMs: pick(rnd, [0, 0, 10, 5000]),
      };
    case 'loadBalancer':
      return {
        policy: pick(rnd, ['roundRobin', 'random', 'leastOutstanding', 'p2c']),
        overheadMs: pick(rnd, [0, 0, 1]),
        healthCheck: { enabled: maybe(rnd, 0.3), consecutiveFailures: pick(rnd, [1, 5]), ejectS: pick(rnd, [0, 1, 10]) },
      };
    case 'gateway':
      return {
        rateRps: pick(rnd, RATE),
        burst: pick(rnd, [1, 10, 100]),
        scope: pick(rnd, ['global', 'perClient']),
        retryAfterMs: pick(rnd, [0, 100]),
      };
    case 'service':
      return {
        workers: pick(rnd, [1, 2, 4, 64]),
        queueCapacity: pick(rnd, [null, null, 0, 1, 10]),
        discipline: pick(rnd, ['fifo', 'lifo']),
        serviceTime: dist(rnd),
        errorRate: pick(rnd, PROB),
        calls: pick(rnd, ['sequence', 'parallel']),
        blockingCalls: maybe(rnd, 0.3),
        sideEffect: maybe(rnd, 0.3),
        idempotency: { enabled: maybe(rnd, 0.2), retentionS: pick(rnd, [0, 1, 86_400]), atomic: maybe(rnd, 0.5) },
      };
    case 'queue':
      return {
        capacity: pick(rnd, [null, 1, 100]),
        enqueueMs: pick(rnd, [0, 2]),
        visibilityTimeoutS: pick(rnd, [0.001, 1, 30]),
        maxReceiveCount: pick(rnd, [0, 1, 3]),
      };
    case 'cache':
      return maybe(rnd, 0.4)
        ? {
            mode: 'keyspace',
            keys: pick(rnd, [1, 100, 10_000]),
            zipfS: pick(rnd, [0, 0.5, 1, 5]),
            capacity: pick(rnd, [1, 50, 1000]),
            ttlS: pick(rnd, [0, 1, 60]),
            coalesce: maybe(rnd, 0.5),
            hitTime: dist(rnd),
          }
        : { mode: 'hitRatio', hitRatio: pick(rnd, PROB), hitTime: dist(rnd) };
    case 'database':
      return {
        poolSize: pick(rnd, [1, 5, 20]),
        queueCapacity: pick(rnd, [null, 0, 5]),
        readTime: dist(rnd),
        writeTime: dist(rnd),
        writeFraction: pick(rnd, PROB),
        errorRate: pick(rnd, PROB),
        uniqueKey: maybe(rnd, 0.3),
      };
    default:
      return { latency: dist(rnd), errorRate: pick(rnd, PROB), concurrency: pick(rnd, [null, 1, 10]), dedupe: maybe(rnd, 0.3) };
  }
}

function edgeParams(rnd: Rnd): Record<string, unknown> {
  return {
    timeoutMs: pick(rnd, [0, 0, 1, 50, 1000]),
    retry: {
      maxAttempts: pick(rnd, [1, 1, 2, 4]),
      baseMs: pick(rnd, [0, 10, 100]),
      capMs: pick(rnd, [0, 1000]),
      multiplier: pick(rnd, [1, 2, 10]),
      jitter: pick(rnd, ['none', 'full', 'equal', 'decorrelated']),
    },
    budget: { enabled: maybe(rnd, 0.2), percent: pick(rnd, [0, 20, 1000]), minPerS: pick(rnd, [0, 10]), ttlS: pick(rnd, [1, 10]) },
    breaker: {
      enabled: maybe(rnd, 0.2),
      mode: pick(rnd, ['failureRate', 'consecutive']),
      windowSize: pick(rnd, [1, 20]),
      minimumCalls: pick(rnd, [1, 20]),
      openMs: pick(rnd, [0, 100, 5000]),
    },
    callProbability: pick(rnd, [1, 1, 0.5, 0]),
    weight: pick(rnd, [1, 1, 0, 3]),
    latencyMs: pick(rnd, [0, 0, 2, 100]),
    async: maybe(rnd, 0.1),
    reuseIdempotencyKey: maybe(rnd, 0.8),
  };
}

/**
 * A random document the schema and the graph checks accept: 1–2 sources, up to 7 other
 * nodes wired as a DAG by the kinds' rules, random failures and requirements.
 */
export function randomDocument(rnd: Rnd): Record<string, unknown> {
  const nodes: { id: string; kind: string; params: Record<string, unknown> }[] = [];
  const nSources = 1 + Math.floor(rnd() * 2);
  for (let i = 0; i < nSources; i++) nodes.push({ id: `src${i}`, kind: maybe(rnd, 0.8) ? 'client' : 'scheduler', params: {} });
  const nOther = 1 + Math.floor(rnd() * 7);
  for (let i = 0; i < nOther; i++)
    nodes.push({
      id: `n${i}`,
      kind: pick(rnd, ['loadBalancer', 'gateway', 'service', 'service', 'queue', 'cache', 'database', 'external']),
      params: {},
    });
  for (const n of nodes) n.params = nodeParams(n.kind, rnd);
  const edges: { id: string; source: string; target: string; params: Record<string, unknown> }[] = [];
  // Edges only go forward in node order (a DAG); targets are never sources.
  for (let t = nSources; t < nodes.length; t++) {
    const callers = nodes
      .slice(0, t)
      .filter((s) => s.kind !== 'database' && s.kind !== 'external' && (s.kind !== 'queue' || nodes[t]!.kind === 'service'));
    const k = Math.min(callers.length, 1 + Math.floor(rnd() * 2));
    for (let c = 0; c < k; c++) {
      const s = pick(rnd, callers);
      if (edges.some((e) => e.source === s.id && e.target === nodes[t]!.id)) continue;
      edges.push({ id: `e${edges.length}`, source: s.id, target: nodes[t]!.id, params: edgeParams(rnd) });
    }
  }
  // A load balancer needs a backend.
  for (const lb of nodes.filter((n) => n.kind === 'loadBalancer'))
    if (!edges.some((e) => e.source === lb.id)) (lb.kind = 'service'), (lb.params = nodeParams('service', rnd));
  const durationS = pick(rnd, [0.001, 0.5, 2, 5, 20]);
  const ids = nodes.map((n) => n.id);
  const failures = Array.from({ length: Math.floor(rnd() * 3) }, () => {
    const onEdge = edges.length > 0 && maybe(rnd, 0.3);
    const kind = onEdge ? pick(rnd, ['partition', 'latency']) : pick(rnd, ['down', 'slowdown', 'errorRate', 'capacity']);
    return {
      target: onEdge ? pick(rnd, edges).id : pick(rnd, ids),
      kind,
      atS: pick(rnd, [0, 0.1, 1, 86_400]),
      durationS: pick(rnd, [0.001, 1, 86_400]),
      mode: pick(rnd, ['failFast', 'hang']),
      factor: pick(rnd, [1, 5, 1000]),
      probability: pick(rnd, PROB),
      workers: pick(rnd, [0, 1]),
      addedMs: pick(rnd, [0, 100]),
    };
  });
  const metrics = [
    'latencyMeanMs',
    'latencyP50Ms',
    'latencyP99Ms',
    'latencyP999Ms',
    'successRatio',
    'duplicates',
    'dlq',
    'errors',
    'rejected',
    'timeouts',
    'utilization',
    'queueMax',
  ];
  const requirements = Array.from({ length: Math.floor(rnd() * 3) }, () => ({
    target: pick(rnd, ids),
    metric: pick(rnd, metrics),
    op: pick(rnd, ['<', '<=', '>', '>=', '==']),
    value: pick(rnd, [0, 1, 0.99, 100]),
  }));
  return {
    version: 1,
    title: 'fuzz',
    nodes,
    edges,
    scenario: {
      durationS,
      warmupS: maybe(rnd, 0.3) ? durationS / 2 : 0,
      seed: Math.floor(rnd() * 1000),
      bucketS: pick(rnd, [0, 0, 0.001, 1e-300, 1]),
      failures,
      requirements,
    },
  };
}

/** Every non-finite number inside a JSON-like value, as "path = value" (typed arrays skipped: series gaps are NaN by design). */
export function nonFinite(v: unknown, at = '$', out: string[] = []): string[] {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push(`${at} = ${v}`);
    return out;
  }
  if (typeof v === 'string') {
    if (/\bNaN\b|Infinity/.test(v)) out.push(`${at} = ${JSON.stringify(v.slice(0, 120))}`);
    return out;
  }
  if (ArrayBuffer.isView(v)) return out;
  if (Array.isArray(v)) {
    v.forEach((x, i) => nonFinite(x, `${at}[${i}]`, out));
    return out;
  }
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nonFinite(x, `${at}.${k}`, out);
  return out;
}
