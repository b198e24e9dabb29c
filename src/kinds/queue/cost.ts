/**
 * Queue cost model: $0.40 per million API requests (a managed queue's list price), three per
 * message (send, receive, delete); redeliveries arrive again and are counted again.
 */
import type { KindCost } from '../types.ts';
import { costPerMillion } from '../costUnits.ts';
import type { QueueParams } from './params.ts';

export const QUEUE_USD_PER_MILLION_REQUESTS = 0.4;
export const QUEUE_REQUESTS_PER_MESSAGE = 3;

export const queueCost: KindCost<QueueParams> = (_p, u) => [
  costPerMillion('requests (send, receive, delete)', u.arrivalRps * QUEUE_REQUESTS_PER_MESSAGE, QUEUE_USD_PER_MILLION_REQUESTS),
];
