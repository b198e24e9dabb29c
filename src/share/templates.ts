/**
 * The template gallery's catalogue: the ready-made designs in `scenarios/templates/`, parsed
 * once and summarised for cards. A template whose description starts with "Puzzle:" ships
 * with failing requirements on purpose; the rest pass as shipped (tests/unit/templates.test.ts
 * runs every one through the engine). Imports only the model.
 */
import { parseDocument, type ArchDocument } from '../model/index.ts';
import webhookDelivery from '../../scenarios/templates/webhook-delivery.json';
import jobScheduler from '../../scenarios/templates/job-scheduler.json';
import rateLimiter from '../../scenarios/templates/rate-limiter.json';
import paymentApi from '../../scenarios/templates/payment-api.json';
import metricsIngestion from '../../scenarios/templates/metrics-ingestion.json';
import cacheStampede from '../../scenarios/templates/cache-stampede.json';
import asyncJobs from '../../scenarios/templates/async-jobs.json';
import loadBalancedApi from '../../scenarios/templates/load-balanced-api.json';

export interface Template {
  /** File name without `.json`; stable, used in test ids. */
  id: string;
  doc: ArchDocument;
  title: string;
  /** One line for the card: the description's first sentence (after a puzzle's opening sentence). */
  summary: string;
  /** Ships with failing requirements for the user to fix. */
  puzzle: boolean;
}

const SOURCES: readonly [string, unknown][] = [
  ['webhook-delivery', webhookDelivery],
  ['job-scheduler', jobScheduler],
  ['rate-limiter', rateLimiter],
  ['payment-api', paymentApi],
  ['metrics-ingestion', metricsIngestion],
  ['cache-stampede', cacheStampede],
  ['async-jobs', asyncJobs],
  ['load-balanced-api', loadBalancedApi],
];

/** The first sentence of `text` (up to ". " or a line break). */
function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text.split('\n')[0] ?? '');
  return (m?.[1] ?? text).trim();
}

/** Card summary and puzzle flag from a description. */
export function templateSummary(description: string): { summary: string; puzzle: boolean } {
  const puzzle = description.startsWith('Puzzle:');
  let rest = description;
  if (puzzle) rest = description.slice(firstSentence(description).length).trim();
  return { summary: firstSentence(rest), puzzle };
}

let cache: Template[] | null = null;

/**
 * Every template, parsed and defaulted. A template that fails to parse is a build bug, caught
 * by the unit test; here it is skipped rather than breaking the gallery.
 *
 * @example
 * const [first] = templateList(); session.createNew(first.doc);
 */
export function templateList(): Template[] {
  if (cache) return cache;
  cache = [];
  for (const [id, raw] of SOURCES) {
    const parsed = parseDocument(raw);
    if (!parsed.ok) continue;
    cache.push({ id, doc: parsed.doc, title: parsed.doc.title, ...templateSummary(parsed.doc.description) });
  }
  return cache;
}

/** Raw template documents by id, for tests that must see parse failures. */
export const TEMPLATE_SOURCES = SOURCES;
