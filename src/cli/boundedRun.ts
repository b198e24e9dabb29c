/**
 * simulateBounded: run a document to the end in slices, stopping once it has done more than
 * `maxEvents` events (the CLI's work guard, for designs that do more work than the traffic
 * equations predicted). The run is the same pure function of the document and seed whatever
 * the slicing, so the result equals `simulate`'s. Shared by the CLI and its worker threads.
 */
import type { ArchDocument } from '../model/schema.ts';
import { createSimulation, resultBuild, simulationProgress, type Progress, type SimOptions, type SimResult } from '../engine/index.ts';

export type BoundedResult = { ok: true; result: SimResult } | { ok: false; message: string };

const count = (n: number) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(1)} billion` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : String(Math.round(n));

/**
 * Run `doc` to its end, or stop with a message once it exceeds `maxEvents` (Infinity: no limit).
 * `onProgress` is called about every `progressEveryMs` of wall time.
 * @example const r = simulateBounded(doc, { seed: 7 }, 50e6); if (!r.ok) fail(r.message);
 */
export function simulateBounded(
  doc: ArchDocument,
  opts: Omit<SimOptions, 'clock'>,
  maxEvents: number,
  onProgress?: (p: Progress) => void,
  progressEveryMs = 200,
): BoundedResult {
  const sim = createSimulation(doc, opts);
  const end = sim.model.durationMs;
  let slice = end / 100;
  let lastProgress = sim.wallMs;
  for (;;) {
    const before = sim.wallMs;
    if (sim.runUntil(sim.now + slice)) break;
    if (sim.events > maxEvents) {
      return {
        ok: false,
        message: `stopped after ${count(sim.events)} events at ${(sim.now / 1000).toFixed(1)} of ${end / 1000} s simulated: this run does more work than the limit of ${count(maxEvents)} events (more than the traffic equations predicted; retries and timeouts are the usual cause). Shorten it with --duration, or raise the limit with --max-events N or --force`,
      };
    }
    if (onProgress && sim.wallMs - lastProgress >= progressEveryMs) {
      lastProgress = sim.wallMs;
      onProgress(simulationProgress(sim));
    }
    // Aim each slice at about 50 ms of wall time, so the guard and the progress line stay responsive.
    const took = Math.max(sim.wallMs - before, 0.01);
    slice = Math.max(1, Math.min(end, slice * Math.min(4, 50 / took)));
  }
  onProgress?.(simulationProgress(sim));
  return { ok: true, result: resultBuild(sim) };
}
