import { describe, expect, it } from 'vitest';
import { cardsBounds, viewportFrame, READABLE_ZOOM } from './viewFrame.ts';

const view = { width: 1000, height: 800 };

describe('viewportFrame', () => {
  it('fit never zooms a small design past 1× and centres it', () => {
    const v = viewportFrame({ x: 100, y: 50, width: 200, height: 100 }, view, 'fit');
    expect(v.zoom).toBe(1);
    expect(v).toEqual({ zoom: 1, x: 400 - 100, y: 350 - 50 });
  });

  it('fit shrinks a large design until all of it is in view', () => {
    const b = { x: 0, y: 0, width: 4000, height: 1000 };
    const v = viewportFrame(b, view, 'fit', 40);
    expect(v.zoom).toBeCloseTo(920 / 4000);
    expect(v.x).toBeCloseTo(40);
    expect(v.x + b.width * v.zoom).toBeCloseTo(960);
  });

  it('readable keeps the zoom at the readable floor and starts a wide design at its left edge', () => {
    const v = viewportFrame({ x: -300, y: 0, width: 2000, height: 100 }, view, 'readable', 40);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.x + -300 * v.zoom).toBe(40);
    expect(v.y + 50 * v.zoom).toBe(400);
  });

  it('readable frames a design that fits exactly like fit', () => {
    const b = { x: 0, y: 0, width: 600, height: 300 };
    expect(viewportFrame(b, view, 'readable')).toEqual(viewportFrame(b, view, 'fit'));
  });
});

describe('cardsBounds', () => {
  it('spans every card with its measured or default size', () => {
    expect(cardsBounds([])).toBeNull();
    expect(cardsBounds([{ position: { x: 0, y: 0 } }, { position: { x: 300, y: -20 }, size: { width: 180, height: 90 } }])).toEqual({
      x: 0,
      y: -20,
      width: 480,
      height: 120,
    });
  });
});
