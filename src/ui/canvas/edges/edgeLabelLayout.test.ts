import { describe, expect, it } from 'vitest';
import { edgeLabelPlacement } from './edgeLabelLayout.ts';
import { bezierPoint } from './edgeRoute.ts';

describe('bezierPoint', () => {
  it('starts at the source, ends at the target, and passes the middle at u = 0.5', () => {
    const s = { x: 200, y: 50 },
      t = { x: 500, y: 250 };
    expect(bezierPoint(s, t, 0)).toEqual(s);
    expect(bezierPoint(s, t, 1)).toEqual(t);
    expect(bezierPoint(s, t, 0.5)).toEqual({ x: 350, y: 150 });
  });
});

describe('edgeLabelPlacement', () => {
  it('keeps labels in the middle when nothing is in the way', () => {
    const r = edgeLabelPlacement([{ id: 'a', source: { x: 200, y: 50 }, target: { x: 300, y: 50 }, width: 50, height: 18 }], []);
    expect(r).toEqual({ a: { t: 0.5, dy: 0 } });
  });

  it('keeps the middle for calls whose labels do not meet', () => {
    const cards = [
      { x: 0, y: 0, width: 200, height: 100 },
      { x: 300, y: 200, width: 200, height: 100 },
      { x: 600, y: 0, width: 200, height: 100 },
    ];
    const r = edgeLabelPlacement(
      [
        { id: 'long', source: { x: 200, y: 50 }, target: { x: 900, y: 50 }, width: 50, height: 18 },
        { id: 'short', source: { x: 500, y: 250 }, target: { x: 600, y: 50 }, width: 50, height: 18 },
        { id: 'mid', source: { x: 200, y: 50 }, target: { x: 600, y: 50 }, width: 50, height: 18 },
      ],
      cards,
    );
    for (const id of ['short', 'mid', 'long']) expect(r[id]).toEqual({ t: 0.5, dy: 0 });
  });

  it('moves a label whose middle lies on a card', () => {
    const cards = [{ x: 500, y: 0, width: 200, height: 100 }];
    const r = edgeLabelPlacement([{ id: 'x', source: { x: 200, y: 50 }, target: { x: 1000, y: 50 }, width: 50, height: 18 }], cards);
    expect(r.x!.t).not.toBe(0.5);
    expect(r.x!.dy).toBe(0);
    const p = bezierPoint({ x: 200, y: 50 }, { x: 1000, y: 50 }, r.x!.t);
    expect(p.x + 25 <= 500 || p.x - 25 >= 700).toBe(true);
  });

  it('moves the second of two labels that would sit on each other', () => {
    const r = edgeLabelPlacement(
      [
        { id: 'one', source: { x: 200, y: 50 }, target: { x: 400, y: 50 }, width: 60, height: 18 },
        { id: 'two', source: { x: 200, y: 52 }, target: { x: 400, y: 48 }, width: 60, height: 18 },
      ],
      [],
    );
    expect(r.one).toEqual({ t: 0.5, dy: 0 });
    expect(r.two).not.toEqual({ t: 0.5, dy: 0 });
  });

  it('puts a label beside its curve when every place on it is taken', () => {
    // A long call straight through two cards, with the two gaps between them already labelled.
    const cards = [
      { x: 300, y: 0, width: 200, height: 100 },
      { x: 600, y: 0, width: 200, height: 100 },
    ];
    const r = edgeLabelPlacement(
      [
        { id: 'g1', source: { x: 200, y: 50 }, target: { x: 300, y: 50 }, width: 90, height: 18 },
        { id: 'g2', source: { x: 500, y: 50 }, target: { x: 600, y: 50 }, width: 90, height: 18 },
        { id: 'g3', source: { x: 800, y: 50 }, target: { x: 900, y: 50 }, width: 90, height: 18 },
        { id: 'long', source: { x: 200, y: 50 }, target: { x: 900, y: 50 }, width: 90, height: 18 },
      ],
      cards,
    );
    expect(r.long!.dy).not.toBe(0);
  });
});
