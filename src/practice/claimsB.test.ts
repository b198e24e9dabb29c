/** Every problem's claims, second half (split so the runs share the cores). */
import { describe } from 'vitest';
import { PROBLEMS } from './problems.ts';
import { problemClaims } from './testing/claims.ts';

describe('practice problems (second half): claims hold in simulation', () => {
  for (const p of PROBLEMS.slice(6)) problemClaims(p);
});
