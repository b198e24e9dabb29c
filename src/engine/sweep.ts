/** Parameter sweeps (the path resolver lives in the model, where the app's work guard also reads it). */
export { sweepPath, sweepValues, type SweepPathResult } from '../model/sweepPath.ts';
