/**
 * Drawing, reading and editing on the canvas (issue 14), at 1600 × 1000: undo inside a field,
 * layout of imported designs, connecting by dropping on a card, dialogs and the keyboard,
 * legible templates, what source cards show after a run. Assertions read what is on screen.
 */
import type { Page } from 'playwright-core';
import type { Spec } from './run.ts';
import { assert, screenshot } from './harness.ts';

const node = (id: string) => `[data-testid="node-${id}"]`;
const inspector = '[data-testid="inspector"]';

async function ready(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
}

/** Import `doc` through File › Import and wait until it is framed. */
async function importDoc(page: Page, doc: unknown, name = 'design.json'): Promise<void> {
  const before = await page.getAttribute('.app', 'data-opened');
  await page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="design-title"]')?.textContent === t,
    (doc as { title: string }).title,
  );
  await page.waitForFunction((n) => document.querySelector('.app')?.getAttribute('data-opened') !== n, before);
  await page.waitForSelector('.app[data-settled="true"]');
}

async function selectNode(page: Page, id: string): Promise<void> {
  await page.click(`${node(id)} .arch-node-label`);
  await page.waitForSelector(`${inspector} .inspector-id code:text-is("${id}")`);
}

/** Screen boxes of every card. */
async function cardBoxes(page: Page): Promise<{ id: string; x: number; y: number; w: number; h: number }[]> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-id') ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

async function canvasBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await page.locator('[data-testid="canvas"]').boundingBox();
  assert(b, 'no canvas');
  return b;
}

async function zoom(page: Page): Promise<number> {
  const t = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /scale\(([\d.]+)\)/.exec(t);
  assert(m, `no zoom in ${t}`);
  return Number(m[1]);
}

/** Two screen boxes overlap (with `pad` px of slack). */
const intersects = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }, pad = 0) =>
  a.x + pad < b.x + b.w && b.x + pad < a.x + a.w && a.y + pad < b.y + b.h && b.y + pad < a.y + a.h;

async function boxesOf(page: Page, selector: string): Promise<{ id: string; x: number; y: number; w: number; h: number }[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-testid') ?? el.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

async function runToEnd(page: Page): Promise<void> {
  await page.click('[data-testid="run-button"]');
  await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="results"][data-phase="final"]');
}

const workersField = `${inspector} [data-testid="field-params.workers"]`;

export default {
  name: 'canvas',
  tests: {
    'Ctrl+Z in a field undoes the edit, and the Undo / Redo buttons then agree with it': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await selectNode(page, 'api');
      assert((await page.inputValue(workersField)) === '32', 'api should start with 32 workers');
      await page.click(workersField);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('50');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="node-api"] .arch-node-params')?.textContent?.startsWith('50 workers'),
      );
      await page.keyboard.press('Control+Z');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="node-api"] .arch-node-params')?.textContent?.startsWith('32 workers'),
      );
      assert((await page.inputValue(workersField)) === '32', `field after Ctrl+Z: ${await page.inputValue(workersField)}`);
      // Typing "50" was one step: nothing is left to undo, and the browser's text undo did not commit anything.
      assert(await page.isDisabled('[data-testid="undo"]'), 'Undo should have nothing left after undoing the only edit');
      await page.click('[data-testid="redo"]');
      await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === '50', workersField);
      await page.click('[data-testid="undo"]');
      await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === '32', workersField);
      assert(
        (await page.textContent(`${node('api')} .arch-node-params`))?.startsWith('32 workers'),
        'card should read 32 workers after Undo',
      );
    },

    'an import without positions is laid out with no overlapping cards and fits the view': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      const nodes: unknown[] = [{ id: 'c', kind: 'client' }];
      const edges: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        nodes.push({ id: `s${i}`, kind: 'service' });
        edges.push({ id: `c-s${i}`, source: 'c', target: `s${i}` });
        for (let j = 0; j < 6; j++) {
          nodes.push({ id: `d${i}-${j}`, kind: 'database' });
          edges.push({ id: `s${i}-d${i}-${j}`, source: `s${i}`, target: `d${i}-${j}` });
        }
      }
      await importDoc(page, { version: 1, title: 'Fifty without positions', nodes, edges }, 'fifty.json');
      const boxes = await cardBoxes(page);
      assert(boxes.length === 50, `expected 50 cards, got ${boxes.length}`);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!,
            b = boxes[j]!;
          assert(!(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h), `cards ${a.id} and ${b.id} overlap`);
        }
      const c = await canvasBox(page);
      for (const b of boxes)
        assert(b.x >= c.x && b.y >= c.y && b.x + b.w <= c.x + c.width && b.y + b.h <= c.y + c.height, `card ${b.id} is outside the view`);
      await screenshot(page, 'canvas-import-fifty');
      // The layout is part of opening the file, not an edit.
      assert(await page.isDisabled('[data-testid="undo"]'), 'the layout of an opened file should not be undoable');
    },

    'dropping a connection on the body of a card connects': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await importDoc(page, {
        version: 1,
        title: 'Two cards',
        nodes: [
          { id: 'client', kind: 'client', position: { x: 0, y: 0 } },
          { id: 'svc', kind: 'service', position: { x: 420, y: 60 } },
        ],
      });
      assert((await zoom(page)) <= 1, `a small design opened at zoom ${await zoom(page)}`);
      await page.click('[data-testid="canvas"]', { position: { x: 20, y: 20 } });
      await page.keyboard.press('f');
      await page.waitForTimeout(400);
      assert((await zoom(page)) <= 1, `Fit zoomed a small design to ${await zoom(page)}`);
      const s = await page.locator(`${node('client')} .react-flow__handle.source`).boundingBox();
      const body = await page.locator(`${node('svc')} .arch-node-params`).boundingBox();
      const handle = await page.locator(`${node('svc')} .react-flow__handle.target`).boundingBox();
      assert(s && body && handle, 'handles or card not found');
      const to = { x: body.x + body.width * 0.7, y: body.y + body.height / 2 };
      assert(
        Math.hypot(to.x - (handle.x + handle.width / 2), to.y - (handle.y + handle.height / 2)) > 60,
        'the drop point should be far from the target handle',
      );
      await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
      await page.mouse.down();
      await page.mouse.move((s.x + to.x) / 2, (s.y + to.y) / 2, { steps: 6 });
      await page.mouse.move(to.x, to.y, { steps: 6 });
      await page.mouse.up();
      await page.waitForSelector('.react-flow__edge', { timeout: 3000 });
      assert((await page.locator('.react-flow__edge').count()) === 1, 'expected one call');
      await page.waitForSelector(`${inspector} .inspector-kind:text-is("Call")`);
      assert(
        (await page.getAttribute(`${node('svc')} [data-testid="load"]`, 'data-lambda')) === '100',
        'the service should now receive the client’s 100 req/s',
      );
      // The call's label selects it, like the line does.
      await page.keyboard.press('Escape');
      await page.waitForSelector(`${inspector} .inspector-kind:text-is("Call")`, { state: 'detached' });
      await page.click('.arch-edge-label');
      await page.waitForSelector(`${inspector} .inspector-kind:text-is("Call")`);
    },

    'Escape closes Templates and gives focus back to the Templates button': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.click('[data-testid="templates-button"]');
      await page.waitForSelector('[data-testid="gallery"]');
      assert(
        await page.evaluate(() => document.querySelector('[data-testid="gallery"]')?.contains(document.activeElement) ?? false),
        'focus should move into the dialog',
      );
      // Tab stays inside the dialog.
      for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
      assert(
        await page.evaluate(() => document.querySelector('[data-testid="gallery"]')?.contains(document.activeElement) ?? false),
        'Tab left the dialog',
      );
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="gallery"]', { state: 'detached', timeout: 2000 });
      assert(
        await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'templates-button'),
        'focus should return to the Templates button',
      );
      // Other dialogs too: help and share.
      await page.keyboard.press('?');
      await page.waitForSelector('[data-testid="help"]');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="help"]', { state: 'detached', timeout: 2000 });
      await page.click('[data-testid="share-button"]');
      await page.waitForSelector('[data-testid="share-dialog"]');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="share-dialog"]', { state: 'detached', timeout: 2000 });
    },

    'every template opens with card text at 11 px or more on screen': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.click('[data-testid="templates-button"]');
      const ids = await page.$$eval('[data-testid^="template-"]', (els) =>
        els.map((e) => e.getAttribute('data-testid')!.slice('template-'.length)),
      );
      await page.keyboard.press('Escape');
      assert(ids.length >= 8, `expected the 8 templates, found ${ids.length}`);
      for (const id of ids) {
        const before = await page.getAttribute('.app', 'data-opened');
        await page.click('[data-testid="templates-button"]');
        await page.click(`[data-testid="template-${id}"]`);
        await page.waitForSelector('[data-testid="gallery"]', { state: 'detached' });
        await page.waitForFunction((n) => document.querySelector('.app')?.getAttribute('data-opened') !== n, before);
        await page.waitForSelector('.app[data-settled="true"] .react-flow__node');
        const z = await zoom(page);
        const smallest = await page.locator('.arch-node').evaluateAll((cards) => {
          let min = Infinity;
          for (const card of cards) {
            const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
              if (!t.textContent?.trim() || !t.parentElement || t.parentElement.closest('[role="tooltip"]')) continue;
              min = Math.min(min, parseFloat(getComputedStyle(t.parentElement).fontSize));
            }
          }
          return min;
        });
        await screenshot(page, `canvas-template-${id}`);
        assert(
          smallest * z >= 11,
          `${id}: smallest card text ${smallest} px × zoom ${z.toFixed(3)} = ${(smallest * z).toFixed(2)} px on screen`,
        );
        assert(z <= 1, `${id}: opened zoomed past 1× (${z})`);
        // The design starts in view: its leftmost card is on screen.
        const c = await canvasBox(page);
        const boxes = await cardBoxes(page);
        const left = boxes.reduce((a, b) => (b.x < a.x ? b : a));
        assert(left.x >= c.x && left.x + left.w <= c.x + c.width, `${id}: the first card is off-screen`);
        // Call labels sit between the cards, not under them.
        // No call runs under a card other than its own two ends.
        const under = await page.evaluate(() => {
          const cards = [...document.querySelectorAll('.react-flow__node')].map((n) => ({
            id: n.getAttribute('data-id'),
            r: n.getBoundingClientRect(),
          }));
          const out: string[] = [];
          for (const g of document.querySelectorAll('.react-flow__edge')) {
            const [, from, to] = /Edge from (\S+) to (\S+)/.exec(g.getAttribute('aria-label') ?? '') ?? [];
            const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
            const m = path?.getScreenCTM();
            if (!path || !m) continue;
            const len = path.getTotalLength();
            for (let k = 1; k < 40; k++) {
              const p = new DOMPoint(path.getPointAtLength((len * k) / 40).x, path.getPointAtLength((len * k) / 40).y).matrixTransform(m);
              const hit = cards.find(
                (c) =>
                  c.id !== from && c.id !== to && p.x > c.r.left + 2 && p.x < c.r.right - 2 && p.y > c.r.top + 2 && p.y < c.r.bottom - 2,
              );
              if (hit) {
                out.push(`${from} → ${to} under ${hit.id}`);
                break;
              }
            }
          }
          return out;
        });
        assert(under.length === 0, `${id}: ${under.join('; ')}`);
        const labels = await boxesOf(page, '.arch-edge-label');
        for (const [i, label] of labels.entries()) {
          const hit = boxes.find((b) => intersects(label, b, 1));
          assert(!hit, `${id}: call label ${label.id} is covered by card ${hit?.id}`);
          const other = labels.slice(i + 1).find((l) => intersects(label, l, 1));
          assert(!other, `${id}: call labels ${label.id} and ${other?.id} overlap`);
        }
      }
    },

    'an empty canvas says what to do, and click-to-add puts every card in a free spot in view': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.click('[data-testid="library-button"]');
      await page.click('[data-testid="library-new"]');
      await page.waitForSelector('[data-testid="canvas-empty"]');
      const text = (await page.textContent('[data-testid="canvas-empty"]')) ?? '';
      assert(/Drag a component/.test(text) && /template/i.test(text), `empty canvas says “${text}”`);
      await screenshot(page, 'canvas-empty');
      for (let i = 0; i < 10; i++) {
        await page.click('[data-testid="palette-service"]');
        await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, i + 1);
      }
      assert(
        (await page.locator('[data-testid="canvas-empty"]').count()) === 0,
        'the empty-canvas guidance should go once there is a card',
      );
      const boxes = await cardBoxes(page);
      const c = await canvasBox(page);
      for (let i = 0; i < boxes.length; i++) {
        const a = boxes[i]!;
        assert(a.x >= c.x && a.y >= c.y && a.x + a.w <= c.x + c.width && a.y + a.h <= c.y + c.height, `card ${a.id} was added off-screen`);
        for (let j = i + 1; j < boxes.length; j++) assert(!intersects(a, boxes[j]!), `cards ${a.id} and ${boxes[j]!.id} overlap`);
      }
      await screenshot(page, 'canvas-click-to-add');
      // The empty-canvas button opens the templates.
      await page.click('[data-testid="library-button"]');
      await page.click('[data-testid="library-new"]');
      await page.click('[data-testid="empty-templates"]');
      await page.waitForSelector('[data-testid="gallery"]');
    },

    'several selected nodes of one kind are edited together, in one undo step': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await importDoc(page, {
        version: 1,
        title: 'Three services',
        nodes: [
          { id: 'c', kind: 'client', position: { x: 0, y: 160 } },
          { id: 'a', kind: 'service', label: 'A', position: { x: 360, y: 0 }, params: { workers: 2 } },
          { id: 'b', kind: 'service', label: 'B', position: { x: 360, y: 160 }, params: { workers: 4 } },
          { id: 'd', kind: 'service', label: 'D', position: { x: 360, y: 320 }, params: { workers: 4 } },
        ],
        edges: [
          { id: 'c-a', source: 'c', target: 'a' },
          { id: 'c-b', source: 'c', target: 'b' },
          { id: 'c-d', source: 'c', target: 'd' },
        ],
      });
      await page.click(`${node('a')} .arch-node-label`);
      await page.click(`${node('b')} .arch-node-label`, { modifiers: ['Control'] });
      await page.click(`${node('d')} .arch-node-label`, { modifiers: ['Control'] });
      await page.waitForSelector('[data-testid="multi-inspector"]');
      assert(
        (await page.inputValue(workersField)) === '' && (await page.getAttribute(workersField, 'placeholder')) === 'mixed',
        'differing workers should show as mixed',
      );
      await screenshot(page, 'canvas-bulk-edit');
      await page.click(workersField);
      await page.keyboard.type('16');
      for (const id of ['a', 'b', 'd'])
        await page.waitForFunction(
          (sel) => document.querySelector(sel)?.textContent?.startsWith('16 workers'),
          `${node(id)} .arch-node-params`,
        );
      await page.click('[data-testid="undo"]');
      for (const [id, w] of [
        ['a', 2],
        ['b', 4],
        ['d', 4],
      ] as const) {
        await page.waitForFunction(
          ([sel, n]) => document.querySelector(sel as string)?.textContent?.startsWith(`${n} workers`),
          [`${node(id)} .arch-node-params`, w],
        );
      }
      assert(await page.isDisabled('[data-testid="undo"]'), 'the bulk edit should have been a single undo step');
    },

    'the welcome banner names the open design and goes when another design opens': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      const text = (await page.textContent('[data-testid="banner-welcome"]')) ?? '';
      assert(text.includes('Webhook delivery'), `welcome says “${text}”`);
      await page.click('[data-testid="library-button"]');
      await page.click('[data-testid="library-new"]');
      await page.waitForSelector('[data-testid="banner-welcome"]', { state: 'detached', timeout: 2000 });
    },

    'the About dialog lists what the model simplifies': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await page.click('[data-testid="help-button"]');
      await page.click('[data-testid="about-button"]');
      await page.waitForSelector('[data-testid="about"]');
      const text = (await page.textContent('[data-testid="about"]')) ?? '';
      for (const w of ['Timeouts do not cancel work', 'at-least-once', 'equations']) assert(text.includes(w), `About lacks “${w}”`);
      await screenshot(page, 'canvas-about');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="about"]', { state: 'detached', timeout: 2000 });
    },

    'after a failure edit the run header says what changed in words, and many series fold into "others"': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      const nodes: unknown[] = [{ id: 'c', kind: 'client', position: { x: 0, y: 500 }, params: { rateRps: 400 } }];
      const edges: unknown[] = [];
      for (let i = 0; i < 10; i++) {
        nodes.push({
          id: `s${i}`,
          kind: 'service',
          label: `Service ${i}`,
          position: { x: 360, y: i * 140 },
          params: { workers: 1, serviceTime: { type: 'exponential', meanMs: 22 + i } },
        });
        edges.push({ id: `c-s${i}`, source: 'c', target: `s${i}`, params: { callProbability: 0.1, timeoutMs: 0 } });
      }
      await importDoc(page, {
        version: 1,
        title: 'Ten queues',
        nodes,
        edges,
        scenario: { durationS: 30, seed: 2, failures: [{ target: 's0', kind: 'down', atS: 10, durationS: 5 }] },
      });
      await runToEnd(page);
      const legend = '[data-testid="chart-queue"] .chart-legend';
      const items = await page.locator(`${legend} .legend-item`).allTextContents();
      assert(items.length <= 6 && items.some((t) => /others/.test(t)), `queue legend: ${items.join(' | ')}`);
      const clipped = await page
        .locator(legend)
        .evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
      assert(!clipped, 'the queue chart legend is clipped');
      await screenshot(page, 'canvas-many-series');
      await page.click('[data-testid="inspector"] [role="tab"]:has-text("Scenario")');
      await page.fill('[data-testid="field-failures.0.durationS"]', '8');
      await runToEnd(page);
      const meta = (await page.textContent('.results-meta')) ?? '';
      assert(/changed: failure down of Service 0 at 10–15 s: durationS 5 → 8/.test(meta), `run header: “${meta}”`);
      assert(!/[{}"[\]]/.test(meta), `raw JSON in the run header: “${meta}”`);
    },

    'client cards show what they sent after a run': async ({ browser }) => {
      const { page } = browser;
      await ready(page);
      await importDoc(page, {
        version: 1,
        title: 'Sent rate',
        nodes: [
          { id: 'web', kind: 'client', position: { x: 0, y: 0 }, params: { rateRps: 200 } },
          { id: 'mobile', kind: 'client', position: { x: 0, y: 200 }, params: { rateRps: 50 } },
          { id: 'svc', kind: 'service', position: { x: 360, y: 100 }, params: { workers: 8 } },
        ],
        edges: [
          { id: 'web-svc', source: 'web', target: 'svc' },
          { id: 'mobile-svc', source: 'mobile', target: 'svc' },
        ],
        scenario: { durationS: 20, seed: 3 },
      });
      await page.click('[data-testid="run-button"]');
      await page.waitForSelector('[data-testid="run-controls"][data-status="done"]', { timeout: 60_000 });
      for (const [id, rate] of [
        ['web', 200],
        ['mobile', 50],
      ] as const) {
        const strip = `${node(id)} [data-testid="run-overlay"]`;
        await page.waitForSelector(strip);
        const sent = Number(await page.getAttribute(strip, 'data-sent'));
        assert(sent > rate * 0.8 && sent < rate * 1.2, `${id} sent ${sent}/s, expected about ${rate}/s`);
        const text = await page.textContent(strip);
        assert(/sent \d/.test(text ?? '') && !/\b0\/s/.test(text ?? ''), `${id} strip reads “${text}”`);
      }
      // Every fact of a run strip stays inside its card; "ρ 0.69" stays on one line.
      for (const id of ['web', 'mobile', 'svc']) {
        const card = (await boxesOf(page, node(id)))[0]!;
        for (const part of await boxesOf(page, `${node(id)} .run-strip *`)) {
          assert(part.x >= card.x - 0.5 && part.x + part.w <= card.x + card.w + 0.5, `${id}: “${part.id}” sticks out of the card`);
        }
      }
      const rhoBox = (await boxesOf(page, `${node('svc')} .run-strip span:has-text("ρ")`))[0];
      assert(rhoBox && rhoBox.h < 20, `ρ wraps onto two lines (${rhoBox?.h} px high)`);
      // With the results dock open the minimap does not cover the cards.
      const cards = await cardBoxes(page);
      for (const m of await boxesOf(page, '.react-flow__minimap')) {
        assert(!cards.some((c) => intersects(m, c)), 'the minimap covers a card');
      }
      await screenshot(page, 'canvas-sent-rate');
    },
  },
} satisfies Spec;
