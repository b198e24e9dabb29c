/**
 * Fuzz-style robustness: random damage to valid documents, fed to the file parser and the
 * share-link decoder, must only ever produce validation errors — never an exception. The PRNG
 * is seeded (the seed is in the test name) so a failure reproduces exactly.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, type DocError } from '../../src/model/index.ts';
import { templateList } from '../../src/share/templates.ts';
import { base64urlEncode, shareLinkDecode, shareLinkEncode } from '../../src/share/shareLink.ts';
import { documentFromFileText } from '../../src/share/file.ts';

const SEED = 0x5eed_2026;
const ROUNDS = 2500;

/** mulberry32: small, seedable, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [
  null, true, false, 0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 1e-320, 'NaN', 'Infinity', '-Infinity', '1e999', '', ' ',
  '__proto__', 'constructor', '<script>alert(1)</script>', '\u0000', '\ud800', [], {}, [[[]]], { __proto__: { x: 1 } },
  'x'.repeat(5000), 3.5, '42', { type: 'constant' }, { type: 'lognormal', p50Ms: 10, p99Ms: 1 },
];

type Json = unknown;

/** Paths to every value inside `v`. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, Json>)[k], [...at, k], out);
  return out;
}

function mutate(doc: Json, rnd: () => number): Json {
  const copy = structuredClone(doc) as Record<string, Json>;
  const all = paths(copy).filter((p) => p.length > 0);
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const p = all[Math.floor(rnd() * all.length)]!;
    let parent: Json = copy;
    for (const key of p.slice(0, -1)) parent = (parent as Record<string | number, Json>)?.[key];
    if (!parent || typeof parent !== 'object') continue;
    const last = p[p.length - 1]!;
    const box = parent as Record<string | number, Json>;
    const op = rnd();
    if (op < 0.3) {
      if (Array.isArray(box) && typeof last === 'number') box.splice(last, 1); else delete box[last];
    } else if (op < 0.75) {
      box[last] = structuredClone(WEIRD[Math.floor(rnd() * WEIRD.length)]);
    } else if (op < 0.85) {
      box[`extra${Math.floor(rnd() * 10)}`] = 1; // unknown field
    } else {
      const v = box[last];
      box[last] = typeof v === 'number' ? v * (rnd() < 0.5 ? -1e12 : 1e12) : typeof v === 'string' ? v.split('').reverse().join('') : [v];
    }
  }
  return copy;
}

function damageText(text: string, rnd: () => number): string {
  const op = rnd();
  if (op < 0.4) return text.slice(0, Math.floor(rnd() * text.length)); // truncation
  if (op < 0.7) { // random bytes spliced in
    const at = Math.floor(rnd() * text.length);
    const junk = String.fromCharCode(...Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 256)));
    return text.slice(0, at) + junk + text.slice(at);
  }
  if (op < 0.85) { // drop a span
    const a = Math.floor(rnd() * text.length);
    return text.slice(0, a) + text.slice(a + 1 + Math.floor(rnd() * 40));
  }
  return Array.from({ length: Math.floor(rnd() * 200) }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('');
}

function expectWellFormedErrors(errors: DocError[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Array.isArray(e.path)).toBe(true);
    expect(typeof e.where).toBe('string');
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('fuzz', () => {
  const docs = templateList().map((t) => JSON.parse(JSON.stringify(t.doc)) as Json);

  it(`parseDocumentText / documentFromFileText never throw on ${ROUNDS} mutated documents (seed 0x${SEED.toString(16)})`, () => {
    const rnd = prng(SEED);
    let rejected = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const base = docs[i % docs.length]!;
      const text = rnd() < 0.6 ? JSON.stringify(mutate(base, rnd)) : damageText(JSON.stringify(base), rnd);
      const r = parseDocumentText(text);
      if (!r.ok) { rejected++; expectWellFormedErrors(r.errors); }
      const f = documentFromFileText(text);
      expect(f.ok).toBe(r.ok);
    }
    // The mutations must actually exercise the error paths.
    expect(rejected).toBeGreaterThan(ROUNDS * 0.5);
  });

  it(`shareLinkDecode never throws on ${ROUNDS} damaged links (seed 0x${(SEED + 1).toString(16)})`, () => {
    const rnd = prng(SEED + 1);
    const kinds = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      const base = docs[i % docs.length]!;
      let fragment: string;
      const op = rnd();
      if (op < 0.35) { // a valid link of a mutated document
        fragment = `#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(JSON.stringify(mutate(base, rnd)))))}`;
      } else if (op < 0.52) { // a damaged valid link (format 2, with a checksum)
        const good = shareLinkEncode(templateList()[i % docs.length]!.doc);
        fragment = good.ok ? damageText(good.fragment, rnd) : '';
      } else if (op < 0.7) { // a damaged format 1 link (no checksum: the older links in the wild)
        fragment = damageText(`#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(JSON.stringify(base))))}`, rnd);
      } else if (op < 0.85) { // valid base64 of random bytes
        fragment = `#d=1.${base64urlEncode(Uint8Array.from({ length: Math.floor(rnd() * 500) }, () => Math.floor(rnd() * 256)))}`;
      } else { // deflated damaged JSON text
        fragment = `#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(damageText(JSON.stringify(base), rnd))))}`;
      }
      const r = shareLinkDecode(fragment);
      if (!r.ok) {
        kinds.add(r.kind);
        expect(r.message.length).toBeGreaterThan(10);
        if (r.kind === 'schema') expectWellFormedErrors(r.errors);
      }
    }
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['base64', 'checksum', 'deflate', 'json', 'schema']));
  });
});
