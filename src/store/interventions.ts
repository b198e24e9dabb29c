/**
 * Interventions made while a run plays, written into the document at the simulated time they
 * happened, so the edited document *is* the run: "Run again" with the same seed, a share link or
 * `archsim run` reproduce it bit for bit, and undo takes an intervention back like any edit.
 *
 *  - a failure started live is a timeline failure from `atS` to the run's end (id `live-N`);
 *    stopping it (or any failure in force) cuts its duration at the stop time;
 *  - a client's rate is a step in its rate schedule at `atS`;
 *  - a node's workers is a capacity failure from `atS` (workers can be cut, not added: the
 *    engine's capacity failure never exceeds the configured workers).
 *
 * Pure functions of the document: the store applies them (one undo step each).
 */
import { failureSchema, type ArchDocument, type DocNode, type Failure } from '../model/index.ts';

export type FailureKind = Failure['kind'];
/** What an intervention's failure needs beyond its target and kind (the schema's defaults fill the rest). */
export type FailureSpec = Pick<Failure, 'target' | 'kind'> &
  Partial<Pick<Failure, 'mode' | 'effect' | 'factor' | 'probability' | 'workers' | 'addedMs'>>;

/** Timeline times are kept to the millisecond: the time a user sees is the time that is recorded. */
export const interventionTime = (simS: number): number => Math.max(0, Math.floor(simS * 1000) / 1000);

const LIVE_PREFIX = 'live-';
/** Differences of ms-rounded times, kept to the ms (61.234 − 54.1 is 7.133999999999997 in floating point). */
const msRound = (s: number): number => Math.round(s * 1000) / 1000;
const SHORTEST_S = 0.001;

function freshFailureId(doc: ArchDocument): string {
  const used = new Set(doc.scenario.failures.map((f) => f.id));
  for (let n = 1; ; n++) if (!used.has(`${LIVE_PREFIX}${n}`)) return `${LIVE_PREFIX}${n}`;
}

/** Whether `f` is a failure started live and not stopped yet: it lasts, for now, until the run's end. */
export const failureLiveOpen = (f: Failure, runDurationS: number): boolean =>
  (f.id?.startsWith(LIVE_PREFIX) ?? false) && msRound(f.atS + f.durationS) >= msRound(runDurationS);

/** Whether failure `f` is in force at time `atS`. */
export const failureActiveAt = (f: Failure, atS: number): boolean => f.atS <= atS && atS < f.atS + f.durationS;

/** The failure of `kind` on `target` in force at `atS` (live or scripted), if any. */
export function failureInForce(doc: ArchDocument, target: string, kind: FailureKind, atS: number): Failure | undefined {
  return doc.scenario.failures.find((f) => f.target === target && f.kind === kind && failureActiveAt(f, atS));
}

/** Start a failure at `atS` that lasts until the run's end (or `forS`, if that is sooner). */
export function failureStart(doc: ArchDocument, spec: FailureSpec, atS: number, forS = Infinity): ArchDocument {
  const durationS = msRound(Math.min(forS, doc.scenario.durationS - atS));
  if (!(durationS > 0)) return doc;
  // The schema's defaults fill every field the spec leaves out.
  const f: Failure = failureSchema.parse({ id: freshFailureId(doc), ...spec, atS, durationS });
  return { ...doc, scenario: { ...doc.scenario, failures: [...doc.scenario.failures, f] } };
}

/** The bar a flush gets in the timeline (it acts at its start; its duration only draws it). */
const FLUSH_BAR_S = 1;

/** Flush cache `target` at `atS` (a point event: it adds a flush each time, nothing to stop). */
export const flushAt = (doc: ArchDocument, target: string, atS: number): ArchDocument =>
  failureStart(doc, { target, kind: 'flush' }, atS, FLUSH_BAR_S);

/** End the failure `f` (one of doc's) at `atS`: it keeps its start and lasts until then. */
export function failureStop(doc: ArchDocument, f: Failure, atS: number): ArchDocument {
  const durationS = Math.max(SHORTEST_S, msRound(atS - f.atS));
  return {
    ...doc,
    scenario: { ...doc.scenario, failures: doc.scenario.failures.map((x) => (x === f ? { ...x, durationS } : x)) },
  };
}

/** End every failure of `kind` on `target` in force at `atS` (a live one and a scripted one may overlap). */
export function failuresStop(doc: ArchDocument, target: string, kind: FailureKind, atS: number): ArchDocument {
  const hit = (f: Failure) => f.target === target && f.kind === kind && failureActiveAt(f, atS);
  if (!doc.scenario.failures.some(hit)) return doc;
  const failures = doc.scenario.failures
    // One that started at this very instant goes, rather than staying 1 ms long.
    .filter((f) => !(hit(f) && f.atS === atS))
    .map((f) => (hit(f) ? { ...f, durationS: Math.max(SHORTEST_S, msRound(atS - f.atS)) } : f));
  return { ...doc, scenario: { ...doc.scenario, failures } };
}

/** An open-loop client's rate from `atS` on: a step in its schedule (one already at `atS` is replaced). */
export function clientRateAt(doc: ArchDocument, nodeId: string, atS: number, rateRps: number): ArchDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== nodeId || n.kind !== 'client') return n;
      const schedule = [...n.params.schedule.filter((p) => p.atS !== atS), { atS, rateRps, shape: 'step' as const }].sort(
        (a, b) => a.atS - b.atS,
      );
      return { ...n, params: { ...n.params, schedule } } as DocNode;
    }),
  };
}

/** The rate an open-loop client sends at `atS`, requests per second (its schedule's steps and ramps). */
export function clientRateOf(node: DocNode, atS: number): number | null {
  if (node.kind !== 'client' || node.params.arrival === 'closed') return null;
  let t = 0,
    r = node.params.rateRps;
  for (const p of [...node.params.schedule].sort((a, b) => a.atS - b.atS)) {
    if (p.atS > atS) return p.shape === 'ramp' && p.atS > t ? r + ((p.rateRps - r) * (atS - t)) / (p.atS - t) : r;
    t = p.atS;
    r = p.rateRps;
  }
  return r;
}

/** Workers a node is configured with (services, databases' pools), or null for a kind without workers. */
export function nodeWorkers(node: DocNode): number | null {
  const p = node.params as { workers?: unknown; poolSize?: unknown };
  const w = typeof p.workers === 'number' ? p.workers : typeof p.poolSize === 'number' ? p.poolSize : null;
  return w !== null && Number.isFinite(w) ? w : null;
}

/** A node's workers from `atS` on (0 … configured): ends any capacity cut in force, then cuts to `workers` if below. */
export function workersAt(doc: ArchDocument, nodeId: string, atS: number, workers: number): ArchDocument {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const configured = node ? nodeWorkers(node) : null;
  if (configured === null) return doc;
  const cut = failureInForce(doc, nodeId, 'capacity', atS);
  let next = cut ? (cut.atS === atS ? removeFailure(doc, cut) : failureStop(doc, cut, atS)) : doc;
  if (workers < configured) next = failureStart(next, { target: nodeId, kind: 'capacity', workers: Math.max(0, Math.round(workers)) }, atS);
  return next;
}

/** The workers in force at `atS`: the configured count, or a capacity cut's. */
export function workersInForce(doc: ArchDocument, node: DocNode, atS: number): number | null {
  const configured = nodeWorkers(node);
  if (configured === null) return null;
  const cut = failureInForce(doc, node.id, 'capacity', atS);
  return cut ? Math.min(cut.workers, configured) : configured;
}

function removeFailure(doc: ArchDocument, f: Failure): ArchDocument {
  return { ...doc, scenario: { ...doc.scenario, failures: doc.scenario.failures.filter((x) => x !== f) } };
}
