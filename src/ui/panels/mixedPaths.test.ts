import { describe, expect, it } from 'vitest';
import { mixedPaths } from './mixedPaths.ts';

describe('mixedPaths', () => {
  it('lists the leaves that differ, by path', () => {
    const a = { params: { workers: 4, serviceTime: { type: 'exponential', meanMs: 20 }, idempotency: { enabled: false } } };
    const b = { params: { workers: 8, serviceTime: { type: 'exponential', meanMs: 20 }, idempotency: { enabled: true } } };
    expect([...mixedPaths([a, b])].sort()).toEqual(['params.idempotency.enabled', 'params.workers']);
  });

  it('marks a distribution of another type at its type and its parameters', () => {
    const a = { t: { type: 'constant', ms: 5 } };
    const b = { t: { type: 'exponential', meanMs: 5 } };
    expect([...mixedPaths([a, b])].sort()).toEqual(['t.meanMs', 't.ms', 't.type']);
  });

  it('is empty for one object or identical ones', () => {
    expect(mixedPaths([{ a: 1 }]).size).toBe(0);
    expect(mixedPaths([{ a: [1, 2] }, { a: [1, 2] }]).size).toBe(0);
  });
});
