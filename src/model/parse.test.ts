import { describe, expect, it } from 'vitest';
import { formatErrors, parseDocument, parseDocumentText } from './parse.ts';
import { jsonTextTooDeep, jsonValueTooDeep, MAX_JSON_DEPTH } from './jsonDepth.ts';

const message = (r: ReturnType<typeof parseDocumentText>) => (r.ok ? '' : formatErrors(r.errors));

describe('parseDocumentText never throws', () => {
  it('refuses the deeply nested "type" of the issue with a message, not a RangeError', () => {
    const text = '{"type":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const r = parseDocumentText(text);
    expect(r.ok).toBe(false);
    expect(message(r)).toMatch(/^file: nested more than 32 levels deep \(line 1, column \d+\): an archsim document is never that deep$/);
  });

  it('refuses 5 million nested [ in milliseconds, before JSON.parse', () => {
    const text = '['.repeat(5_000_000);
    const t0 = performance.now();
    const r = parseDocumentText(text);
    const ms = performance.now() - t0;
    expect(r.ok).toBe(false);
    expect(message(r)).toMatch(/nested more than/);
    expect(ms).toBeLessThan(50);
  });

  it('accepts documents up to the depth limit and counts no brackets inside strings', () => {
    const doc = { version: 1, description: '[[[[{{{{'.repeat(100), nodes: [{ id: 'c', kind: 'client', label: '"[\\"[' }] };
    expect(parseDocumentText(JSON.stringify(doc)).ok).toBe(true);
    expect(jsonTextTooDeep('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(-1);
    expect(jsonTextTooDeep('['.repeat(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    expect(jsonTextTooDeep('"\\"[[[[[[" [[[', 2)).toBe(13);
  });

  it('a type that is not the archsim type is described briefly, whatever it is', () => {
    expect(message(parseDocumentText(JSON.stringify({ type: 'x'.repeat(10_000), nodes: [] })))).toMatch(
      /^version: not an archsim document \(type is "x{59}…", expected "archsim\/document"\)$/,
    );
    expect(message(parseDocumentText('{"type": [[1, 2]], "nodes": []}'))).toMatch(/type is an array/);
    expect(message(parseDocumentText('{"type": {"a": 1}, "nodes": []}'))).toMatch(/type is an object/);
  });

  it('says where the JSON breaks in lines and columns, without echoing the text', () => {
    expect(message(parseDocumentText('{\n  "version": 1,\n  "nodes": [}'))).toMatch(/^file: not valid JSON: unexpected "}"$/);
    expect(message(parseDocumentText('{"version": 1'))).toMatch(
      /^file: not valid JSON: line 1, column 14: expected ',' or '}' after property value$/,
    );
    expect(message(parseDocumentText('{"version": 1, "nodes": ['))).toBe('file: not valid JSON: the text ends too early (is it cut off?)');
    expect(message(parseDocumentText('{"a": 1}\n\n  x'))).toBe(
      'file: not valid JSON: line 3, column 3: unexpected non-whitespace character after JSON',
    );
  });
});

describe('parseDocument never throws', () => {
  it('refuses a deeply nested value without recursing (no stack overflow)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const r = parseDocument({ version: 1, nodes: [], description: deep });
    expect(r.ok).toBe(false);
    expect(message(r)).toMatch(/^document: nested more than 32 levels deep: an archsim document is never that deep$/);
  });

  it('survives cyclic objects and throwing getters', () => {
    const cyclic: Record<string, unknown> = { version: 1, nodes: [] };
    cyclic.self = cyclic;
    expect(() => parseDocument(cyclic)).not.toThrow();
    expect(parseDocument(cyclic).ok).toBe(false);
    expect(jsonValueTooDeep(cyclic)).toBe(false);
    const hostile = {
      version: 1,
      get nodes(): unknown {
        throw new Error('boom');
      },
    };
    const r = parseDocument(hostile);
    expect(r.ok).toBe(false);
    expect(message(r)).toBe('document: could not be read (internal error: boom)');
  });
});
