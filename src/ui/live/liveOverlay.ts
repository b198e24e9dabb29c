/**
 * createLiveOverlay: the animated layer over the canvas while a run plays, drawn on one
 * <canvas> by requestAnimationFrame — no React render, no DOM node per dot. Dots move along
 * each call at a rate proportional to its calls, coloured by outcome (ok, error, timeout,
 * retry); each card gets a busy-workers bar and a waiting-line bar, and a red ring when it
 * rejects. Data comes from the live feed (one snapshot ≤ 4 times a second); positions from
 * React Flow's store (nodes) and the edges' own SVG paths (sampled when a path changes).
 * Paused, the dots stand still and a frame is drawn only when the view moves.
 *
 * Memory layout of the dots (a fixed pool, no allocation per frame; dots 0 … live−1 are in use,
 * compacted each frame):
 *   dotEdge[k]   index into `edges`       dotT0[k]  play time it left the caller, ms
 *   dotKind[k]   DOT_OK | DOT_ERROR | DOT_TIMEOUT | DOT_RETRY       dotX[k], dotY[k]  position this frame
 */
import { liveFeed, type LiveFeedEntry } from '../../store/liveFeed.ts';
import { dotOutcome, dotRate, edgeFlows, nodeFills, queueFill, type EdgeFlow, type NodeFill } from './liveFlows.ts';

export interface OverlayNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LiveOverlayOptions {
  canvas: HTMLCanvasElement;
  /** The React Flow root: edge paths are read from its SVG. */
  root: HTMLElement;
  /** The viewport: [x, y, zoom]. */
  transform: () => readonly [number, number, number];
  /** Card rectangles in flow coordinates. */
  nodes: () => OverlayNode[];
  /** Whether the run is paused (dots stand still). */
  paused: () => boolean;
}

const MAX_DOTS = 4000;
/** Wall time a dot takes from caller to callee, ms. */
const TRAVEL_MS = 900;
/** Dots per second on the busiest call. */
const DOTS_PER_S_MAX = 24;
const FLASH_MS = 600;
const PATH_SAMPLES = 40;
/** Dot colours: ok, error, timeout, retry. */
export const DOT_COLOURS = ['#16a34a', '#dc2626', '#d97706', '#7c3aed'] as const;

interface EdgeGeom {
  id: string;
  d: string;
  /** x, y pairs along the path at equal length steps. */
  pts: Float32Array;
  flow: EdgeFlow | null;
  /** Dots owed (fractional). */
  owe: number;
}

export function createLiveOverlay(opts: LiveOverlayOptions): { destroy: () => void; frames: () => number; costMs: () => number } {
  const { canvas, root } = opts;
  const ctx = canvas.getContext('2d');
  const dotEdge = new Int32Array(MAX_DOTS);
  const dotX = new Float32Array(MAX_DOTS);
  const dotY = new Float32Array(MAX_DOTS);
  // Dots in use: the first `live` entries.
  let live = 0;
  const dotT0 = new Float64Array(MAX_DOTS);
  const dotKind = new Uint8Array(MAX_DOTS);
  let edges: EdgeGeom[] = [];
  let fills: Record<string, NodeFill> = {};
  const flashUntil = new Map<string, number>();
  let prev: LiveFeedEntry | null = null;
  let lastGeomAt = -Infinity;
  let raf = 0;
  let frames = 0;
  // Play clock: wall ms that advance only while playing (paused dots stand still).
  let playMs = 0;
  let lastNow = performance.now();
  let lastKey = '';

  const sample = (path: SVGPathElement): Float32Array => {
    const len = path.getTotalLength();
    const pts = new Float32Array(PATH_SAMPLES * 2);
    for (let k = 0; k < PATH_SAMPLES; k++) {
      const p = path.getPointAtLength((len * k) / (PATH_SAMPLES - 1));
      pts[2 * k] = p.x;
      pts[2 * k + 1] = p.y;
    }
    return pts;
  };

  /** Re-read the edge paths (twice a second, and on each snapshot): cheap unless a path changed. */
  const geometry = (): void => {
    const byId = new Map(edges.map((e) => [e.id, e]));
    const next: EdgeGeom[] = [];
    for (const g of root.querySelectorAll<SVGGElement>('.react-flow__edge[data-id]')) {
      const id = g.getAttribute('data-id')!;
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const d = path?.getAttribute('d');
      if (!path || !d) continue;
      const old = byId.get(id);
      next.push(old && old.d === d ? old : { id, d, pts: sample(path), flow: old?.flow ?? null, owe: old?.owe ?? 0 });
    }
    // Dots refer to edges by index: drop them when the list changes shape.
    if (next.length !== edges.length || next.some((e, k) => e.id !== edges[k]?.id)) live = 0;
    edges = next;
  };

  const ingest = (entry: LiveFeedEntry): void => {
    const before = prev && prev.run === entry.run ? prev.result : null;
    const flows = edgeFlows(before, entry.result);
    for (const e of edges) e.flow = flows[e.id] ?? null;
    fills = nodeFills(before, entry.result);
    for (const [id, f] of Object.entries(fills)) if (f.rejecting) flashUntil.set(id, entry.at + FLASH_MS);
    prev = entry;
  };

  const spawn = (edge: number, kind: number, t0: number): void => {
    if (live >= MAX_DOTS) return;
    dotEdge[live] = edge;
    dotT0[live] = t0;
    dotKind[live] = kind;
    live++;
  };

  let costMs = 0;
  const frame = (now: number): void => {
    const c0 = performance.now();
    draw(now);
    costMs += performance.now() - c0;
  };
  const draw = (now: number): void => {
    raf = requestAnimationFrame(frame);
    if (!ctx) return;
    const paused = opts.paused();
    const dt = Math.min(100, now - lastNow);
    lastNow = now;
    const entry = liveFeed.latest();
    const fresh = entry !== null && entry.seq !== prev?.seq;
    if (fresh || now - lastGeomAt > 500) {
      geometry();
      lastGeomAt = now;
    }
    if (fresh) ingest(entry);
    const [tx, ty, zoom] = opts.transform();
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth,
      h = canvas.clientHeight;
    let flashing = false;
    for (const t of flashUntil.values()) if (t > now) flashing = true;
    // Paused with nothing moving: draw only when the view or the data changed.
    const key = `${tx},${ty},${zoom},${w},${h},${entry?.seq}`;
    if (paused && !fresh && !flashing && key === lastKey) return;
    lastKey = key;
    frames++;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);

    if (!paused) {
      playMs += dt;
      let maxRps = 0;
      for (const e of edges) if (e.flow && e.flow.rps > maxRps) maxRps = e.flow.rps;
      edges.forEach((e, k) => {
        if (!e.flow) return;
        e.owe += (dotRate(e.flow.rps, maxRps, DOTS_PER_S_MAX) * dt) / 1000;
        while (e.owe >= 1) {
          e.owe -= 1;
          // Spread the dots owed this frame over it, so they do not move in clumps.
          spawn(k, dotOutcome(e.flow, Math.random()), playMs - Math.random() * dt);
        }
      });
    }
    drawNodes(ctx, opts.nodes(), fills, flashUntil, now, zoom);
    // Move the live dots to the front of the pool (dropping finished ones), then one path per colour.
    let n = 0;
    for (let k = 0; k < live; k++) {
      const u = (playMs - dotT0[k]!) / TRAVEL_MS;
      const g = edges[dotEdge[k]!];
      if (!g || u >= 1) continue;
      const f = Math.max(0, u) * (PATH_SAMPLES - 1);
      const i = Math.min(PATH_SAMPLES - 2, Math.floor(f)),
        r = f - i;
      dotX[n] = g.pts[2 * i]! + (g.pts[2 * i + 2]! - g.pts[2 * i]!) * r;
      dotY[n] = g.pts[2 * i + 1]! + (g.pts[2 * i + 3]! - g.pts[2 * i + 1]!) * r;
      dotEdge[n] = dotEdge[k]!;
      dotT0[n] = dotT0[k]!;
      dotKind[n] = dotKind[k]!;
      n++;
    }
    live = n;
    // At least 2.5 px on screen, however far the view is zoomed out.
    const radius = Math.max(3.5, 2.5 / zoom);
    for (let c = 0; c < DOT_COLOURS.length; c++) {
      ctx.beginPath();
      let any = false;
      for (let k = 0; k < live; k++) {
        if (dotKind[k] !== c) continue;
        ctx.moveTo(dotX[k]! + radius, dotY[k]!);
        ctx.arc(dotX[k]!, dotY[k]!, radius, 0, 2 * Math.PI);
        any = true;
      }
      if (any) {
        ctx.fillStyle = DOT_COLOURS[c]!;
        ctx.fill();
      }
    }
  };
  raf = requestAnimationFrame(frame);

  return {
    destroy: () => {
      cancelAnimationFrame(raf);
      ctx?.clearRect(0, 0, canvas.width, canvas.height);
    },
    frames: () => frames,
    costMs: () => costMs,
  };
}

/** Per card: a busy-workers bar and a waiting-line bar just above it, and a red ring while it rejects. */
function drawNodes(
  ctx: CanvasRenderingContext2D,
  nodes: OverlayNode[],
  fills: Record<string, NodeFill>,
  flashUntil: Map<string, number>,
  now: number,
  zoom: number,
): void {
  const barH = 5;
  // Labels at least 10 px on screen, where they fit below the card above (else the bars alone
  // remain: the cards' own run strip carries the numbers).
  const fontPx = Math.max(11, 10 / zoom);
  const need = fontPx + barH + 10;
  const roomAbove = (n: OverlayNode): boolean =>
    !nodes.some((m) => m !== n && m.x < n.x + n.width && m.x + m.width > n.x && m.y < n.y && m.y + m.height > n.y - need);
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  const count = (q: number) => (q < 10 ? q.toFixed(1) : q < 1000 ? String(Math.round(q)) : `${(q / 1000).toFixed(q < 10_000 ? 1 : 0)}k`);
  for (const n of nodes) {
    const f = fills[n.id];
    if (!f) continue;
    const y = n.y - 8;
    const labels = roomAbove(n);
    if (f.busy !== null) {
      const half = n.width / 2 - 3;
      ctx.fillStyle = '#e2e8f0';
      ctx.fillRect(n.x, y, half, barH);
      ctx.fillStyle = f.busy >= 0.95 ? '#dc2626' : f.busy >= 0.7 ? '#d97706' : '#4f46e5';
      ctx.fillRect(n.x, y, half * f.busy, barH);
      ctx.fillStyle = '#e2e8f0';
      ctx.fillRect(n.x + half + 6, y, half, barH);
      ctx.fillStyle = '#7c3aed';
      ctx.fillRect(n.x + half + 6, y, half * queueFill(f.queue), barH);
      if (labels) {
        const b = Math.round(f.busy * f.workers);
        // One line across the card; shorter when the card is narrow on screen, none if even that does not fit.
        let text = `busy ${b}/${f.workers} · queue ${count(f.queue)}`;
        if (ctx.measureText(text).width > n.width) text = `${b}/${f.workers} · q ${count(f.queue)}`;
        if (ctx.measureText(text).width <= n.width) {
          ctx.fillStyle = '#334155';
          ctx.fillText(text, n.x, y - 2);
        }
      }
    } else if (f.queue > 0) {
      ctx.fillStyle = '#e2e8f0';
      ctx.fillRect(n.x, y, n.width, barH);
      ctx.fillStyle = '#7c3aed';
      ctx.fillRect(n.x, y, n.width * queueFill(f.queue), barH);
      if (labels) {
        ctx.fillStyle = '#334155';
        ctx.fillText(`waiting ${count(f.queue)}`, n.x, y - 2);
      }
    }
    const until = flashUntil.get(n.id) ?? 0;
    if (until > now) {
      ctx.strokeStyle = `rgba(220, 38, 38, ${((until - now) / FLASH_MS).toFixed(3)})`;
      ctx.lineWidth = 4;
      ctx.strokeRect(n.x - 4, n.y - 4, n.width + 8, n.height + 8);
    }
  }
}
