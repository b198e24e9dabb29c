/**
 * Runs every tests/e2e/*.spec.ts against the built app. A spec default-exports
 * `{ name, tests: Record<string, (ctx) => Promise<void>> }`; each test gets a fresh browser profile.
 * Prints "N passed, N failed" and exits non-zero on any failure.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, openBrowser, type Browser, type Server } from './harness.ts';
import { ensureChromium } from './chromium.ts';

export interface TestContext {
  server: Server;
  browser: Browser;
  openFresh: () => Promise<Browser>;
}
export interface Spec {
  name: string;
  tests: Record<string, (ctx: TestContext) => Promise<void>>;
}

const filter = process.argv[2];
process.env.CHROMIUM_PATH = ensureChromium();
const dir = join(ROOT, 'tests/e2e');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.spec.ts'))
  .sort();
const server = await startServer(Number(process.env.E2E_PORT ?? 0));
let passed = 0;
let failed = 0;
// Chromium that is there but cannot start (missing libraries, a broken binary): one line, no stack trace.
try {
  const probe = await openBrowser(server.url);
  await probe.close();
} catch (e) {
  server.stop();
  console.error(
    `Browser tests: Chromium at ${process.env.CHROMIUM_PATH} did not start (${(e as Error).message.split('\n')[0]}). Reinstall it (Debian: apt-get install --reinstall chromium) or set CHROMIUM_PATH to another binary.`,
  );
  process.exit(1);
}
try {
  for (const file of files) {
    const spec = (await import(join(dir, file))).default as Spec;
    for (const [name, fn] of Object.entries(spec.tests)) {
      const full = `${spec.name} › ${name}`;
      if (filter && !full.includes(filter)) continue;
      const extra: Browser[] = [];
      const browser = await openBrowser(server.url);
      const t0 = Date.now();
      try {
        await fn({
          server,
          browser,
          openFresh: async () => {
            const b = await openBrowser(server.url);
            extra.push(b);
            return b;
          },
        });
        passed++;
        console.log(`  ✓ ${full} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${full}\n    ${(e as Error).stack?.split('\n').slice(0, 6).join('\n    ')}`);
      } finally {
        for (const b of [browser, ...extra]) await b.close().catch(() => {});
      }
    }
  }
} finally {
  server.stop();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
