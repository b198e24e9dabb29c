/**
 * Share links: the whole document, JSON → raw DEFLATE (fflate) → base64url, carried in the URL
 * fragment as `#d=2.<crc>.<payload>`: `2` is the link format version and `<crc>` the CRC-32 of
 * `<payload>` in 8 hex digits, so a link damaged in transit is refused instead of opening as a
 * different design. Format 1 links (`#d=1.<payload>`, no checksum) are in the wild and still
 * open. A fragment is never sent to a server, so the design travels with the link and nowhere else.
 *
 * Decoding is for untrusted input: every way a link can be damaged (too long, cut off, not
 * base64, wrong checksum, not DEFLATE, not JSON, not a valid document) comes back as a typed error with a
 * message for the user; nothing here throws. Inflation stops at MAX_JSON_CHARS, so a small link
 * cannot expand into gigabytes, and it stops as soon as the JSON nests deeper than any design
 * could. Imports only the model (and fflate).
 */
import { Inflate, deflateSync } from 'fflate';
import { jsonDepthScanner, jsonErrorText, parseDocument, type ArchDocument, type DocError } from '../model/index.ts';
import { crc32Hex } from './crc32.ts';

/** Format version of the links this archsim writes (not the document's format version). */
export const SHARE_LINK_VERSION = 2;
/** Format versions this archsim reads: 1 (no checksum) and 2 (CRC-32). */
export const SHARE_LINK_VERSIONS_READ = [1, 2] as const;
/** Longest accepted payload, in characters of base64url (about 48 kB of compressed JSON). */
export const MAX_LINK_CHARS = 64 * 1024;
/** Longest accepted document once inflated. */
export const MAX_JSON_CHARS = 16 * 1024 * 1024;

const PARAM = 'd=';

export type ShareErrorKind = 'empty' | 'too-long' | 'version' | 'checksum' | 'base64' | 'deflate' | 'json' | 'schema';

export type ShareEncodeResult = { ok: true; fragment: string; chars: number } | { ok: false; kind: 'too-long'; message: string };
export type ShareDecodeResult =
  | { ok: true; doc: ArchDocument; warnings: DocError[] }
  | { ok: false; kind: ShareErrorKind; message: string; errors: DocError[] };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Bytes → base64url without padding. */
export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!;
  }
  return out;
}

/** base64url (padding optional) → bytes, or the offending position. */
export function base64urlDecode(text: string): { ok: true; bytes: Uint8Array } | { ok: false; at: number } {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) return { ok: false, at: s.length };
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0,
    acc = 0,
    bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) return { ok: false, at: i };
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: out.subarray(0, o) };
}

/**
 * Inflate with an output cap, scanning the JSON's nesting as it comes out: a bomb or a
 * pathologically nested payload stops after the first chunk that shows it. Input goes in
 * 256-byte steps, so one step inflates to at most about 256 kB (DEFLATE's ratio is ≤ 1032:1).
 */
function inflateCapped(data: Uint8Array, cap: number): { ok: true; bytes: Uint8Array } | { ok: false; reason: string; tooDeep?: boolean } {
  const chunks: Uint8Array[] = [];
  const depth = jsonDepthScanner();
  let total = 0;
  let over = false;
  let deep = false;
  let ended = false;
  const inflater = new Inflate({}, (chunk, final) => {
    if (over || deep) return;
    total += chunk.length;
    if (total > cap) {
      over = true;
      return;
    }
    if (depth.push(chunk)) {
      deep = true;
      return;
    }
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    const STEP = 256;
    for (let i = 0; i < data.length && !over && !deep; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    if (data.length === 0) inflater.push(data, true);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  if (deep) return { ok: false, reason: 'nested too deep', tooDeep: true };
  if (over) return { ok: false, reason: `it expands to more than ${Math.round(cap / 1048576)} MB` };
  if (!ended) return { ok: false, reason: 'the compressed data ends early' };
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes: out };
}

/**
 * Encode a document as a URL fragment (`#d=1.…`). Refuses documents whose link would exceed
 * MAX_LINK_CHARS, so every link the app hands out can also be opened.
 *
 * @example
 * const r = shareLinkEncode(doc);
 * if (r.ok) location.hash = r.fragment;
 */
export function shareLinkEncode(doc: ArchDocument): ShareEncodeResult {
  const json = new TextEncoder().encode(JSON.stringify(doc));
  const body = base64urlEncode(deflateSync(json, { level: 9 }));
  const payload = `${SHARE_LINK_VERSION}.${crc32Hex(body)}.${body}`;
  if (payload.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      kind: 'too-long',
      message: `This design is too large for a link (${Math.ceil(payload.length / 1024)} kB compressed; links carry at most ${MAX_LINK_CHARS / 1024} kB). Export it as a file instead.`,
    };
  }
  return { ok: true, fragment: `#${PARAM}${payload}`, chars: payload.length };
}

/** A full link: `base` (any URL; its fragment is replaced) plus the document's fragment. */
export function shareLinkBuild(base: string, doc: ArchDocument): ShareEncodeResult {
  const r = shareLinkEncode(doc);
  if (!r.ok) return r;
  return { ...r, fragment: base.replace(/#.*$/, '') + r.fragment };
}

/** The payload of a share-link fragment, or null when the fragment is not a share link at all. */
export function shareLinkPayload(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of h.split('&')) if (part.startsWith(PARAM)) return part.slice(PARAM.length);
  return null;
}

const fail = (kind: ShareErrorKind, message: string, errors: DocError[] = []): ShareDecodeResult => ({ ok: false, kind, message, errors });

/**
 * Decode a share link's fragment (`#d=2.<crc>.…` or the older `#d=1.…`, with or without `#`) into a
 * validated document. A format 2 link whose checksum does not match is refused before it is
 * unpacked. Older document versions migrate like files do.
 */
export function shareLinkDecode(hash: string): ShareDecodeResult {
  const payload = shareLinkPayload(hash);
  if (payload === null || payload === '') return fail('empty', 'This link carries no design (the part after “#d=” is missing).');
  if (payload.length > MAX_LINK_CHARS) {
    return fail(
      'too-long',
      `This link is too long to be a design link (${Math.ceil(payload.length / 1024)} kB; the most a link carries is ${MAX_LINK_CHARS / 1024} kB).`,
    );
  }
  const dot = payload.indexOf('.');
  const version = dot < 0 ? '' : payload.slice(0, dot);
  if (!/^\d+$/.test(version))
    return fail('version', `This link is damaged: it does not start with a link format version (expected “#d=${SHARE_LINK_VERSION}.…”).`);
  if (!(SHARE_LINK_VERSIONS_READ as readonly number[]).includes(Number(version))) {
    return fail(
      'version',
      `This link uses share-link format ${version}, which this version of archsim cannot read (it reads formats ${SHARE_LINK_VERSIONS_READ.join(' and ')}).`,
    );
  }
  let body = payload.slice(dot + 1);
  let checksum: string | null = null;
  if (Number(version) >= 2) {
    const dot2 = body.indexOf('.');
    checksum = dot2 < 0 ? '' : body.slice(0, dot2);
    body = body.slice(dot2 + 1);
  }
  try {
    body = decodeURIComponent(body);
  } catch {
    /* leave as is: the checksum or base64 check reports it */
  }
  if (checksum !== null && !(/^[0-9a-f]{8}$/.test(checksum) && crc32Hex(body) === checksum)) {
    return fail(
      'checksum',
      'This link is damaged: its checksum does not match its content, so part of it was changed or cut off when it was copied. Ask for the link again, and copy all of it.',
    );
  }
  const bytes = base64urlDecode(body);
  if (!bytes.ok) {
    return fail(
      'base64',
      `This link is damaged: character ${bytes.at + 1} of the encoded design is not valid base64url${bytes.at >= body.length ? ' (the link looks cut off)' : ''}. Ask for the link again, and copy all of it.`,
    );
  }
  const inflated = inflateCapped(bytes.bytes, MAX_JSON_CHARS);
  if (!inflated.ok && inflated.tooDeep)
    return fail('json', 'This link does not contain a design: its content is nested far deeper than any design.');
  if (!inflated.ok) {
    return fail(
      'deflate',
      `This link is damaged or incomplete: its compressed design cannot be unpacked (${inflated.reason}). It may have been cut off when it was copied; ask for the link again.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('json', 'This link does not contain a design: its content is not text.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail('json', `This link does not contain a design: its content is not valid JSON (${jsonErrorText(e, text)}).`);
  }
  const parsed = parseDocument(raw);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more problem${parsed.errors.length > 2 ? 's' : ''})` : '';
    return fail('schema', `The design in this link is not valid: ${first.where}: ${first.message}${more}.`, parsed.errors);
  }
  return { ok: true, doc: parsed.doc, warnings: parsed.warnings };
}
