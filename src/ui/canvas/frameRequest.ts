/**
 * How the next opened design should be framed. Whoever opens a design (template gallery, file
 * import, share link) says so just before opening; `useFrameOnOpen` takes the request when
 * the design is on the canvas. Without a request a design is fitted, and laid out only if its
 * cards would pile up (see needsLayout.ts).
 */
import type { FrameMode } from './viewFrame.ts';

export interface FrameRequest {
  mode: FrameMode;
  layout: boolean;
}

let pending: FrameRequest | null = null;

export function requestFrame(mode: FrameMode, layout = false): void {
  pending = { mode, layout };
}

/** The pending request (then forgotten), or null. */
export function takeFrameRequest(): FrameRequest | null {
  const p = pending;
  pending = null;
  return p;
}
