/**
 * Public entry of the static analysis: traffic equations and closed-form queueing formulas.
 * No DOM, no React, no store: imports only `model/`.
 */
export type { Analysis, EdgeLoad, NodeExpectation, NodeLoad } from './types.ts';
export { analyzeDocument } from './analyzeDocument.ts';
export {
  allenCunneenWaitMs,
  erlangB,
  erlangC,
  mg1WaitMs,
  mm1kBlocking,
  mmcResponseMs,
  mmcWaitMs,
  mmckMetrics,
  type FiniteQueueMetrics,
} from './queueing.ts';
export { clientPeakRate, clientRateAt, retryAttemptsPerCall } from './rates.ts';
export { cacheHitRatio } from './cacheHitRatio.ts';
export { distributionShape, mixtureMoments, stationLoad, type ServiceShape, type Station } from './stationLoad.ts';
export { theoryCompare, type TheoryRow } from './theoryCompare.ts';
export { workEstimate, PLANNING_EVENTS_PER_S, type WorkEstimate } from './workEstimate.ts';
