import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../model/index.ts';
import { documentFreeSpot } from './freeSpot.ts';

const view = { x: 0, y: 0, width: 1000, height: 800 };
const overlaps = (p: { x: number; y: number }, b: { x: number; y: number }) =>
  p.x < b.x + 200 && p.x + 200 > b.x && p.y < b.y + 100 && p.y + 100 > b.y;
const inside = (p: { x: number; y: number }, v: typeof view) =>
  p.x >= v.x && p.y >= v.y && p.x + 200 <= v.x + v.width && p.y + 100 <= v.y + v.height;

describe('documentFreeSpot', () => {
  it('uses the centre of the view when it is free', () => {
    const empty = documentSchema.parse({ version: 1, nodes: [] });
    expect(documentFreeSpot(empty, view)).toEqual({ position: { x: 400, y: 352 }, inView: true });
  });

  it('moves aside from a card at the centre, staying in view', () => {
    const taken = documentSchema.parse({ version: 1, nodes: [{ id: 'a', kind: 'service', position: { x: 400, y: 352 } }] });
    const r = documentFreeSpot(taken, view);
    expect(r.inView).toBe(true);
    expect(overlaps(r.position, { x: 400, y: 352 })).toBe(false);
    expect(inside(r.position, view)).toBe(true);
  });

  it('adding many cards one after another never stacks them and keeps each in view while there is room', () => {
    let doc = documentSchema.parse({ version: 1, nodes: [] });
    const placed: { x: number; y: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const r = documentFreeSpot(doc, view);
      expect(r.inView).toBe(true);
      for (const p of placed) expect(overlaps(r.position, p)).toBe(false);
      placed.push(r.position);
      doc = documentSchema.parse({ version: 1, nodes: placed.map((p, k) => ({ id: `n${k}`, kind: 'service', position: p })) });
    }
  });

  it('says so when the view is full, and gives the nearest free spot outside it', () => {
    const small = { x: 0, y: 0, width: 300, height: 200 };
    const full = documentSchema.parse({ version: 1, nodes: [{ id: 'a', kind: 'service', position: { x: 40, y: 40 } }] });
    const r = documentFreeSpot(full, small);
    expect(r.inView).toBe(false);
    expect(overlaps(r.position, { x: 40, y: 40 })).toBe(false);
  });
});
