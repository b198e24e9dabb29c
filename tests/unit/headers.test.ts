/**
 * The headers `vite preview` and `vite dev` send (the browser test checks them on the wire).
 * The preview policy must be the page's <meta> policy plus frame-ancestors, so the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config, { devHeaders, previewHeaders } from '../../vite.config.ts';

const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
  readFileSync(new URL('../../index.html', import.meta.url), 'utf8'),
)![1]!;

describe('server headers', () => {
  it("preview sends the page's CSP plus frame-ancestors 'none'", () => {
    expect(config.preview?.headers).toEqual(previewHeaders);
    expect(previewHeaders['Content-Security-Policy']).toBe(`${meta}; frame-ancestors 'none'`);
    expect(meta).toMatch(/script-src 'self';/);
  });
  it("dev forbids framing too, without blocking Vite's own inline preamble", () => {
    expect(config.server?.headers).toEqual(devHeaders);
    expect(devHeaders['Content-Security-Policy']).toBe("frame-ancestors 'none'");
    for (const h of [devHeaders, previewHeaders])
      expect(h).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
  });
});
