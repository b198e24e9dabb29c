/** findingsDetect: run every detector over a result; most severe first. */
import type { ArchDocument } from '../../model/schema.ts';
import type { Simulation } from '../Simulation.ts';
import type { Finding, SimResult } from '../types.ts';

export type Detector = (doc: ArchDocument, result: SimResult, sim: Simulation) => Finding[];

import { capacityFindings } from './capacity.ts';
import { retryFindings } from './retries.ts';
import { correctnessFindings } from './correctness.ts';
import { statisticsFindings } from './statistics.ts';
import { outcomeFindings } from './outcomes.ts';
import { kindFindings } from './kinds.ts';

const DETECTORS: Detector[] = [capacityFindings, retryFindings, correctnessFindings, outcomeFindings, kindFindings, statisticsFindings];

const RANK = { critical: 0, warning: 1, info: 2 } as const;

export function findingsDetect(doc: ArchDocument, result: SimResult, sim: Simulation): Finding[] {
  const out: Finding[] = [];
  for (const d of DETECTORS) out.push(...d(doc, result, sim));
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.fromS - b.fromS);
}
