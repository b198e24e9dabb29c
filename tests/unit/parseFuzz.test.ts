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
import { damageText, mutate, prng } from './fuzzDocs.ts';

const SEED = 0x5eed_2026;
const ROUNDS = 2500;

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
  const docs = templateList().map((t) => JSON.parse(JSON.stringify(t.doc)) as unknown);

  it(`parseDocumentText / documentFromFileText never throw on ${ROUNDS} mutated documents (seed 0x${SEED.toString(16)})`, () => {
    const rnd = prng(SEED);
    let rejected = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const base = docs[i % docs.length]!;
      const text = rnd() < 0.6 ? JSON.stringify(mutate(base, rnd)) : damageText(JSON.stringify(base), rnd);
      const r = parseDocumentText(text);
      if (!r.ok) {
        rejected++;
        expectWellFormedErrors(r.errors);
      }
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
      if (op < 0.35) {
        // a valid link of a mutated document
        fragment = `#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(JSON.stringify(mutate(base, rnd)))))}`;
      } else if (op < 0.52) {
        // a damaged valid link (format 2, with a checksum)
        const good = shareLinkEncode(templateList()[i % docs.length]!.doc);
        fragment = good.ok ? damageText(good.fragment, rnd) : '';
      } else if (op < 0.7) {
        // a damaged format 1 link (no checksum: the older links in the wild)
        fragment = damageText(`#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(JSON.stringify(base))))}`, rnd);
      } else if (op < 0.85) {
        // valid base64 of random bytes
        fragment = `#d=1.${base64urlEncode(Uint8Array.from({ length: Math.floor(rnd() * 500) }, () => Math.floor(rnd() * 256)))}`;
      } else {
        // deflated damaged JSON text
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
