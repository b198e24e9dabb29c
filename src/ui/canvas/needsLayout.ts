/** Whether an opened design must be laid out before it can be read. */
import type { ArchDocument } from '../../model/index.ts';

const W = 200;
const H = 100;

/**
 * True when the cards of `doc` would pile up on screen: a file without positions (FORMAT.md
 * allows it: every node defaults to 0,0), or one where at least half the cards overlap another.
 *
 * @example
 * documentNeedsLayout(parseDocument({ version: 1, nodes: [{ id: 'a', kind: 'client' }, { id: 'b', kind: 'service' }] }).doc) // → true
 */
export function documentNeedsLayout(doc: ArchDocument, sizes: Record<string, { width: number; height: number }> = {}): boolean {
  const n = doc.nodes.length;
  if (n < 2) return false;
  const boxes = doc.nodes.map((d) => ({ x: d.position.x, y: d.position.y, w: sizes[d.id]?.width ?? W, h: sizes[d.id]?.height ?? H }));
  const overlapping = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = boxes[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        overlapping[i] = 1;
        overlapping[j] = 1;
      }
    }
  }
  let count = 0;
  for (const o of overlapping) count += o;
  return count * 2 >= n;
}
