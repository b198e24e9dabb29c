/** Every problem's claims, first half: the naive design fails as its brief says, the reference passes within budget. */
import { describe } from 'vitest';
import { PROBLEMS } from './problems.ts';
import { problemClaims } from './testing/claims.ts';

describe('practice problems (first half): claims hold in simulation', () => {
  for (const p of PROBLEMS.slice(0, 6)) problemClaims(p);
});
