/**
 * The browser side of bench/browserEngine.ts, in its own process (forked by bundleRunnerStart):
 * builds dist/ if needed, serves it as the browser tests do, opens Chromium, and runs each
 * requested job in the production worker bundle. Replies go back over the IPC channel.
 *   argv: <auto|always|never> <port, 0 = any free one>
 */
import type { Page } from 'playwright-core';
import { openBrowser, startServer, type Browser, type Server } from '../tests/e2e/harness.ts';
import { bundleEnsure, bundleJobScript, type BundleRun, type DriverReply, type DriverRequest } from './browserEngine.ts';

const reply = (m: DriverReply) => process.send!(m);
const [build, port] = process.argv.slice(2) as ['auto' | 'always' | 'never', string];

let server: Server | null = null;
let browser: Browser | null = null;
let closed = false;
const close = async () => {
  if (closed) return;
  closed = true;
  await browser?.close().catch(() => {});
  server?.stop();
  if (process.connected) process.disconnect();
};
// The bench ended without closing (an error, ^C): do not leave Chromium and the server behind.
process.on('disconnect', () => void close());

try {
  const { bundle, built } = bundleEnsure(build);
  server = await startServer(Number(port));
  browser = await openBrowser(server.url);
  const page: Page = browser.page;
  let queue = Promise.resolve();
  process.on('message', (m: DriverRequest) => {
    if (m.type === 'close') {
      queue = queue.then(close);
      return;
    }
    // One at a time, in order: a run measured while another runs would not be a measurement.
    queue = queue.then(async () => {
      try {
        const run = (await page.evaluate(bundleJobScript('window.__benchWorker', bundle, m.doc, m.opts))) as BundleRun;
        reply({ type: 'result', id: m.id, run });
      } catch (e) {
        reply({ type: 'error', id: m.id, message: (e as Error).message.split('\n')[0]! });
      }
    });
  });
  reply({ type: 'ready', bundle, built });
} catch (e) {
  reply({ type: 'error', id: 0, message: (e as Error).message.split('\n')[0]! });
  await close();
  process.exitCode = 1;
}
