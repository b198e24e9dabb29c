/** Where to put a new card: a free spot in view, nearest its centre, never on top of another card. */
import type { ArchDocument } from '../../model/index.ts';
import type { Rect } from './viewFrame.ts';

const W = 200;
const H = 100;
/** Clear space kept around every card, flow px. */
const GAP = 24;
/** Candidate spots lie on this grid (a multiple of the 16 px snap grid). */
const STEP = 32;

/**
 * The free, grid-snapped top-left for a W × H card whose box lies inside `view` (flow
 * coordinates of the visible canvas), nearest the view's centre; `inView` is false when the
 * view has no room, and the spot is then the nearest free one outside it (the caller pans).
 *
 * @example
 * documentFreeSpot(doc, { x: 0, y: 0, width: 1000, height: 800 }) // → { position: { x: 400, y: 352 }, inView: true } on an empty design
 */
export function documentFreeSpot(
  doc: ArchDocument,
  view: Rect,
  sizes: Record<string, { width: number; height: number }> = {},
): { position: { x: number; y: number }; inView: boolean } {
  const snap = (v: number) => Math.round(v / 16) * 16;
  const boxes = doc.nodes.map((n) => ({ x: n.position.x, y: n.position.y, w: sizes[n.id]?.width ?? W, h: sizes[n.id]?.height ?? H }));
  const free = (x: number, y: number) =>
    boxes.every((b) => x + W + GAP <= b.x || b.x + b.w + GAP <= x || y + H + GAP <= b.y || b.y + b.h + GAP <= y);
  const origin = { x: snap(view.x + view.width / 2 - W / 2), y: snap(view.y + view.height / 2 - H / 2) };
  const inside = (x: number, y: number) => x >= view.x && y >= view.y && x + W <= view.x + view.width && y + H <= view.y + view.height;

  // Every grid spot in view, nearest the centre first.
  const spots: { x: number; y: number; d: number }[] = [];
  const nx = Math.ceil(view.width / 2 / STEP) + 1,
    ny = Math.ceil(view.height / 2 / STEP) + 1;
  for (let i = -nx; i <= nx; i++)
    for (let j = -ny; j <= ny; j++) {
      const x = origin.x + i * STEP,
        y = origin.y + j * STEP;
      if (inside(x, y)) spots.push({ x, y, d: Math.hypot(i * STEP, j * STEP) });
    }
  spots.sort((a, b) => a.d - b.d);
  const hit = spots.find((p) => free(p.x, p.y));
  if (hit) return { position: { x: hit.x, y: hit.y }, inView: true };

  // No room in view: the nearest free spot outside it, ring by ring.
  for (let ring = 1; ring < 200; ring++) {
    let best: { x: number; y: number; d: number } | null = null;
    for (let i = -ring; i <= ring; i++)
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const x = origin.x + i * (W + GAP),
          y = origin.y + j * (H + GAP);
        const d = Math.hypot(i * (W + GAP), j * (H + GAP));
        if (free(x, y) && (!best || d < best.d)) best = { x, y, d };
      }
    if (best) return { position: { x: best.x, y: best.y }, inView: false };
  }
  return { position: origin, inView: inside(origin.x, origin.y) };
}
