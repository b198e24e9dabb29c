import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateList } from './templates.ts';
import { documentFileName, documentFromFileText, documentToFileText } from './file.ts';
import { diagramSvg, xmlEscape } from './diagramSvg.ts';

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');

describe('document files', () => {
  it('export → import gives back every template exactly', () => {
    for (const t of templateList()) {
      const text = documentToFileText(t.doc);
      expect(JSON.parse(text).type).toBe('archsim/document');
      const r = documentFromFileText(text);
      expect(r.ok && r.doc).toStrictEqual(t.doc);
    }
  });

  it('names files after the title', () => {
    expect(documentFileName({ title: 'Cache in front of a database: invalidation & a stampede!' })).toBe(
      'cache-in-front-of-a-database-invalidation-a-stampede.archsim.json',
    );
    expect(documentFileName({ title: '設計' })).toBe('design.archsim.json');
    expect(documentFileName({ title: 'Café' }, 'svg')).toBe('cafe.svg');
  });

  it('migrates the v0 draft fixture: data → params, top-level durationS/seed → scenario', () => {
    const r = documentFromFileText(readFileSync(join(FIXTURES, 'v0-webhook.json'), 'utf8'), 'v0-webhook.json');
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.where}: ${e.message}`).join('\n'));
    expect(r.doc.version).toBe(1);
    expect(r.doc.type).toBe('archsim/document');
    expect(r.doc.scenario.durationS).toBe(90);
    expect(r.doc.scenario.seed).toBe(5);
    const workers = r.doc.nodes.find((n) => n.id === 'workers');
    expect(workers?.kind === 'service' && workers.params.workers).toBe(50);
    const endpoint = r.doc.nodes.find((n) => n.id === 'endpoint');
    expect(endpoint?.kind === 'external' && endpoint.params.dedupe).toBe(true);
    // A migrated document exports as the current version and reads back unchanged.
    const again = documentFromFileText(documentToFileText(r.doc));
    expect(again.ok && again.doc).toStrictEqual(r.doc);
  });

  it('reports bad files clearly: empty, not JSON, schema errors by node and field, newer version', () => {
    expect(documentFromFileText('', 'a.json')).toMatchObject({ ok: false, message: 'a.json is empty.' });
    expect(documentFromFileText('{"nodes": [', 'b.json')).toMatchObject({ ok: false, message: expect.stringContaining('not valid JSON') });
    const doc = JSON.parse(documentToFileText(templateList()[0]!.doc));
    doc.nodes[1].params.workers = 'many';
    doc.edges[0].params.timeoutMs = -1;
    const r = documentFromFileText(JSON.stringify(doc), 'c.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe('c.json could not be opened: 2 problems found.');
      expect(r.errors.map((e) => e.where)).toEqual(['node "api" › params.workers', 'edge "producers-api" › params.timeoutMs']);
    }
    doc.version = 99;
    const newer = documentFromFileText(JSON.stringify(doc));
    expect(!newer.ok && newer.errors[0]!.message).toMatch(/newer than this archsim/);
  });

  it('accepts a byte-order mark', () => {
    const r = documentFromFileText(`\ufeff${documentToFileText(templateList()[0]!.doc)}`);
    expect(r.ok).toBe(true);
  });
});

describe('diagramSvg', () => {
  it('draws one card per node and one path per edge, labels escaped as text', () => {
    const doc = structuredClone(templateList()[0]!.doc);
    doc.nodes[0]!.label = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const svg = diagramSvg(doc);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x');
    expect(svg.match(/<g>/g)?.length).toBe(doc.nodes.length);
    expect(svg.match(/<path d="M[^"]* C/g)?.length).toBe(doc.edges.length);
  });

  it('thumbnails have no text beyond the title element', () => {
    const svg = diagramSvg(templateList()[2]!.doc, { labels: false });
    expect(svg.match(/<text/g)).toBeNull();
  });

  it('is well-formed XML whatever the labels hold: controls, U+FFFE/U+FFFF and lone surrogates are dropped', () => {
    const doc = structuredClone(templateList()[0]!.doc);
    const nasty = `a${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}b\uFFFE\uFFFFc\uD800d\uDC00e😀f`;
    doc.title = nasty;
    doc.nodes[0]!.label = nasty;
    doc.edges[0]!.label = nasty;
    for (const labels of [true, false]) {
      const svg = diagramSvg(doc, { labels, title: true, details: { [doc.nodes[1]!.id]: nasty } });
      // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
      const illegal = [...svg].filter((ch) => {
        const c = ch.codePointAt(0)!;
        return !(c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000);
      });
      expect(illegal).toEqual([]);
      expect(() => encodeURIComponent(svg)).not.toThrow(); // thumbnails become data: URLs
    }
    expect(xmlEscape(nasty)).toBe('a\t\n\rbc\uFFFDd\uFFFDe😀f');
  });

  it('escapes all five XML specials', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
