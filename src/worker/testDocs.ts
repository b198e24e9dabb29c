/** Test factory: a one-server design, Poisson arrivals at `rateRps` into one exponential 10 ms server. */
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';

export function makeMm1(durationS: number, rateRps = 50, extraScenario: Record<string, unknown> = {}): ArchDocument {
  const r = parseDocument({
    version: 1,
    nodes: [
      { id: 'client', kind: 'client', position: { x: 0, y: 0 }, params: { arrival: 'poisson', rateRps } },
      {
        id: 'server',
        kind: 'service',
        position: { x: 200, y: 0 },
        params: { workers: 1, serviceTime: { type: 'exponential', meanMs: 10 } },
      },
    ],
    edges: [{ id: 'client-server', source: 'client', target: 'server' }],
    scenario: { durationS, seed: 3, ...extraScenario },
  });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.doc;
}
