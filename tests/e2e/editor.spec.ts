/**
 * The canvas editor, driven like a user would: palette, handles, inspector, keyboard,
 * reload. Assertions read what is on screen (cards, fields, messages) and, for "the document
 * is unchanged", the autosaved design in localStorage.
 */
import type { Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { assert, screenshot } from './harness.ts';

const node = (id: string) => `[data-testid="node-${id}"]`;

/** The editor is up and the opening template has been laid out. */
async function ready(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
}

/** Start from an empty design through the library menu. */
async function newDesign(page: Page): Promise<void> {
  await page.click('[data-testid="library-button"]');
  await page.click('[data-testid="library-new"]');
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
}

async function addByClick(page: Page, kind: string): Promise<void> {
  const before = await page.locator('.react-flow__node').count();
  await page.click(`[data-testid="palette-${kind}"]`);
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n + 1, before);
}

/** Drag from the source handle of `from` to the target handle of `to`. */
async function connect(page: Page, from: string, to: string): Promise<void> {
  const before = await page.locator('.react-flow__edge').count();
  const s = await page.locator(`${node(from)} .react-flow__handle.source`).boundingBox();
  const t = await page.locator(`${node(to)} .react-flow__handle.target`).boundingBox();
  assert(s && t, `handles of ${from} → ${to} not found`);
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move((s.x + t.x) / 2, (s.y + t.y) / 2, { steps: 5 });
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge').length === n + 1, before, { timeout: 3000 });
}

async function selectNode(page: Page, id: string): Promise<void> {
  await page.click(`${node(id)} .arch-node-label`);
  await page.waitForSelector(`[data-testid="inspector"] .inspector-id code:text-is("${id}")`);
}

async function rho(page: Page, id: string): Promise<number> {
  const v = await page.getAttribute(`${node(id)} [data-testid="load"]`, 'data-rho');
  assert(v !== null && v !== '', `no utilization on ${id}`);
  return Number(v);
}

/** The autosaved document of the open design. */
async function savedDoc(page: Page): Promise<{
  nodes: { id: string; position: { x: number; y: number }; params: Record<string, unknown>; label: string }[];
  edges: unknown[];
  title: string;
}> {
  return page.evaluate(() => {
    const id = localStorage.getItem('archsim:current');
    return JSON.parse(localStorage.getItem(`archsim:design:${id}`) ?? 'null');
  });
}

async function nodeTransform(page: Page, id: string): Promise<string> {
  return page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
}

export default {
  name: 'editor',
  tests: {
    'opens with the ready-made design and its capacity overlay': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      assert((await page.textContent('[data-testid="design-title"]')) === 'Webhook delivery', 'sample design not open');
      assert((await page.locator('.react-flow__node').count()) === 5, 'expected 5 nodes');
      const r = await rho(page, 'api');
      assert(r > 0.1 && r < 0.2, `api ρ should be 1000/6400 ≈ 0.16, got ${r}`);
      assert(await page.isDisabled('[data-testid="undo"]'), 'opening a design must leave nothing to undo');
      await screenshot(page, 'editor-initial');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },

    'the inspector scrolls on its own: scrolling past its end never moves the page': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.click(`${node('api')} .arch-node-label`);
      await page.waitForSelector('[data-testid="inspector"]');
      const box = (await page.locator('[data-testid="inspector"]').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let k = 0; k < 8; k++) await page.mouse.wheel(0, 600);
      await page.waitForTimeout(200);
      const s = await page.evaluate(() => ({
        page: document.scrollingElement!.scrollTop,
        inspector: (document.querySelector('[data-testid="inspector"]') as HTMLElement).scrollTop,
      }));
      assert(s.inspector > 0, 'the inspector did not scroll');
      assert(s.page === 0, `the page scrolled by ${s.page} px (a white band under the app)`);
    },

    'adds nodes from the palette (drag and click) and connects them by dragging handles': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await newDesign(page);
      await page.dragAndDrop('[data-testid="palette-client"]', '[data-testid="canvas"]', { targetPosition: { x: 180, y: 260 } });
      await page.waitForSelector(node('client'));
      await addByClick(page, 'service');
      await addByClick(page, 'database');
      await connect(page, 'client', 'service');
      await connect(page, 'service', 'database');
      const doc = await savedDoc(page);
      assert(doc.nodes.map((n) => n.id).join() === 'client,service,database', `saved nodes: ${doc.nodes.map((n) => n.id)}`);
      assert(doc.edges.length === 2, `saved edges: ${doc.edges.length}`);
      // The default client sends 100 req/s; the service and the database see all of it.
      assert((await page.getAttribute(`${node('database')} [data-testid="load"]`, 'data-lambda')) === '100', 'database λ should be 100');
      // A database makes no calls: it has no source handle.
      assert((await page.locator(`${node('database')} .react-flow__handle.source`).count()) === 0, 'database has a source handle');
      await screenshot(page, 'editor-connected');
    },

    'editing a parameter updates the overlay, and an invalid value is refused with a message': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await selectNode(page, 'api');
      const workers = '[data-testid="inspector"] [data-testid="field-params.workers"]';
      await page.fill(workers, '4');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="node-api"] [data-testid="load"]')?.getAttribute('data-rho') === '1.25',
      );
      assert((await page.locator(`${node('api')}.tone-over`).count()) === 1, 'api not flagged over capacity at ρ 1.25');
      assert(await page.isVisible(`${node('api')} .arch-node-alert`), 'no over-capacity warning on the card');
      await screenshot(page, 'editor-over-capacity');

      await page.fill(workers, '0');
      const msg = await page.textContent('[data-testid="inspector"] .field-error');
      assert(msg === 'Must be ≥ 1', `message: ${msg}`);
      assert((await page.inputValue(workers)) === '0', 'the typed draft should stay in the field');
      const doc = await savedDoc(page);
      const api = doc.nodes.find((n) => n.id === 'api');
      assert(api?.params.workers === 4, `document changed to ${api?.params.workers}`);
      assert((await rho(page, 'api')) === 1.25, 'overlay changed on an invalid value');
      assert((await page.textContent(`${node('api')} .arch-node-params`))?.startsWith('4 workers'), 'card shows an invalid value');
      await screenshot(page, 'editor-invalid');
    },

    'undo and redo cover edits and node moves (keyboard and toolbar)': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await selectNode(page, 'api');
      await page.fill('[data-testid="inspector"] [data-testid="field-params.workers"]', '8');
      await page.click('.react-flow__pane', { position: { x: 30, y: 30 } });
      const params = () => page.textContent(`${node('api')} .arch-node-params`);
      assert((await params())?.startsWith('8 workers'), 'edit not applied');
      await page.keyboard.press('Control+z');
      assert((await params())?.startsWith('32 workers'), `undo failed: ${await params()}`);
      await page.keyboard.press('Control+Shift+z');
      assert((await params())?.startsWith('8 workers'), 'redo (Ctrl+Shift+Z) failed');
      await page.click('[data-testid="undo"]');
      assert((await params())?.startsWith('32 workers'), 'toolbar undo failed');
      await page.keyboard.press('Control+y');
      assert((await params())?.startsWith('8 workers'), 'redo (Ctrl+Y) failed');

      // A drag is one undo step, however many frames it took.
      const before = await nodeTransform(page, 'queue');
      const box = await page.locator(`${node('queue')} .arch-node-label`).boundingBox();
      assert(box, 'queue card not found');
      await page.mouse.move(box.x + 10, box.y + 5);
      await page.mouse.down();
      await page.mouse.move(box.x + 60, box.y + 120, { steps: 12 });
      await page.mouse.up();
      const moved = await nodeTransform(page, 'queue');
      assert(moved !== before, 'drag did not move the node');
      await page.keyboard.press('Control+z');
      assert((await nodeTransform(page, 'queue')) === before, `undo of the move: ${await nodeTransform(page, 'queue')} vs ${before}`);
      await page.keyboard.press('Control+z');
      assert((await params())?.startsWith('32 workers'), 'the step before the move should be the workers edit');
    },

    'reload restores the design as it was left': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await selectNode(page, 'workers');
      await page.fill('[data-testid="inspector"] [data-testid="field-label"]', 'Webhook senders');
      await addByClick(page, 'cache');
      const before = await savedDoc(page);
      await page.reload();
      await ready(page);
      assert((await page.locator('.react-flow__node').count()) === 6, 'node count after reload');
      assert((await page.textContent(`${node('workers')} .arch-node-label`)) === 'Webhook senders', 'label lost on reload');
      assert(await page.isVisible(node('cache')), 'added cache lost on reload');
      assert(JSON.stringify(await savedDoc(page)) === JSON.stringify(before), 'stored document changed by reloading');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },

    'auto-layout moves nodes into left-to-right layers': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await newDesign(page);
      await addByClick(page, 'client');
      await addByClick(page, 'service');
      await addByClick(page, 'database');
      await connect(page, 'client', 'service');
      await connect(page, 'service', 'database');
      const before = (await savedDoc(page)).nodes.map((n) => n.position);
      await page.click('[data-testid="auto-layout"]');
      await page.waitForFunction(
        (b) => {
          const id = localStorage.getItem('archsim:current');
          const doc = JSON.parse(localStorage.getItem(`archsim:design:${id}`) ?? 'null');
          return JSON.stringify(doc.nodes.map((n: { position: unknown }) => n.position)) !== JSON.stringify(b);
        },
        before,
        { timeout: 10_000 },
      );
      const after = (await savedDoc(page)).nodes;
      const x = (id: string) => after.find((n) => n.id === id)!.position.x;
      assert(
        x('client') < x('service') && x('service') < x('database'),
        `not left to right: ${after.map((n) => `${n.id}@${n.position.x}`)}`,
      );
      await page.keyboard.press('Control+z');
      assert(
        JSON.stringify((await savedDoc(page)).nodes.map((n) => n.position)) === JSON.stringify(before),
        'auto-layout is not one undo step',
      );
      assert(browser.errors.length === 0, `console errors (CSP?): ${browser.errors.join('; ')}`);
    },

    'copy, paste, select-all and delete': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await selectNode(page, 'api');
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await page.waitForSelector(node('api-2'));
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Delete');
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
      assert((await savedDoc(page)).nodes.length === 0, 'delete not saved');
      await page.keyboard.press('Control+z');
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 6);
    },

    'graph problems are shown on the node': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await addByClick(page, 'loadBalancer');
      const badge = `${node('loadBalancer')} [data-testid="problem-badge"]`;
      await page.waitForSelector(badge);
      const label = await page.getAttribute(badge, 'aria-label');
      assert(label?.includes('load balancer has no backends') && label.includes('unreachable'), `badge: ${label}`);
      await page.hover(badge);
      assert(await page.isVisible(`${badge} [role="tooltip"]`), 'tooltip not shown on hover');
      await screenshot(page, 'editor-problem');
    },

    'help overlay lists shortcuts; every button has an accessible name': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.keyboard.press('?');
      await page.waitForSelector('[data-testid="help"]');
      assert((await page.textContent('[data-testid="help"]'))?.includes('Undo'), 'help lacks shortcuts');
      await screenshot(page, 'editor-help');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="help"]', { state: 'detached' });
      await page.click('[data-testid="help-button"]');
      await page.waitForSelector('[data-testid="help"]');
      await page.keyboard.press('Escape');
      await page.click('[data-testid="library-button"]');
      await selectNode(page, 'api');
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('button')]
          .filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim() || b.getAttribute('title')))
          .map((b) => b.outerHTML.slice(0, 120)),
      );
      assert(unnamed.length === 0, `buttons without a name: ${unnamed.join(' | ')}`);
    },

    'library: new, rename, duplicate and delete (with confirmation)': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await newDesign(page);
      await page.click('[data-testid="library-button"]');
      // The new design is listed once its first autosave lands (it can trail the click by a frame).
      const listed = await page
        .waitForFunction(() => document.querySelectorAll('[data-testid="library-entry"]').length === 2, null, { timeout: 5000 })
        .then(
          () => true,
          () => false,
        );
      assert(listed, `expected the sample and the new design, saw ${await page.locator('[data-testid="library-entry"]').count()}`);
      await page.click('[aria-label="Rename Untitled design"]');
      await page.fill('[aria-label="New name"]', 'Checkout');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="design-title"]:text-is("Checkout")');
      await page.click('[aria-label="Duplicate Checkout"]');
      await page.waitForSelector('[data-testid="design-title"]:text-is("Checkout (copy)")');
      await page.click('[data-testid="library-button"]');
      await page.click('[aria-label="Delete Checkout (copy)"]');
      assert(await page.isVisible('[data-testid="library-confirm-delete"]'), 'no confirmation');
      await screenshot(page, 'editor-library');
      await page.click('[data-testid="library-confirm-delete"]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="library-entry"]').length === 2);
      const title = await page.textContent('[data-testid="design-title"]');
      assert(title !== 'Checkout (copy)', 'deleted design still open');
    },

    'a damaged saved design is reported in a banner and left in storage': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      const id = await page.evaluate(() => localStorage.getItem('archsim:current'));
      await page.evaluate((k) => localStorage.setItem(`archsim:design:${k}`, '{"version":1,"nodes":[{"id":"x","kind":"warp"}]}'), id);
      await page.reload();
      await page.waitForSelector('[data-testid="banner-restore"]');
      const text = await page.textContent('[data-testid="banner-restore"]');
      assert(text?.includes('could not be opened') && text.includes('node "x"'), `banner: ${text}`);
      const kept = await page.evaluate((k) => localStorage.getItem(`archsim:design:${k}`), id);
      assert(kept?.includes('warp'), 'the damaged design was overwritten');
      assert((await page.locator('.react-flow__node').count()) === 5, 'the sample should be open instead');
      await screenshot(page, 'editor-damaged');
    },

    'done when: client → LB → 3 services → database, over capacity at 2,000 req/s, fixed, survives reload': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await newDesign(page);
      for (const k of ['client', 'loadBalancer', 'service', 'service', 'service', 'database']) await addByClick(page, k);
      await screenshot(page, 'editor-done-when-placed');
      await connect(page, 'client', 'loadBalancer');
      for (const s of ['service', 'service-2', 'service-3']) {
        await connect(page, 'loadBalancer', s);
        await connect(page, s, 'database');
      }
      await page.click('[data-testid="auto-layout"]');
      await page.waitForTimeout(600);

      await selectNode(page, 'client');
      await page.fill('[data-testid="inspector"] [data-testid="field-params.rateRps"]', '2000');
      for (const s of ['service', 'service-2', 'service-3']) {
        await selectNode(page, s);
        await page.fill('[data-testid="inspector"] [data-testid="field-params.workers"]', '40');
      }
      await selectNode(page, 'database');
      await page.fill('[data-testid="inspector"] [data-testid="field-params.readTime.meanMs"]', '12');
      // 2,000 req/s × (0.8·12 + 0.2·10) ms = 23.2 busy connections > 20: over capacity.
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="node-database"] [data-testid="load"]')?.getAttribute('data-rho')) >= 1,
      );
      assert((await page.locator(`${node('database')}.tone-over`).count()) === 1, 'database not red');
      assert(await page.isVisible(`${node('database')} .arch-node-alert`), 'no over-capacity warning');
      await page.click('.react-flow__pane', { position: { x: 30, y: 30 } });
      await screenshot(page, 'editor-done-when-over');

      await selectNode(page, 'database');
      await page.fill('[data-testid="inspector"] [data-testid="field-params.poolSize"]', '60');
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="node-database"] [data-testid="load"]')?.getAttribute('data-rho')) < 0.7,
      );
      assert((await page.locator(`${node('database')}.tone-ok`).count()) === 1, 'database not green after the fix');

      await page.reload();
      await ready(page);
      assert((await page.locator('.react-flow__node').count()) === 6, 'nodes lost on reload');
      assert((await page.locator('.react-flow__edge').count()) === 7, 'edges lost on reload');
      const r = await rho(page, 'database');
      assert(r < 0.7, `database ρ after reload: ${r}`);
      await screenshot(page, 'editor-done-when-fixed');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
    },
  },
} satisfies Spec;
