/**
 * Whether the user is moving the canvas now: panning or zooming it, or dragging cards. The
 * canvas sets it from React Flow's move and drag events; the live pacer (livePacer.ts) reads it
 * to space live updates while a gesture runs. Not store state: nothing renders from it.
 */
const active = { move: false, drag: false };

export function canvasGestureSet(kind: keyof typeof active, on: boolean): void {
  active[kind] = on;
}

export const canvasGestureActive = (): boolean => active.move || active.drag;
