/**
 * The practice problem set, in the order the picker shows it. Each problem is one module in
 * problems/, with its starting canvas and reference design in scenarios/problems/.
 */
import { parseDocument, formatErrors, type ArchDocument } from '../model/index.ts';
import type { Problem } from './types.ts';
import { webhookDelivery } from './problems/webhookDelivery.ts';
import { rateLimiter } from './problems/rateLimiter.ts';
import { asyncJobs } from './problems/asyncJobs.ts';
import { metricsIngestion } from './problems/metricsIngestion.ts';
import { jobScheduler } from './problems/jobScheduler.ts';
import { cacheInvalidation } from './problems/cacheInvalidation.ts';
import { highVolumeApi } from './problems/highVolumeApi.ts';
import { fileMetadata } from './problems/fileMetadata.ts';
import { featureFlags } from './problems/featureFlags.ts';
import { safeRetries } from './problems/safeRetries.ts';
import { idempotentPayments } from './problems/idempotentPayments.ts';

export const PROBLEMS: readonly Problem[] = [
  rateLimiter,
  webhookDelivery,
  idempotentPayments,
  asyncJobs,
  metricsIngestion,
  jobScheduler,
  cacheInvalidation,
  highVolumeApi,
  fileMetadata,
  featureFlags,
  safeRetries,
];

export function problemById(id: string): Problem | undefined {
  return PROBLEMS.find((p) => p.id === id);
}

/** A problem's starting canvas or reference design as a document (stored JSON, checked by the tests). */
export function problemDocument(problem: Problem, which: 'start' | 'reference'): ArchDocument {
  const parsed = parseDocument(problem[which]);
  if (!parsed.ok) throw new Error(`problem ${problem.id} ${which}: ${formatErrors(parsed.errors, 3)}`);
  return parsed.doc;
}

/** Why `id` (from a #problem= link or a document) names no problem, with the ids that exist. */
export function unknownProblemMessage(id: string): string {
  return `There is no practice problem “${id}”. The problems are: ${PROBLEMS.map((p) => p.id).join(', ')}.`;
}
