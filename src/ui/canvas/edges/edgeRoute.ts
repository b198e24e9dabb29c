/**
 * How a call is drawn between two cards. Normally React Flow's bezier from the source's right
 * side to the target's left side; but a call that skips columns would run straight under the
 * cards in between (and read as if it went through them), so it takes a detour: down (or up)
 * to a clear horizontal channel, along it, and back. Pure geometry, flow px.
 */
import type { Rect } from '../viewFrame.ts';

export interface XY {
  x: number;
  y: number;
}

/** React Flow's control offset for a bezier between a right-hand source and a left-hand target (curvature 0.25). */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

/** The point at parameter u ∈ [0, 1] of the bezier React Flow draws from `s` (right side) to `t` (left side). */
export function bezierPoint(s: XY, t: XY, u: number): XY {
  const c1 = { x: s.x + controlOffset(t.x - s.x), y: s.y };
  const c2 = { x: t.x - controlOffset(t.x - s.x), y: t.y };
  const v = 1 - u;
  const a = v * v * v,
    b = 3 * v * v * u,
    c = 3 * v * u * u,
    d = u * u * u;
  return { x: a * s.x + b * c1.x + c * c2.x + d * t.x, y: a * s.y + b * c1.y + c * c2.y + d * t.y };
}

/** `channelY`: the height of the detour's horizontal run, or null for a plain bezier. */
export interface Route {
  channelY: number | null;
}

const CLEAR = 18;
const inside = (p: XY, r: Rect) => p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;

/** Length of the curves into and out of a detour's channel. */
const rampOf = (s: XY, t: XY) => Math.min(90, (t.x - s.x) / 3);

/**
 * The route from `s` to `t` around `obstacles` (every card but the call's own two).
 *
 * @example
 * edgeRoute({ x: 200, y: 50 }, { x: 900, y: 50 }, [{ x: 400, y: 0, width: 200, height: 100 }]) // → { channelY: 118 }
 */
export function edgeRoute(s: XY, t: XY, obstacles: readonly Rect[]): Route {
  if (t.x - s.x < 120) return { channelY: null };
  const blocked = (pt: (u: number) => XY) => {
    for (let u = 0.04; u < 0.97; u += 0.03) {
      const p = pt(u);
      if (obstacles.some((r) => inside(p, r))) return true;
    }
    return false;
  };
  if (!blocked((u) => bezierPoint(s, t, u))) return { channelY: null };
  // Cards standing in the call's horizontal span; the channel must pass above or below all it meets.
  const span = obstacles.filter((r) => r.x < t.x && r.x + r.width > s.x);
  const channel = (dir: 1 | -1): number => {
    let y = (s.y + t.y) / 2;
    for (let i = 0; i < 50; i++) {
      const hit = span.find((r) => y > r.y - CLEAR && y < r.y + r.height + CLEAR);
      if (!hit) return y;
      y = dir > 0 ? hit.y + hit.height + CLEAR : hit.y - CLEAR;
    }
    return y;
  };
  const below = channel(1),
    above = channel(-1);
  const mid = (s.y + t.y) / 2;
  const channelY = Math.abs(below - mid) <= Math.abs(above - mid) ? below : above;
  return { channelY };
}

/** The point at u ∈ [0, 1] along the route (for a detour: along its channel). */
export function edgeRoutePoint(s: XY, t: XY, route: Route, u: number): XY {
  if (route.channelY === null) return bezierPoint(s, t, u);
  const ramp = rampOf(s, t);
  const x0 = s.x + ramp,
    x1 = t.x - ramp;
  return { x: x0 + (x1 - x0) * u, y: route.channelY };
}

/** SVG path of a detour (smooth into the channel, along it, smooth out); null for a plain bezier. */
export function edgeRoutePath(s: XY, t: XY, route: Route): string | null {
  if (route.channelY === null) return null;
  const y = route.channelY,
    ramp = rampOf(s, t),
    h = ramp / 2;
  return `M ${s.x},${s.y} C ${s.x + h},${s.y} ${s.x + h},${y} ${s.x + ramp},${y} L ${t.x - ramp},${y} C ${t.x - h},${y} ${t.x - h},${t.y} ${t.x},${t.y}`;
}
