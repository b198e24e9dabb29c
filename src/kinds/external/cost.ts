/**
 * External endpoint cost model: $0.50 per million calls (a third-party API's fee or the egress of a
 * webhook); every attempt is paid, so retries cost money too.
 */
import type { KindCost } from '../types.ts';
import { costPerMillion } from '../costUnits.ts';
import type { ExternalParams } from './params.ts';

export const EXTERNAL_USD_PER_MILLION_CALLS = 0.5;

export const externalCost: KindCost<ExternalParams> = (_p, u) => [costPerMillion('calls', u.arrivalRps, EXTERNAL_USD_PER_MILLION_CALLS)];
