import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { shareLinkDecode, shareLinkEncode, base64urlEncode } from '../../share/shareLink.ts';
import { documentSchema } from '../../model/index.ts';
import { shareLinkFailureMessage } from './shareLinkMessage.ts';

const message = (hash: string) => {
  const r = shareLinkDecode(hash);
  if (r.ok) throw new Error('expected a failure');
  return shareLinkFailureMessage(r, hash);
};
const internals = /base64|deflate|json|position|unexpected token|\bat line\b|utf|not text/i;

describe('shareLinkFailureMessage', () => {
  const good = shareLinkEncode(documentSchema.parse({ version: 1, title: 'T', nodes: [{ id: 'a', kind: 'service' }] }));
  if (!good.ok) throw new Error('encode');

  it('says a cut-off, garbled or non-design link is damaged, in plain words', () => {
    const cases = [
      good.fragment.slice(0, Math.floor(good.fragment.length * 0.6)),
      '#d=1.abc!!def*ghi',
      `#d=1.${base64urlEncode(Uint8Array.from({ length: 300 }, (_, i) => (i * 151 + 7) & 0xff))}`,
      `#d=1.${base64urlEncode(new Uint8Array([0x4b, 0x04, 0x00]))}`,
      // Valid JSON that is not a document (a string).
      `#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(JSON.stringify('{"nodes": [ oops'))))}`,
    ];
    for (const hash of cases) {
      const m = message(hash);
      expect(m).toMatch(/damaged/);
      expect(m).not.toMatch(internals);
    }
  });

  it('names the link format of a link from another version, and explains an empty or over-long one', () => {
    expect(message('#d=7.AAAA')).toMatch(/link format 7/);
    expect(message('#d=')).toMatch(/carries no design/);
    expect(message(`#d=1.${'A'.repeat(70_000)}`)).toMatch(/too long/);
  });
});
