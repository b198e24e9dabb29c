import { describe, expect, it } from 'vitest';
import { edgeSchema, nodeSchema } from '../../model/index.ts';
import { edgeFieldNotes, nodeFieldNotes } from './fieldApplies.ts';

const node = (kind: string, params: Record<string, unknown> = {}) => nodeSchema.parse({ id: 'n', kind, params });
const edge = (params: Record<string, unknown> = {}) => edgeSchema.parse({ id: 'e', source: 'a', target: 'b', params });

describe('fields the other settings make irrelevant', () => {
  it('a cache: the key-space fields in hitRatio mode (start included), the hit ratio in keyspace mode', () => {
    const ratio = nodeFieldNotes(node('cache'));
    expect([...ratio.keys()]).toEqual(['params.keys', 'params.zipfS', 'params.capacity', 'params.ttlS', 'params.start', 'params.coalesce']);
    expect(ratio.get('params.start')).toMatch(/keyspace mode/);
    expect([...nodeFieldNotes(node('cache', { mode: 'keyspace' })).keys()]).toEqual(['params.hitRatio']);
  });

  it('a client: the rate in a closed loop or a replay, users and think time in an open one', () => {
    expect([...nodeFieldNotes(node('client')).keys()]).toEqual(['params.users', 'params.thinkTimeMs']);
    expect([...nodeFieldNotes(node('client', { arrival: 'closed' })).keys()]).toEqual(['params.rateRps']);
    expect([...nodeFieldNotes(node('client', { arrival: 'replay' })).keys()]).toContain('params.rateRps');
  });

  it('a service: the AIMD fields of a fixed limit, the autoscaling target of the other metric', () => {
    const fixed = nodeFieldNotes(node('service', { shedding: { concurrencyLimit: { mode: 'fixed' } } }));
    expect(fixed.has('params.shedding.concurrencyLimit.limit')).toBe(false);
    expect(fixed.get('params.shedding.concurrencyLimit.backoffRatio')).toBe('aimd mode only');
    const aimd = nodeFieldNotes(
      node('service', { shedding: { concurrencyLimit: { mode: 'aimd' } }, autoscale: { metric: 'queuePerInstance' } }),
    );
    expect([...aimd.keys()]).toEqual(['params.autoscale.targetUtilization']);
  });

  it('a call: halfOpenProbes under hystrix, the window in consecutive mode, budgetMs outside budget mode', () => {
    expect([...edgeFieldNotes(edge()).keys()]).toEqual(['params.breaker.consecutiveFailures', 'params.deadline.budgetMs']);
    const e = edgeFieldNotes(edge({ breaker: { mode: 'consecutive', halfOpenMode: 'hystrix' }, deadline: { mode: 'budget' } }));
    expect([...e.keys()]).toEqual(['params.breaker.windowSize', 'params.breaker.minimumCalls', 'params.breaker.halfOpenProbes']);
  });
});
