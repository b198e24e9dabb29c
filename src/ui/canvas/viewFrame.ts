/**
 * Where the camera goes when a design opens or the user asks to fit it: pure geometry, no DOM.
 * Two framings: `fit` shows the whole design (never zoomed past 1×, so a small design is not
 * blown up), `readable` shows it at a zoom where card text is at least READABLE_PX on screen,
 * starting from its left edge (where the traffic comes in) when it is too wide to fit.
 */

/** Smallest font size used on a node card, CSS px (styles.css keeps every card text at or above it). */
export const CARD_MIN_FONT_PX = 11;
/** Smallest on-screen text size a framing may produce in `readable` mode, px. */
export const READABLE_PX = 11;
/** Zoom at which the smallest card text is READABLE_PX on screen. */
export const READABLE_ZOOM = READABLE_PX / CARD_MIN_FONT_PX;
/** No framing ever zooms in past this. */
export const MAX_FIT_ZOOM = 1;
export const MIN_ZOOM = 0.1;
/** React Flow `fitView` options for the Fit button, the F key and auto-layout. */
export const FIT_OPTIONS = { padding: 0.15, maxZoom: MAX_FIT_ZOOM } as const;

export type FrameMode = 'fit' | 'readable';
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The box around cards at `positions` (top-left) with `sizes` (default 200 × 100), flow px. */
export function cardsBounds(
  cards: readonly { position: { x: number; y: number }; size?: { width: number; height: number } }[],
): Rect | null {
  if (!cards.length) return null;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const c of cards) {
    const w = c.size?.width ?? 200,
      h = c.size?.height ?? 100;
    x0 = Math.min(x0, c.position.x);
    y0 = Math.min(y0, c.position.y);
    x1 = Math.max(x1, c.position.x + w);
    y1 = Math.max(y1, c.position.y + h);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The viewport (translate x, y in screen px; zoom) that frames `bounds` (flow px) in a view of
 * `view` screen px with `pad` screen px of margin on every side.
 *
 * @example
 * viewportFrame({ x: 0, y: 0, width: 2000, height: 100 }, { width: 1000, height: 800 }, 'readable')
 * // → { zoom: 1, x: 40, y: 350 }: full size, starting at the left edge, centred vertically
 */
export function viewportFrame(bounds: Rect, view: { width: number; height: number }, mode: FrameMode, pad = 40): Viewport {
  const availW = Math.max(1, view.width - 2 * pad),
    availH = Math.max(1, view.height - 2 * pad);
  const fit = Math.min(availW / Math.max(1, bounds.width), availH / Math.max(1, bounds.height));
  const floor = mode === 'readable' ? READABLE_ZOOM : MIN_ZOOM;
  const zoom = Math.max(floor, Math.min(MAX_FIT_ZOOM, fit));
  const w = bounds.width * zoom,
    h = bounds.height * zoom;
  // Centre along an axis where the design fits; otherwise start at its left / top edge.
  const x = w <= availW ? (view.width - w) / 2 : pad;
  const y = h <= availH ? (view.height - h) / 2 : pad;
  return { x: x - bounds.x * zoom, y: y - bounds.y * zoom, zoom };
}
