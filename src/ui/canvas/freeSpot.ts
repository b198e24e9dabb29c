/** Where to put a new card near a point without covering an existing one. */
import type { ArchDocument } from '../../model/index.ts';

const W = 200;
const H = 100;
const GAP = 24;

/** The free grid-snapped spot nearest `centre` (top-left of a W×H card), searching rings outward. */
export function documentFreeSpot(doc: ArchDocument, centre: { x: number; y: number }, sizes: Record<string, { width: number; height: number }> = {}): { x: number; y: number } {
  const snap = (v: number) => Math.round(v / 16) * 16;
  const origin = { x: snap(centre.x - W / 2), y: snap(centre.y - H / 2) };
  const boxes = doc.nodes.map((n) => ({ x: n.position.x, y: n.position.y, w: sizes[n.id]?.width ?? W, h: sizes[n.id]?.height ?? H }));
  const free = (p: { x: number; y: number }) => boxes.every((b) => p.x + W + GAP <= b.x || b.x + b.w + GAP <= p.x || p.y + H + GAP <= b.y || b.y + b.h + GAP <= p.y);
  for (let ring = 0; ring < 12; ring++) {
    const candidates: { x: number; y: number }[] = [];
    for (let dx = -ring; dx <= ring; dx++) for (let dy = -ring; dy <= ring; dy++) {
      if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
      candidates.push({ x: origin.x + dx * (W + GAP + 8), y: origin.y + dy * (H + GAP + 4) });
    }
    candidates.sort((a, b) => Math.hypot(a.x - origin.x, a.y - origin.y) - Math.hypot(b.x - origin.x, b.y - origin.y));
    const hit = candidates.find(free);
    if (hit) return { x: snap(hit.x), y: snap(hit.y) };
  }
  return origin;
}
