import { describe, expect, it } from 'vitest';
import { documentSchema, type ArchDocument } from '../model/index.ts';
import { documentChanges } from './runSummary.ts';

const base = documentSchema.parse({
  version: 1,
  nodes: [
    { id: 'c', kind: 'client', label: 'Producers' },
    { id: 'ep', kind: 'external', label: 'Endpoint' },
    { id: 'lb', kind: 'loadBalancer', label: 'LB' },
  ],
  edges: [{ id: 'c-ep', source: 'c', target: 'ep' }],
  scenario: { failures: [{ target: 'ep', kind: 'down', atS: 60, durationS: 30 }] },
});
const withScenario = (s: Partial<ArchDocument['scenario']>): ArchDocument => ({ ...base, scenario: { ...base.scenario, ...s } });
const noJson = (lines: string[]) => lines.every((l) => !/[{}[\]"]/.test(l));

describe('documentChanges in words', () => {
  it('names an edited failure by what it does, with no JSON', () => {
    const f = base.scenario.failures[0]!;
    const lines = documentChanges(base, withScenario({ failures: [{ ...f, durationS: 45 }] }));
    expect(lines).toEqual(['failure down of Endpoint at 60–90 s: durationS 30 → 45']);
  });

  it('lists added and removed failures and requirements', () => {
    const added = withScenario({
      failures: [...base.scenario.failures, { ...base.scenario.failures[0]!, target: 'c-ep', kind: 'latency', atS: 10, durationS: 5 }],
      requirements: [{ target: 'c', metric: 'latencyP99Ms', op: '<', value: 500 }],
    });
    const lines = documentChanges(base, added);
    expect(lines).toEqual(['+ failure: latency of Producers → Endpoint at 10–15 s', '+ requirement: Producers latencyP99Ms < 500']);
    expect(documentChanges(added, base)).toEqual([
      '− failure: latency of Producers → Endpoint at 10–15 s',
      '− requirement: Producers latencyP99Ms < 500',
    ]);
    expect(noJson(lines)).toBe(true);
  });

  it('shows strings, switches and lists without quotes or brackets', () => {
    const lb = base.nodes[2]!;
    const c = base.nodes[0]!;
    const next: ArchDocument = {
      ...base,
      nodes: [
        { ...c, params: { ...c.params, schedule: [{ atS: 10, rateRps: 5, shape: 'step' }] } } as typeof c,
        base.nodes[1]!,
        {
          ...lb,
          params: { ...lb.params, policy: 'p2c', healthCheck: { ...(lb.params as { healthCheck: object }).healthCheck, enabled: true } },
        } as typeof lb,
      ],
    };
    const lines = documentChanges(base, next);
    expect(lines).toEqual(['Producers: schedule 0 items → 1 item', 'LB: policy roundRobin → p2c', 'LB: healthCheck.enabled off → on']);
  });
});
