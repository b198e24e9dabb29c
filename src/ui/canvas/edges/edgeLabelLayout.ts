/**
 * Where along its curve each call's label goes, so labels cover neither cards nor each other:
 * short calls (between neighbouring columns) keep the middle; a call that spans several columns
 * slides its label along the curve to the first free place, and if there is none, just above
 * or below the curve. Pure geometry, flow px.
 */
import type { Rect } from '../viewFrame.ts';
import { edgeRoutePoint, type Route, type XY } from './edgeRoute.ts';

export type { XY } from './edgeRoute.ts';
/** A call's label to place: the call's ends, its route (bezier or detour) and the label's size. */
export interface LabelItem {
  id: string;
  source: XY;
  target: XY;
  route?: Route;
  width: number;
  height: number;
}
/** Where a label sits: parameter `t` along the curve, moved `dy` flow px off it. */
export interface LabelSpot {
  t: number;
  dy: number;
}

/** Positions tried along the curve, nearest the middle first. */
const CANDIDATES = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];

/** The size of a label of `lines` at 11 px (an estimate good enough to keep labels apart). */
export function edgeLabelSize(lines: readonly string[]): { width: number; height: number } {
  const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
  return { width: 10 + longest * 6.3, height: 4 + lines.length * 14.3 };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The spot of each label: the middle of its curve when it is free, else the first candidate
 * clear of `cards` and of labels already placed (short calls are placed first).
 *
 * @example
 * edgeLabelPlacement([{ id: 'a-b', source: { x: 200, y: 50 }, target: { x: 300, y: 50 }, width: 50, height: 18 }], []) // → { 'a-b': { t: 0.5, dy: 0 } }
 */
export function edgeLabelPlacement(items: readonly LabelItem[], cards: readonly Rect[]): Record<string, LabelSpot> {
  const out: Record<string, LabelSpot> = {};
  const placed: Rect[] = [];
  const order = [...items].sort((p, q) => Math.abs(p.target.x - p.source.x) - Math.abs(q.target.x - q.source.x));
  for (const it of order) {
    const box = ({ t, dy }: LabelSpot): Rect => {
      const p = edgeRoutePoint(it.source, it.target, it.route ?? { channelY: null }, t);
      return { x: p.x - it.width / 2, y: p.y + dy - it.height / 2, width: it.width, height: it.height };
    };
    const step = it.height + 2;
    const spots: LabelSpot[] = [0, step, -step, 2 * step, -2 * step].flatMap((dy) => CANDIDATES.map((t) => ({ t, dy })));
    const spot = spots.find((c) => {
      const b = box(c);
      return !cards.some((k) => overlaps(b, k)) && !placed.some((p) => overlaps(b, p));
    }) ?? { t: 0.5, dy: 0 };
    out[it.id] = spot;
    placed.push(box(spot));
  }
  return out;
}
