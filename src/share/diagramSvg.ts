/**
 * The diagram as a standalone SVG, drawn from the document alone (positions, kinds, labels,
 * edges): used for the template gallery's thumbnails and for "Export SVG / PNG". It needs no
 * DOM, no canvas screenshot and no fonts beyond the system's, so it works offline and under
 * the app's Content-Security-Policy. Every label is XML-escaped (text, never markup), and
 * characters XML cannot hold are dropped, so the output is always well-formed.
 */
import type { ArchDocument, NodeKind } from '../model/index.ts';

export interface DiagramOptions {
  /** Card colour per kind (the canvas's palette); grey where missing. */
  colors?: Partial<Record<NodeKind, string>>;
  /** Display name per kind, shown under the label. */
  kindNames?: Partial<Record<NodeKind, string>>;
  /** A one-line parameter summary per node id, shown under the kind (e.g. "4 workers · 20 ms exp"). */
  details?: Record<string, string>;
  /** Measured card sizes by node id (else CARD_W × CARD_H). */
  sizes?: Record<string, { width: number; height: number }>;
  /** false: boxes and arrows only (thumbnails). */
  labels?: boolean;
  /** Margin around the drawing, in diagram units. */
  padding?: number;
  /** Draw the document title above the diagram. */
  title?: boolean;
}

export const CARD_W = 200;
export const CARD_H = 72;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls other
 * than tab, newline and carriage return, U+FFFE and U+FFFF, and unpaired surrogates (which
 * also make `encodeURIComponent` throw). The schema allows them in labels.
 */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for SVG/XML content and attribute values; characters XML cannot hold are dropped (an unpaired surrogate becomes U+FFFD). */
export function xmlEscape(s: string): string {
  return s
    .replace(XML_ILLEGAL, (c) => (c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '\uFFFD' : ''))
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** Cut `s` to about `max` characters with an ellipsis (SVG text does not wrap or clip). */
function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/** The document's bounding box in diagram coordinates. */
export function diagramBounds(
  doc: ArchDocument,
  sizes: DiagramOptions['sizes'] = {},
): { x: number; y: number; width: number; height: number } {
  if (doc.nodes.length === 0) return { x: 0, y: 0, width: CARD_W, height: CARD_H };
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const n of doc.nodes) {
    const s = sizes[n.id] ?? { width: CARD_W, height: CARD_H };
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + s.width);
    y1 = Math.max(y1, n.position.y + s.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Render `doc` as an SVG document string (with width/height in diagram units).
 *
 * @example
 * const svg = diagramSvg(doc, { colors, kindNames });
 * const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
 */
export function diagramSvg(doc: ArchDocument, opts: DiagramOptions = {}): string {
  const labels = opts.labels ?? true;
  const pad = opts.padding ?? (labels ? 32 : 24);
  const sizes = opts.sizes ?? {};
  const size = (id: string) => sizes[id] ?? { width: CARD_W, height: CARD_H };
  const b = diagramBounds(doc, sizes);
  const titleH = opts.title && labels ? 40 : 0;
  const vx = b.x - pad,
    vy = b.y - pad - titleH,
    vw = b.width + 2 * pad,
    vh = b.height + 2 * pad + titleH;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(vw)}" height="${fmt(vh)}" viewBox="${fmt(vx)} ${fmt(vy)} ${fmt(vw)} ${fmt(vh)}" font-family="${xmlEscape(FONT)}">`,
  );
  out.push(`<title>${xmlEscape(doc.title)}</title>`);
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#94a3b8"/></marker></defs>',
  );
  out.push(`<rect x="${fmt(vx)}" y="${fmt(vy)}" width="${fmt(vw)}" height="${fmt(vh)}" fill="#f8fafc"/>`);
  if (titleH)
    out.push(
      `<text x="${fmt(b.x)}" y="${fmt(b.y - pad - 6)}" font-size="18" font-weight="700" fill="#0f172a">${xmlEscape(clip(doc.title, 90))}</text>`,
    );
  const sw = labels ? 1.6 : 4;
  for (const e of doc.edges) {
    const s = byId.get(e.source),
      t = byId.get(e.target);
    if (!s || !t) continue;
    const ss = size(s.id),
      ts = size(t.id);
    const x1 = s.position.x + ss.width,
      y1 = s.position.y + ss.height / 2;
    const x2 = t.position.x,
      y2 = t.position.y + ts.height / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const dash = e.params.async ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `<path d="M${fmt(x1)},${fmt(y1)} C${fmt(x1 + dx)},${fmt(y1)} ${fmt(x2 - dx)},${fmt(y2)} ${fmt(x2)},${fmt(y2)}" fill="none" stroke="#94a3b8" stroke-width="${sw}"${dash}${labels ? ' marker-end="url(#arrow)"' : ''}/>`,
    );
    if (labels && e.label) {
      out.push(
        `<text x="${fmt((x1 + x2) / 2)}" y="${fmt((y1 + y2) / 2 - 6)}" font-size="11" fill="#475569" text-anchor="middle">${xmlEscape(clip(e.label, 40))}</text>`,
      );
    }
  }
  for (const n of doc.nodes) {
    const { width: w, height: h } = size(n.id);
    const { x, y } = n.position;
    const color = opts.colors?.[n.kind] ?? '#64748b';
    if (!labels) {
      out.push(
        `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" rx="12" fill="#ffffff" stroke="#cbd5e1" stroke-width="3"/>`,
      );
      out.push(`<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="14" rx="7" fill="${color}"/>`);
      out.push(`<rect x="${fmt(x + 18)}" y="${fmt(y + 30)}" width="${fmt(w * 0.6)}" height="12" rx="6" fill="#e2e8f0"/>`);
      continue;
    }
    out.push(`<g><rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" rx="10" fill="#ffffff" stroke="#cbd5e1"/>`);
    out.push(`<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="4" rx="2" fill="${color}"/>`);
    out.push(`<rect x="${fmt(x + 12)}" y="${fmt(y + 16)}" width="28" height="28" rx="7" fill="${color}"/>`);
    out.push(
      `<text x="${fmt(x + 26)}" y="${fmt(y + 35)}" font-size="13" font-weight="700" fill="#ffffff" text-anchor="middle">${xmlEscape((opts.kindNames?.[n.kind] ?? n.kind).charAt(0).toUpperCase())}</text>`,
    );
    // SVG text neither wraps nor clips: cut by an estimate of the glyph width (≈ 0.58 em).
    const room = (px: number, size: number) => Math.max(4, Math.floor(px / (size * 0.58)));
    out.push(
      `<text x="${fmt(x + 50)}" y="${fmt(y + 29)}" font-size="13" font-weight="650" fill="#0f172a">${xmlEscape(clip(n.label || n.id, room(w - 60, 13)))}</text>`,
    );
    const detail = opts.details?.[n.id];
    if (detail && h >= 64)
      out.push(
        `<text x="${fmt(x + 12)}" y="${fmt(y + 64)}" font-size="11.5" fill="#475569">${xmlEscape(clip(detail, room(w - 24, 11.5)))}</text>`,
      );
    out.push(
      `<text x="${fmt(x + 50)}" y="${fmt(y + 45)}" font-size="10" font-weight="600" fill="#94a3b8" letter-spacing="0.5">${xmlEscape((opts.kindNames?.[n.kind] ?? n.kind).toUpperCase())}</text>`,
    );
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
