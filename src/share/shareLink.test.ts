import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDocument, type ArchDocument } from '../model/index.ts';
import { templateList } from './templates.ts';
import {
  base64urlDecode,
  base64urlEncode,
  MAX_LINK_CHARS,
  shareLinkBuild,
  shareLinkDecode,
  shareLinkEncode,
  shareLinkPayload,
} from './shareLink.ts';
import { crc32Hex } from './crc32.ts';

const docs = (): ArchDocument[] => templateList().map((t) => t.doc);
const enc = (text: string) => `#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(text)))}`;

function fragmentOf(doc: ArchDocument): string {
  const r = shareLinkEncode(doc);
  if (!r.ok) throw new Error(r.message);
  return r.fragment;
}

describe('base64url', () => {
  it('round-trips every length 0–300 exactly', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = base64urlEncode(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      const back = base64urlDecode(text);
      expect(back.ok && [...back.bytes]).toEqual([...bytes]);
    }
  });
  it("matches Node's base64url", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131) & 0xff);
    expect(base64urlEncode(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });
  it('reports the first bad character', () => {
    expect(base64urlDecode('abc$def')).toEqual({ ok: false, at: 3 });
    expect(base64urlDecode('abcde').ok).toBe(false); // 4n+1 characters cannot be base64
  });
});

describe('shareLink', () => {
  it('round-trips every template exactly', () => {
    for (const doc of docs()) {
      const r = shareLinkDecode(fragmentOf(doc));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.doc).toStrictEqual(doc);
    }
  });

  it('round-trips labels with markup, quotes, emoji and non-Latin text exactly', () => {
    const doc = structuredClone(docs()[0]!);
    doc.title = 'Ünïcødé 設計 🚀 "quoted" & <b>bold</b>';
    doc.nodes[0]!.label = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const r = shareLinkDecode(fragmentOf(doc));
    expect(r.ok && r.doc).toStrictEqual(doc);
  });

  it('builds a full link on any base URL, replacing an old fragment', () => {
    const doc = docs()[1]!;
    const r = shareLinkBuild('https://example.test/app/?x=1#d=old', doc);
    expect(r.ok && /^https:\/\/example\.test\/app\/\?x=1#d=2\.[0-9a-f]{8}\./.test(r.fragment)).toBe(true);
    if (r.ok) expect(shareLinkDecode(new URL(r.fragment).hash)).toMatchObject({ ok: true, doc });
  });

  it('keeps links small: the largest template fits in a few kB', () => {
    for (const doc of docs()) {
      const r = shareLinkEncode(doc);
      expect(r.ok && r.chars).toBeLessThan(4000);
    }
  });

  it('finds the payload among other fragment parameters, and says when there is none', () => {
    expect(shareLinkPayload('#a=1&d=1.xyz')).toBe('1.xyz');
    expect(shareLinkPayload('#section')).toBeNull();
    expect(shareLinkDecode('#d=')).toMatchObject({ ok: false, kind: 'empty' });
  });

  it('refuses a link that is too long before decoding it', () => {
    const r = shareLinkDecode(`#d=1.${'A'.repeat(MAX_LINK_CHARS + 10)}`);
    expect(r).toMatchObject({ ok: false, kind: 'too-long' });
    if (!r.ok) expect(r.message).toMatch(/too long/);
  });

  it('refuses to encode a document whose link would be too long', () => {
    const doc = structuredClone(docs()[0]!);
    // Incompressible text: a pseudo-random description in every node label is not enough, so grow the description.
    let x = 1;
    doc.description = Array.from({ length: 20000 }, () => {
      x = (x * 1103515245 + 12345) >>> 0;
      return String.fromCharCode(0x4e00 + (x % 20000));
    }).join('');
    for (let i = 0; i < 400; i++) {
      doc.nodes.push({
        ...structuredClone(doc.nodes[1]!),
        id: `n${i}`,
        label: doc.description.slice(i * 40, i * 40 + 190),
      } as ArchDocument['nodes'][number]);
    }
    expect(shareLinkEncode(doc)).toMatchObject({ ok: false, kind: 'too-long' });
  });

  it('names a truncated link as cut off / incomplete', () => {
    const f = fragmentOf(docs()[0]!);
    for (const keep of [0.9, 0.5, 0.2]) {
      const cut = f.slice(0, Math.floor(f.length * keep));
      const r = shareLinkDecode(cut);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.kind).toBe('checksum');
        expect(r.message).toMatch(/cut off/);
      }
    }
  });

  it('names bad base64, garbage compressed data, non-JSON and an unknown link version', () => {
    expect(shareLinkDecode('#d=1.abc$%^def')).toMatchObject({ ok: false, kind: 'base64' });
    expect(shareLinkDecode(`#d=1.${base64urlEncode(Uint8Array.from({ length: 200 }, (_, i) => (i * 97 + 13) & 0xff))}`)).toMatchObject({
      ok: false,
      kind: 'deflate',
    });
    expect(shareLinkDecode(enc('hello, not json'))).toMatchObject({ ok: false, kind: 'json' });
    expect(shareLinkDecode('#d=9.abcd')).toMatchObject({ ok: false, kind: 'version' });
    expect(shareLinkDecode('#d=abcd')).toMatchObject({ ok: false, kind: 'version' });
  });

  it('reports schema errors by node and field', () => {
    const raw = JSON.parse(JSON.stringify(docs()[0]!)) as { nodes: { id: string; params: Record<string, unknown> }[] };
    const api = raw.nodes.find((n) => n.id === 'api')!;
    api.params.workers = -3;
    const r = shareLinkDecode(enc(JSON.stringify(raw)));
    expect(r).toMatchObject({ ok: false, kind: 'schema' });
    if (!r.ok) {
      expect(r.message).toContain('node "api" › params.workers');
      expect(r.errors[0]!.path).toEqual(['nodes', 1, 'params', 'workers']);
    }
  });

  it('stops inflating a compression bomb', () => {
    const bomb = new Uint8Array(40 * 1024 * 1024); // 40 MB of zeros deflates to ~40 kB
    const f = `#d=1.${base64urlEncode(deflateSync(bomb, { level: 9 }))}`;
    expect(f.length).toBeLessThan(MAX_LINK_CHARS);
    const r = shareLinkDecode(f);
    expect(r).toMatchObject({ ok: false, kind: 'deflate' });
    if (!r.ok) expect(r.message).toMatch(/expands to more than/);
  });

  it('writes format 2 links: the CRC-32 of the payload, then the payload', () => {
    const f = fragmentOf(docs()[0]!);
    const m = /^#d=2\.([0-9a-f]{8})\.([A-Za-z0-9_-]+)$/.exec(f);
    expect(m).not.toBeNull();
    expect(crc32Hex(m![2]!)).toBe(m![1]);
    expect(crc32Hex('123456789')).toBe('cbf43926'); // the standard check value
  });

  it('refuses every single-character change of a link instead of opening another design', () => {
    const doc = docs()[0]!;
    const f = fragmentOf(doc);
    const start = '#d=2.'.length;
    let refused = 0;
    for (let i = start; i < f.length; i++) {
      const c = f[i]!;
      const swap = c === 'A' ? 'B' : c === '.' ? '_' : 'A';
      const r = shareLinkDecode(f.slice(0, i) + swap + f.slice(i + 1));
      if (r.ok)
        expect(r.doc).toStrictEqual(doc); // only a change that decodes to the same design may open
      else {
        refused++;
        expect(r.kind).toBe('checksum');
        expect(r.message).toMatch(/damaged: its checksum does not match/);
      }
    }
    expect(refused).toBe(f.length - start);
  });

  it('still opens format 1 links (no checksum), which are in the wild', () => {
    for (const doc of docs()) {
      const v1 = `#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(JSON.stringify(doc)), { level: 9 }))}`;
      expect(shareLinkDecode(v1)).toMatchObject({ ok: true, doc });
    }
  });

  it('refuses a missing or garbled checksum', () => {
    const f = fragmentOf(docs()[2]!);
    const body = f.slice(f.lastIndexOf('.') + 1);
    for (const bad of [`#d=2.${body}`, `#d=2..${body}`, `#d=2.XYZ.${body}`, `#d=2.${'0'.repeat(8)}.${body}`]) {
      expect(shareLinkDecode(bad)).toMatchObject({ ok: false, kind: 'checksum' });
    }
  });

  it('refuses a 5-million-deep nesting link in milliseconds', () => {
    const f = enc('['.repeat(5_000_000));
    expect(f.length).toBeLessThan(20_000);
    const t0 = performance.now();
    const r = shareLinkDecode(f);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(r).toMatchObject({ ok: false, kind: 'json' });
    if (!r.ok) expect(r.message).toMatch(/nested far deeper than any design/);
  });

  it('migrates an older document version carried in a link', () => {
    const v0 = { title: 'old', nodes: [{ id: 'c', kind: 'client', data: { rateRps: 5 } }], durationS: 30 };
    const r = shareLinkDecode(enc(JSON.stringify(v0)));
    expect(r.ok && r.doc.scenario.durationS).toBe(30);
    expect(r.ok && parseDocument(r.doc).ok).toBe(true);
  });
});
