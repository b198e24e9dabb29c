import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../model/index.ts';
import { documentNeedsLayout } from './needsLayout.ts';

const doc = (nodes: { id: string; position?: { x: number; y: number } }[]) =>
  documentSchema.parse({ version: 1, nodes: nodes.map((n) => ({ kind: 'service', ...n })) });

describe('documentNeedsLayout', () => {
  it('lays out a design without positions', () => {
    expect(documentNeedsLayout(doc(Array.from({ length: 50 }, (_, i) => ({ id: `n${i}` }))))).toBe(true);
  });

  it('lays out a design where most cards sit on top of each other', () => {
    expect(
      documentNeedsLayout(
        doc([
          { id: 'a', position: { x: 0, y: 0 } },
          { id: 'b', position: { x: 10, y: 10 } },
          { id: 'c', position: { x: 400, y: 0 } },
        ]),
      ),
    ).toBe(true);
  });

  it('keeps a design whose cards are apart, and a single card', () => {
    expect(
      documentNeedsLayout(
        doc([
          { id: 'a', position: { x: 0, y: 0 } },
          { id: 'b', position: { x: 260, y: 0 } },
          { id: 'c', position: { x: 520, y: 0 } },
        ]),
      ),
    ).toBe(false);
    expect(documentNeedsLayout(doc([{ id: 'a' }]))).toBe(false);
  });

  it('uses measured sizes when it has them', () => {
    const d = doc([
      { id: 'a', position: { x: 0, y: 0 } },
      { id: 'b', position: { x: 150, y: 0 } },
    ]);
    expect(documentNeedsLayout(d)).toBe(true);
    expect(documentNeedsLayout(d, { a: { width: 140, height: 80 }, b: { width: 140, height: 80 } })).toBe(false);
  });
});
