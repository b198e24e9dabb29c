import { describe, expect, it } from 'vitest';
import {
  cacheParamsSchema,
  databaseParamsSchema,
  edgeSchema,
  edgeParamsSchema,
  nodeSchema,
  queueParamsSchema,
  scenarioSchema,
  serviceParamsSchema,
  documentSchema,
} from '../../model/index.ts';
import { fieldLabel, groupSummary, schemaFields, type FieldSpec } from './schemaFields.ts';
import { validateEdit } from './validateEdit.ts';

const byKey = (fields: FieldSpec[], key: string) => {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe('fieldLabel', () => {
  it('derives labels and units from field-name suffixes', () => {
    expect(fieldLabel('timeoutMs')).toEqual({ label: 'Timeout', unit: 'ms' });
    expect(fieldLabel('visibilityTimeoutS')).toEqual({ label: 'Visibility timeout', unit: 's' });
    expect(fieldLabel('rateRps')).toEqual({ label: 'Rate', unit: 'req/s' });
    expect(fieldLabel('tokensPerS')).toEqual({ label: 'Tokens', unit: '/s' });
    expect(fieldLabel('minPerS')).toEqual({ label: 'Minimum retries', unit: '/s' }); // named: "Min /s" said nothing
    expect(fieldLabel('failureRatePercent')).toEqual({ label: 'Failure rate', unit: '%' });
    expect(fieldLabel('ttlS')).toEqual({ label: 'TTL', unit: 's' });
    expect(fieldLabel('p99Ms')).toEqual({ label: 'p99', unit: 'ms' });
    expect(fieldLabel('workers')).toEqual({ label: 'Workers', unit: null });
  });

  it('names fields the suffix rule would read wrong: the Zipf exponent has no unit', () => {
    expect(fieldLabel('zipfS')).toEqual({ label: 'Zipf exponent', unit: null });
    expect(byKey(schemaFields(cacheParamsSchema), 'zipfS')).toMatchObject({ label: 'Zipf exponent', unit: null });
    expect(fieldLabel('slowMs')).toEqual({ label: 'Slow answer', unit: 'ms' });
  });
});

describe('group titles', () => {
  const group = (fields: FieldSpec[], key: string) => byKey(fields, key) as FieldSpec & { type: 'group' };
  const service = schemaFields(serviceParamsSchema, ['params']);
  const edge = schemaFields(edgeParamsSchema, ['params']);

  it('takes a short description as the title', () => {
    expect(group(schemaFields(databaseParamsSchema, ['params']), 'occ').label).toBe('Optimistic concurrency');
    expect(group(service, 'shedding').label).toBe('Load shedding');
    expect(group(edge, 'throttle').label).toBe('Retry throttling (gRPC)');
  });

  it('says on / off, the mode, or nothing', () => {
    const shedding = group(service, 'shedding');
    const off = { queueTimeoutMs: 0, dropExpired: false, concurrencyLimit: { mode: 'off', limit: 20 } };
    expect(groupSummary(shedding, off)).toBe(' · off');
    expect(groupSummary(shedding, { ...off, queueTimeoutMs: 200 })).toBe(' · on');
    expect(groupSummary(shedding, { ...off, concurrencyLimit: { mode: 'aimd', limit: 20 } })).toBe(' · on');
    expect(groupSummary(group(shedding.fields, 'concurrencyLimit'), { mode: 'fixed' })).toBe(' · fixed');
    expect(groupSummary(group(edge, 'deadline'), { mode: 'none' })).toBe(' · none');
    expect(groupSummary(group(edge, 'breaker'), { enabled: true })).toBe(' · on');
    expect(groupSummary(group(edge, 'retry'), { maxAttempts: 3 })).toBe('');
  });
});

describe('schemaFields', () => {
  const service = schemaFields(serviceParamsSchema, ['params']);

  it('reads bounds, integer-ness and defaults from number schemas', () => {
    expect(byKey(service, 'workers')).toMatchObject({
      type: 'number',
      min: 1,
      max: 100_000,
      integer: true,
      nullable: false,
      defaultValue: 4,
      path: ['params', 'workers'],
    });
    expect(byKey(service, 'errorRate')).toMatchObject({ type: 'number', min: 0, max: 1, integer: false });
  });

  it('marks nullable numbers (null = unbounded)', () => {
    expect(byKey(service, 'queueCapacity')).toMatchObject({ type: 'number', nullable: true, min: 0, defaultValue: null });
    expect(byKey(schemaFields(queueParamsSchema), 'capacity')).toMatchObject({ nullable: true, min: 1 });
  });

  it('lists enum options and booleans', () => {
    expect(byKey(service, 'discipline')).toMatchObject({ type: 'enum', options: ['fifo', 'lifo'], defaultValue: 'fifo' });
    expect(byKey(service, 'sideEffect')).toMatchObject({ type: 'boolean', defaultValue: false });
  });

  it('turns a distribution union into variants keyed by type', () => {
    const f = byKey(service, 'serviceTime');
    if (f.type !== 'distribution') throw new Error('expected distribution');
    expect(Object.keys(f.variants)).toEqual(['constant', 'exponential', 'uniform', 'lognormal']);
    expect(f.variants.lognormal?.map((v) => [v.key, v.unit])).toEqual([
      ['p50Ms', 'ms'],
      ['p99Ms', 'ms'],
    ]);
    expect(f.variants.exponential?.[0]).toMatchObject({ key: 'meanMs', min: 0, path: ['params', 'serviceTime', 'meanMs'] });
  });

  it('walks nested objects of the edge params into groups', () => {
    const edge = schemaFields(edgeParamsSchema, ['params']);
    expect(edge.map((f) => f.key)).toEqual([
      'timeoutMs',
      'retry',
      'budget',
      'throttle',
      'breaker',
      'callProbability',
      'weight',
      'latencyMs',
      'reuseIdempotencyKey',
      'async',
      'deadline',
    ]);
    const retry = byKey(edge, 'retry');
    if (retry.type !== 'group') throw new Error('expected group');
    expect(byKey(retry.fields, 'maxAttempts')).toMatchObject({ min: 1, max: 100, integer: true, path: ['params', 'retry', 'maxAttempts'] });
    expect(byKey(retry.fields, 'jitter')).toMatchObject({ type: 'enum', options: ['none', 'full', 'equal', 'decorrelated'] });
  });

  it("a database's optimistic concurrency is an inspector group: enabled, hot rows, hot share", () => {
    const occ = byKey(schemaFields(databaseParamsSchema, ['params']), 'occ');
    if (occ.type !== 'group') throw new Error('expected group');
    expect(occ.fields.map((f) => f.key)).toEqual(['enabled', 'hotKeys', 'hotFraction']);
    expect(byKey(occ.fields, 'hotKeys')).toMatchObject({ min: 1, max: 1_000_000, integer: true, path: ['params', 'occ', 'hotKeys'] });
    expect(byKey(occ.fields, 'hotFraction')).toMatchObject({ min: 0, max: 1 });
  });

  it('describes arrays by their item fields and strings by their length', () => {
    const scen = schemaFields(scenarioSchema);
    const failures = byKey(scen, 'failures');
    if (failures.type !== 'array') throw new Error('expected array');
    expect(failures.item.map((f) => f.key)).toContain('durationS');
    const doc = schemaFields(documentSchema);
    expect(byKey(doc, 'description')).toMatchObject({ type: 'string', maxLength: 20_000, multiline: true });
  });
});

describe('validateEdit', () => {
  const node = nodeSchema.parse({ id: 'api', kind: 'service' });

  it('accepts a valid value and returns the parsed object', () => {
    const r = validateEdit(nodeSchema, node, ['params', 'workers'], 8);
    expect(r.ok && r.value.kind === 'service' && r.value.params.workers).toBe(8);
  });

  it('rejects out-of-range values with a message and leaves the input untouched', () => {
    expect(validateEdit(nodeSchema, node, ['params', 'workers'], 0)).toEqual({ ok: false, message: 'Must be ≥ 1' });
    expect(validateEdit(nodeSchema, node, ['params', 'workers'], 2.5)).toEqual({ ok: false, message: 'Must be a whole number' });
    expect(validateEdit(nodeSchema, node, ['params', 'errorRate'], 1.5)).toEqual({ ok: false, message: 'Must be ≤ 1' });
    expect(node.kind === 'service' && node.params.workers).toBe(4);
  });

  it('applies cross-field rules of the schema (lognormal p99 ≥ p50)', () => {
    const n = validateEdit(nodeSchema, node, ['params', 'serviceTime'], { type: 'lognormal', p50Ms: 50, p99Ms: 100 });
    expect(n.ok).toBe(true);
    if (!n.ok) return;
    expect(validateEdit(nodeSchema, n.value, ['params', 'serviceTime', 'p99Ms'], 10)).toEqual({
      ok: false,
      message: 'p99Ms must be ≥ p50Ms',
    });
  });

  it('validates edge ids and nested edge params', () => {
    const edge = edgeSchema.parse({ id: 'a-b', source: 'a', target: 'b' });
    expect(validateEdit(edgeSchema, edge, ['params', 'retry', 'maxAttempts'], 0)).toEqual({ ok: false, message: 'Must be ≥ 1' });
  });
});

describe('field help from the kind modules', () => {
  const missing = (fields: ReturnType<typeof schemaFields>, where: string): string[] =>
    fields.flatMap((f) => {
      if (f.type === 'group') return missing(f.fields, `${where}.${f.key}`);
      if (f.type === 'array') return [];
      return f.help && f.help.length > 20 ? [] : [`${where}.${f.key}`];
    });
  it('every node parameter of every kind says what it does to the system', async () => {
    const { KINDS } = await import('../../kinds/registry.ts');
    const gaps = KINDS.flatMap((k) => missing(schemaFields(k.params), k.kind));
    expect(gaps).toEqual([]);
  });
  it('every call parameter says what it does too', () => {
    expect(missing(schemaFields(edgeParamsSchema), 'edge')).toEqual([]);
  });
  it("the help reaches the field spec (the visibility timeout's warning about duplicates)", () => {
    const vis = schemaFields(queueParamsSchema).find((f) => f.key === 'visibilityTimeoutS')!;
    expect(vis.help).toMatch(/redelivered while still being worked on: duplicates/);
  });
});
