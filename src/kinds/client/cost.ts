/**
 * Client cost model: nothing. A client stands for the callers (users' devices, partners' servers),
 * which the design does not pay to run; the requests they send are priced where they arrive.
 */
import type { KindCost } from '../types.ts';
import type { ClientParams } from './params.ts';

export const clientCost: KindCost<ClientParams> = () => [];
