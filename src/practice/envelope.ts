/**
 * Back of the envelope: for the normal-day drill of a problem (the brief's numbers applied to the
 * design), what each tier of the design must carry and what it provides, from the traffic
 * equations: expected attempts/s, capacity, utilization, and the workers it would need to run at
 * most 70 % busy. Pure: the model, the analysis and the drill document.
 */
import { analyzeDocument } from '../analysis/index.ts';
import type { ArchDocument } from '../model/index.ts';
import { drillDocument } from './drillDocument.ts';
import type { Problem } from './types.ts';

/** Utilization a tier is sized for: headroom for bursts and failures. */
export const TARGET_UTILIZATION = 0.7;

export interface TierLine {
  id: string;
  label: string;
  kind: string;
  /** Attempts per second it must carry on a normal day. */
  needRps: number;
  /** Most it can serve per second (null: not a queueing station, or unlimited). */
  capacityRps: number | null;
  utilization: number | null;
  workers: number;
  /** Workers (connections, slots) for ≤ 70 % busy; null where capacity does not apply. */
  workersNeeded: number | null;
  ok: boolean;
}

export type Envelope = { ok: true; tiers: TierLine[] } | { ok: false; message: string };

export function envelopeBuild(problem: Problem, design: ArchDocument): Envelope {
  const dd = drillDocument(problem, design, problem.drills[0]!);
  if (!dd.ok) return { ok: false, message: dd.message };
  let analysis;
  try {
    analysis = analyzeDocument(dd.doc);
  } catch (e) {
    return { ok: false, message: `the traffic equations cannot be solved for this design: ${(e as Error).message}` };
  }
  const tiers: TierLine[] = [];
  for (const n of dd.doc.nodes) {
    if (n.kind === 'client' || n.kind === 'scheduler') continue;
    const load = analysis.nodes[n.id];
    if (!load) continue;
    const perWorker = load.capacityRps !== null && load.workers > 0 ? load.capacityRps / load.workers : null;
    const workersNeeded = perWorker ? Math.max(1, Math.ceil(load.arrivalRps / (perWorker * TARGET_UTILIZATION))) : null;
    tiers.push({
      id: n.id,
      label: n.label || n.id,
      kind: n.kind,
      needRps: load.arrivalRps,
      capacityRps: load.capacityRps,
      utilization: load.utilization,
      workers: load.workers,
      workersNeeded,
      ok: load.utilization === null || load.utilization <= TARGET_UTILIZATION + 1e-9,
    });
  }
  return { ok: true, tiers };
}
