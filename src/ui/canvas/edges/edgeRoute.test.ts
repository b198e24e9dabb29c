import { describe, expect, it } from 'vitest';
import { edgeRoute, edgeRoutePath, edgeRoutePoint } from './edgeRoute.ts';

describe('edgeRoute', () => {
  it('keeps the bezier when nothing is in the way', () => {
    expect(edgeRoute({ x: 200, y: 50 }, { x: 900, y: 50 }, [{ x: 400, y: 200, width: 200, height: 100 }])).toEqual({ channelY: null });
    expect(edgeRoutePath({ x: 0, y: 0 }, { x: 300, y: 0 }, { channelY: null })).toBeNull();
  });

  it('goes around a card that stands on the straight line', () => {
    const card = { x: 400, y: 0, width: 200, height: 100 };
    const r = edgeRoute({ x: 200, y: 50 }, { x: 900, y: 50 }, [card]);
    expect(r.channelY).toBe(118);
    for (let u = 0; u <= 1; u += 0.1) {
      const p = edgeRoutePoint({ x: 200, y: 50 }, { x: 900, y: 50 }, r, u);
      expect(p.y > card.y + card.height || p.y < card.y).toBe(true);
    }
  });

  it('passes below a column of two cards, or above, whichever is nearer', () => {
    const cards = [
      { x: 400, y: 0, width: 200, height: 100 },
      { x: 400, y: 130, width: 200, height: 100 },
    ];
    expect(edgeRoute({ x: 200, y: 180 }, { x: 900, y: 180 }, cards).channelY).toBe(248);
    expect(edgeRoute({ x: 200, y: 40 }, { x: 900, y: 40 }, cards).channelY).toBe(-18);
  });
});
