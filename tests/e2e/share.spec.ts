/**
 * Templates and sharing in a real browser: the gallery opens every template as a new design
 * (and one runs end to end), a design survives a link into a fresh profile and a file round
 * trip exactly, damaged links and files are reported without touching the library, labels
 * stay text, the CSP blocks inline scripts, and nothing is fetched from outside the app.
 */
import { isDeepStrictEqual } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { ARTIFACTS, assert, screenshot, type Browser } from './harness.ts';
import { templateList } from '../../src/share/templates.ts';
import { base64urlEncode, MAX_LINK_CHARS, shareLinkEncode } from '../../src/share/shareLink.ts';
import { deflateSync } from 'fflate';
import type { ArchDocument } from '../../src/model/index.ts';

type Snapshot = Record<string, string>;

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
}

/** Every archsim key in localStorage. */
async function storage(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith('archsim:')) out[k] = localStorage.getItem(k)!;
    }
    return out;
  });
}

async function openDoc(page: Page): Promise<ArchDocument> {
  return page.evaluate(() => JSON.parse(localStorage.getItem(`archsim:design:${localStorage.getItem('archsim:current')}`) ?? 'null'));
}

async function libraryCount(page: Page): Promise<number> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('archsim:library') ?? '[]') as unknown[]).length);
}

async function openTemplate(page: Page, id: string): Promise<void> {
  await page.click('[data-testid="templates-button"]');
  await page.waitForSelector('[data-testid="gallery"]');
  await page.click(`[data-testid="template-${id}"]`);
  await page.waitForSelector('[data-testid="gallery"]', { state: 'detached' });
}

function outsideRequests(b: Browser, base: string): string[] {
  return b.requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

/** A document with every node at 0,0, to compare designs whatever their layout. */
function withoutPositions(doc: unknown): unknown {
  const d = structuredClone(doc) as { nodes: { position: unknown }[] };
  for (const n of d.nodes) n.position = { x: 0, y: 0 };
  return d;
}

/** `f` with the character at `i` replaced by another base64url character. */
const flipAt = (f: string, i: number) => f.slice(0, i) + (f[i] === 'A' ? 'B' : 'A') + f.slice(i + 1);

function fragmentOf(doc: unknown): string {
  return `#d=1.${base64urlEncode(deflateSync(new TextEncoder().encode(JSON.stringify(doc))))}`;
}

export default {
  name: 'share',
  tests: {
    'the gallery opens every template as a new design with its nodes, and one runs to the end': async ({ browser, server }) => {
      const { page } = browser;
      await ready(page);
      const first = await openDoc(page);
      const firstId = await page.evaluate(() => localStorage.getItem('archsim:current'));
      await page.click('[data-testid="templates-button"]');
      await page.waitForSelector('[data-testid="gallery"] .gallery-card img');
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('.gallery-card img')].every((i) => i.complete && i.naturalWidth > 0),
      );
      await screenshot(page, 'share-gallery');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="gallery"]', { state: 'detached', timeout: 2000 });
      const templates = templateList();
      let count = await libraryCount(page);
      for (const t of templates) {
        await openTemplate(page, t.id);
        await page.waitForFunction((title) => document.querySelector('[data-testid="design-title"]')?.textContent === title, t.title);
        await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, t.doc.nodes.length);
        count++;
        assert((await libraryCount(page)) === count, `${t.id}: library should grow to ${count}`);
        await page.waitForSelector('.app[data-settled="true"]');
        const saved = await openDoc(page);
        // A template opens laid out (columns wide enough for its call labels): all but the positions is the template.
        assert(isDeepStrictEqual(withoutPositions(saved), withoutPositions(t.doc)), `${t.id}: the opened design differs from the template`);
      }
      await screenshot(page, 'share-template-opened');
      // The design open before is still in the library, unchanged.
      const before = await page.evaluate((id) => localStorage.getItem(`archsim:design:${id}`), firstId);
      assert(before !== null && isDeepStrictEqual(JSON.parse(before), first), 'the first design changed');
      // The library menu offers the gallery too.
      await page.click('[data-testid="library-button"]');
      await page.click('[data-testid="library-templates"]');
      await page.waitForSelector('[data-testid="gallery"]');
      await page.click('[data-testid="template-rate-limiter"]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="design-title"]')?.textContent === 'Rate limiter for a public API',
      );
      // Run it in the app: the requirements all pass as shipped.
      await page.click('[data-testid="run-button"]');
      await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="requirements"]');
      const failing = await page.getAttribute('[data-testid="requirements"]', 'data-failing');
      const total = await page.getAttribute('[data-testid="requirements"]', 'data-count');
      assert(total === '4' && failing === '0', `rate limiter requirements: ${failing} of ${total} failing`);
      await screenshot(page, 'share-template-run');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
      assert(outsideRequests(browser, server.url).length === 0, `outside requests: ${outsideRequests(browser, server.url).join(', ')}`);
    },

    'a design survives a share link into a fresh profile exactly': async ({ browser, openFresh, server }) => {
      const { page } = browser;
      await ready(page);
      await openTemplate(page, 'payment-api');
      await page.waitForFunction(() => document.querySelector('[data-testid="design-title"]')?.textContent === 'Idempotent payment API');
      const sent = await openDoc(page);
      await page.click('[data-testid="share-button"]');
      await page.waitForSelector('[data-testid="share-dialog"]');
      const link = await page.inputValue('[data-testid="share-link"]');
      assert(link.startsWith(server.url) && /#d=2\.[0-9a-f]{8}\./.test(link), `unexpected link ${link.slice(0, 80)}`);
      await page.click('[data-testid="share-copy"]');
      await page.waitForSelector('[data-testid="share-dialog"] [role="status"]');
      await screenshot(page, 'share-dialog');

      const other = await openFresh();
      await other.page.goto('about:blank');
      await other.page.goto(link);
      await other.page.waitForFunction(
        () => document.querySelector('[data-testid="design-title"]')?.textContent === 'Idempotent payment API',
      );
      await other.page.waitForSelector('.app[data-settled="true"] .react-flow__node');
      const received = await openDoc(other.page);
      if (!isDeepStrictEqual(received, sent)) {
        writeFileSync(join(ARTIFACTS, 'share-sent.json'), JSON.stringify(sent, null, 2));
        writeFileSync(join(ARTIFACTS, 'share-received.json'), JSON.stringify(received, null, 2));
        assert(false, 'the document received differs from the one sent (see share-sent.json / share-received.json)');
      }
      assert((await libraryCount(other.page)) === 2, 'the link should add one design next to the first-visit sample');
      assert(!(await other.page.evaluate(() => location.hash)), 'the fragment should be cleared after import');
      const banner = await other.page.textContent('[data-testid="banner-share-link"]');
      assert(banner?.includes('from a shared link'), `banner: ${banner}`);
      await screenshot(other.page, 'share-link-opened');
      // Reloading does not import it twice.
      await other.page.reload();
      await other.page.waitForSelector('.react-flow__node');
      assert((await libraryCount(other.page)) === 2, 'reload imported the link again');
      assert(
        other.errors.length === 0 && browser.errors.length === 0,
        `console errors: ${[...other.errors, ...browser.errors].join('; ')}`,
      );
      assert(outsideRequests(other, server.url).length === 0, 'outside requests in the fresh profile');
    },

    'damaged links get a clear banner and leave the library untouched': async ({ browser, server }) => {
      const { page } = browser;
      await ready(page);
      await openTemplate(page, 'cache-stampede');
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 4);
      const before = await storage(page);
      const good = shareLinkEncode(templateList()[0]!.doc);
      assert(good.ok, 'encode');
      const broken = structuredClone(templateList()[0]!.doc) as unknown as { nodes: { id: string; params: Record<string, unknown> }[] };
      broken.nodes[1]!.params.workers = 'lots';
      const cases: [string, string, RegExp][] = [
        ['truncated', good.fragment.slice(0, Math.floor(good.fragment.length * 0.6)), /cut off|incomplete/],
        ['one character changed', flipAt(good.fragment, Math.floor(good.fragment.length / 2)), /damaged/],
        ['bad base64', '#d=1.abc!!def*ghi', /damaged/],
        ['base64 of garbage', `#d=1.${base64urlEncode(Uint8Array.from({ length: 300 }, (_, i) => (i * 151 + 7) & 0xff))}`, /damaged/],
        ['not JSON', fragmentOf('{"nodes": [ oops').replace(/^#d=1\./, '#d=1.'), /damaged/],
        ['schema errors', fragmentOf(broken), /node "api" › params\.workers/],
        ['too long', `#d=1.${'A'.repeat(MAX_LINK_CHARS + 1)}`, /too long/],
        ['unknown version', '#d=7.AAAA', /format 7/],
      ];
      for (const [name, fragment, expected] of cases) {
        await page.goto('about:blank');
        await page.goto(server.url + fragment);
        await page.waitForSelector('[data-testid="banner-share-link"]');
        const text = (await page.textContent('[data-testid="banner-share-link"]')) ?? '';
        assert(expected.test(text), `${name}: banner says “${text}”`);
        // The user's words: nothing about encodings or parser positions.
        assert(!/base64|deflate|json|position|not text/i.test(text), `${name}: banner shows parser internals: “${text}”`);
        assert(text.includes('Nothing in your library was changed'), `${name}: banner should reassure`);
        if (name === 'schema errors') await screenshot(page, 'share-link-error');
        const after = await storage(page);
        assert(isDeepStrictEqual(after, before), `${name}: storage changed`);
        assert((await page.textContent('[data-testid="design-title"]'))?.startsWith('Cache in front'), `${name}: the open design changed`);
      }
      // A link pasted into the open tab (only the fragment changes, no reload) is handled too.
      await page.evaluate((f) => {
        location.hash = f;
      }, '#d=1.abc!!');
      await page.waitForFunction(() => document.querySelector('[data-testid="banner-share-link"]')?.textContent?.includes('damaged'));
      assert(isDeepStrictEqual(await storage(page), before), 'hashchange: storage changed');
      const [, ok] = [0, fragmentOf(templateList()[6]!.doc)];
      await page.evaluate((f) => {
        location.hash = f;
      }, ok);
      await page.waitForFunction(() => document.querySelector('[data-testid="design-title"]')?.textContent?.startsWith('Async job'));
      assert(
        (await libraryCount(page)) === Object.keys(before).filter((k) => k.startsWith('archsim:design:')).length + 1,
        'a good pasted link adds one design',
      );
      assert(outsideRequests(browser, server.url).length === 0, 'outside requests');
    },

    'files: export round-trips exactly, import by picker and by drop, damaged files explained': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await openTemplate(page, 'metrics-ingestion');
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 5);
      const doc = await openDoc(page);

      await page.click('[data-testid="file-button"]');
      await screenshot(page, 'share-file-menu');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
      assert(dl.suggestedFilename() === 'metrics-ingestion-pipeline.archsim.json', `file name ${dl.suggestedFilename()}`);
      const exported = readFileSync((await dl.path())!, 'utf8');
      assert(isDeepStrictEqual(JSON.parse(exported), doc), 'exported file differs from the design');

      // Import it back by the picker: a new design, identical.
      const count = await libraryCount(page);
      await page.setInputFiles('[data-testid="file-input"]', {
        name: 'pipeline.json',
        mimeType: 'application/json',
        buffer: Buffer.from(exported),
      });
      await page.waitForFunction((n) => (JSON.parse(localStorage.getItem('archsim:library') ?? '[]') as unknown[]).length === n, count + 1);
      assert(isDeepStrictEqual(await openDoc(page), doc), 'imported design differs');

      // Damaged files: an error dialog naming node and field; nothing changes.
      const before = await storage(page);
      await page.setInputFiles('[data-testid="file-input"]', {
        name: 'cut.json',
        mimeType: 'application/json',
        buffer: Buffer.from(exported.slice(0, 900)),
      });
      await page.waitForSelector('[data-testid="import-errors"]');
      const msg1 = await page.textContent('[data-testid="import-message"]');
      assert(msg1?.includes('cut.json is not an archsim design: it is not valid JSON'), `message: ${msg1}`);
      await page.click('[data-testid="import-errors"] .btn.primary');
      const bad = JSON.parse(exported);
      bad.nodes[1].params.workers = -4;
      bad.edges[0].params.retry.jitter = 'sometimes';
      bad.nodes[3].kind = 'mainframe';
      await page.setInputFiles('[data-testid="file-input"]', {
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(bad)),
      });
      await page.waitForSelector('[data-testid="import-errors"]');
      const items = await page.locator('[data-testid="import-error"]').allTextContents();
      assert(
        items.some((t) => t.includes('node "collectors" › params.workers')),
        `errors: ${items.join(' | ')}`,
      );
      assert(
        items.some((t) => t.includes('edge "agents-collectors" › params.retry.jitter')),
        `errors: ${items.join(' | ')}`,
      );
      assert(
        items.some((t) => t.includes('node "writers"')),
        `errors: ${items.join(' | ')}`,
      );
      await screenshot(page, 'share-import-errors');
      await page.click('[data-testid="import-errors"] .btn.primary');
      assert(isDeepStrictEqual(await storage(page), before), 'a damaged file changed storage');

      // The v0 draft fixture migrates, dropped onto the canvas.
      const v0 = readFileSync(new URL('../fixtures/v0-webhook.json', import.meta.url), 'utf8');
      await page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'v0-webhook.json', { type: 'application/json' }));
        const pane = document.querySelector('.react-flow__pane')!;
        for (const type of ['dragenter', 'dragover', 'drop'])
          pane.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, v0);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="design-title"]')?.textContent === 'Webhook delivery (draft format v0)',
      );
      const migrated = await openDoc(page);
      assert(migrated.version === 1 && migrated.scenario.durationS === 90, 'v0 file not migrated');
      assert((await page.locator('.react-flow__node').count()) === 4, 'v0 nodes not shown');
      assert((await page.locator('[data-testid="file-drop"]').count()) === 0, 'drop overlay left behind');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },

    'images: SVG and PNG export of the diagram': async ({ browser, server }) => {
      const { page } = browser;
      await ready(page);
      await page.click('[data-testid="file-button"]');
      const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-svg"]')]);
      const svg = readFileSync((await svgDl.path())!, 'utf8');
      assert(
        svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') &&
          svg.includes('Delivery workers') &&
          (svg.match(/<g>/g)?.length ?? 0) === 5,
        'SVG content',
      );
      await page.click('[data-testid="file-button"]');
      const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-png"]')]);
      const png = readFileSync((await pngDl.path())!);
      assert(png.subarray(1, 4).toString() === 'PNG', 'not a PNG');
      const width = png.readUInt32BE(16),
        height = png.readUInt32BE(20);
      assert(width > 1000 && height > 200, `PNG size ${width}×${height}`);
      // Show the exported PNG in the page to look at it.
      await page.setContent(
        `<body style="margin:0;background:#fff"><img src="data:image/png;base64,${png.toString('base64')}" style="max-width:100%"></body>`,
      );
      await screenshot(page, 'share-export-png');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
      assert(outsideRequests(browser, server.url).length === 0, 'outside requests');
    },

    'labels with HTML are text, and the CSP blocks inline scripts': async ({ browser, server }) => {
      const { page } = browser;
      await ready(page);
      const payload = '<img src=x onerror=alert(1)><script>window.__xss=1;alert(2)</script>';
      const doc = structuredClone(templateList()[0]!.doc);
      doc.title = `Title ${payload}`;
      doc.description = `Description ${payload}`;
      doc.nodes[0]!.label = payload;
      doc.edges[0]!.label = payload;
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await page.goto('about:blank');
      await page.goto(server.url + fragmentOf(doc));
      await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
      const label = await page.textContent(`[data-testid="node-${doc.nodes[0]!.id}"] .arch-node-label`);
      assert(label === payload, `label shown as ${label}`);
      assert((await page.textContent('[data-testid="design-title"]')) === doc.title, 'title not shown as text');
      assert((await page.locator('img[src="x"]').count()) === 0, 'an <img> from a label entered the DOM');
      await page.waitForTimeout(300);
      assert(dialogs === 0, 'an alert fired');
      assert(!(await page.evaluate(() => (window as { __xss?: number }).__xss)), 'a script from a label ran');
      await screenshot(page, 'share-xss-label');

      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert(csp && /script-src 'self'(;|$)/.test(csp) && !/script-src[^;]*unsafe-(inline|eval)/.test(csp), `CSP: ${csp}`);
      assert(/connect-src 'self'/.test(csp) && /object-src 'none'/.test(csp), `CSP: ${csp}`);
      const blocked = await page.evaluate(async () => {
        let violation = '';
        document.addEventListener('securitypolicyviolation', (e) => {
          violation = e.violatedDirective;
        });
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.append(s);
        const a = document.createElement('a');
        a.setAttribute('onclick', 'window.__inline = 2');
        document.body.append(a);
        a.click();
        await new Promise((r) => setTimeout(r, 100));
        return { ran: (window as { __inline?: number }).__inline ?? 0, violation };
      });
      assert(blocked.ran === 0, `an inline script ran (${blocked.ran})`);
      assert(blocked.violation.startsWith('script-src'), `no CSP violation reported (${blocked.violation})`);
      const real = browser.errors.filter((e) => !e.includes('Content Security Policy'));
      assert(real.length === 0, `console errors: ${real.join('; ')}`);
      assert(outsideRequests(browser, server.url).length === 0, `outside requests: ${outsideRequests(browser, server.url).join(', ')}`);
    },

    'images: labels holding characters XML cannot carry still export as valid SVG and PNG': async ({ browser, server }) => {
      const { page } = browser;
      await ready(page);
      const doc = structuredClone(templateList()[0]!.doc);
      const nasty = 'Bad\u0001\u0008\u001b label\uFFFE\uFFFF';
      doc.title = nasty;
      doc.nodes[0]!.label = nasty;
      doc.edges[0]!.label = nasty;
      await page.goto('about:blank');
      await page.goto(server.url + fragmentOf(doc));
      await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
      await page.click('[data-testid="file-button"]');
      const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-svg"]')]);
      const svg = readFileSync((await svgDl.path())!, 'utf8');
      assert(svg.includes('Bad label') && !/[\u0001\u0008\u001b\uFFFE\uFFFF]/.test(svg), 'SVG still holds XML-illegal characters');
      const parseError = await page.evaluate(
        (text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')?.textContent ?? '',
        svg,
      );
      assert(parseError === '', `the SVG is not well-formed: ${parseError}`);
      await page.click('[data-testid="file-button"]');
      const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-png"]')]);
      const png = readFileSync((await pngDl.path())!);
      assert(png.subarray(1, 4).toString() === 'PNG', 'not a PNG');
      assert((await page.locator('[data-testid="banner-export"]').count()) === 0, 'PNG export reported a failure');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
      assert(outsideRequests(browser, server.url).length === 0, 'outside requests');
    },

    "the server forbids framing: Content-Security-Policy frame-ancestors 'none'": async ({ server }) => {
      const res = await fetch(server.url);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert(/frame-ancestors 'none'/.test(csp), `CSP header: ${csp || '(none)'}`);
      assert(/script-src 'self'(;|$)/.test(csp) && /object-src 'none'/.test(csp), `CSP header: ${csp}`);
      assert(res.headers.get('x-content-type-options') === 'nosniff', 'X-Content-Type-Options');
      assert(res.headers.get('referrer-policy') === 'no-referrer', 'Referrer-Policy');
    },
  },
} satisfies Spec;
