import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../model/index.ts';
import { documentFreeSpot } from './freeSpot.ts';

describe('documentFreeSpot', () => {
  it('uses the centre when it is free and moves aside when a card is there', () => {
    const empty = documentSchema.parse({ version: 1, nodes: [] });
    expect(documentFreeSpot(empty, { x: 100, y: 50 })).toEqual({ x: 0, y: 0 });
    const taken = documentSchema.parse({ version: 1, nodes: [{ id: 'a', kind: 'service', position: { x: 0, y: 0 } }] });
    const p = documentFreeSpot(taken, { x: 100, y: 50 });
    const overlaps = p.x < 200 && p.x + 200 > 0 && p.y < 100 && p.y + 100 > 0;
    expect(overlaps).toBe(false);
  });
});
