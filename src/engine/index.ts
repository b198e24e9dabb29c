/**
 * archsim engine: a pure discrete-event simulation library (no DOM, no React, no globals).
 *
 * @example
 *   const parsed = parseDocument(json);
 *   if (parsed.ok) {
 *     const result = simulate(parsed.doc, { seed: 7 });
 *     console.log(result.sources.client.latencyMs.p99);
 *   }
 *
 * For live runs: `const sim = createSimulation(doc)`, then call `sim.runUntil(tMs)` in
 * slices, `resultLive(sim)` for a cheap snapshot between slices (totals and series only) and
 * `resultBuild(sim)` once at the end (adds traces, requirements and findings).
 */
import type { ArchDocument } from '../model/schema.ts';
import { Simulation, type SimOptions } from './Simulation.ts';
import { resultBuild } from './result.ts';
import type { Progress, SimResult } from './types.ts';

export type { SimOptions } from './Simulation.ts';
export * from './types.ts';
export { resultBuild, resultLive } from './result.ts';
export { Simulation } from './Simulation.ts';
export { EngineError } from './errors.ts';

export function createSimulation(doc: ArchDocument, opts: SimOptions = {}): Simulation {
  return new Simulation(doc, opts);
}

export interface SimulateOptions extends SimOptions {
  /** Called about every `progressEveryMs` of wall time with the simulated position. */
  onProgress?: (p: Progress) => void;
  progressEveryMs?: number;
}

/** Run a document to the end and return its result. */
export function simulate(doc: ArchDocument, opts: SimulateOptions = {}): SimResult {
  const sim = new Simulation(doc, opts);
  const end = sim.model.durationMs;
  if (!opts.onProgress) {
    sim.runUntil(end);
  } else {
    const every = opts.progressEveryMs ?? 200;
    let slice = end / 100;
    while (!sim.runUntil(sim.now + slice)) {
      const before = sim.wallMs;
      opts.onProgress(simulationProgress(sim));
      // Aim each slice at `every` ms of wall time.
      const took = sim.wallMs - before || 1;
      slice = Math.max(1, Math.min(end, slice * Math.min(4, every / took)));
    }
    opts.onProgress(simulationProgress(sim));
  }
  return resultBuild(sim);
}

export function simulationProgress(sim: Simulation): Progress {
  return { simulatedS: sim.now / 1000, durationS: sim.model.durationMs / 1000, events: sim.events, wallMs: sim.wallMs };
}
export { replicationsSummarize, seriesBand, interval, tQuantile975, type ReplicationSummary, type Interval } from './replications.ts';
export { sweepPath, sweepValues } from './sweep.ts';
