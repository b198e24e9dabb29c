/**
 * The engine as the app ships it: the production build's simulation worker bundle
 * (dist/assets/sim.worker-*.js) running in headless Chromium, launched exactly as the browser
 * tests launch it (tests/e2e/harness.ts: `vite preview` on 127.0.0.1, playwright-core), and
 * driven by the worker's own batch `job` message, so what runs is byte for byte what a user's
 * browser runs. Used by `npm run bench` and by the bundle-speed guard in tests/e2e/bundle.spec.ts.
 *
 * @example
 *   const runner = await bundleRunnerStart({ build: 'auto', port: 4319 });
 *   const r = await runner.run(doc, { seed: 1, durationS: 600 }); // { events, wallMs }
 *   await runner.close();
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ArchDocument } from '../src/model/index.ts';
import { ROOT, openBrowser, startServer, type Browser, type Server } from '../tests/e2e/harness.ts';

/**
 * The shipped bundle must run M/M/1 at ≥ this fraction of the same engine's events/s in Node
 * (fastest run of each). Measured here: 0.67–0.86× on M/M/1 (Chromium's V8 is not Node 20's),
 * 0.89–0.93× on the webhook design. The engine compiled with other class-field semantics once
 * ran 3× slower, which would put the bundle near 0.25×; 0.5 leaves room for a loaded machine.
 */
export const BUNDLE_RATIO_FLOOR = 0.5;

export interface BundleRun {
  events: number;
  wallMs: number;
}

export interface BundleRunner {
  /** dist/assets/sim.worker-….js */
  bundle: string;
  /** Whether this call rebuilt dist/ (it was missing or older than the sources). */
  built: boolean;
  /** One whole run in the bundle's worker; `wallMs` is the engine's own clock, as in Node. */
  run: (doc: ArchDocument, opts: { seed: number; durationS?: number; traces?: boolean }) => Promise<BundleRun>;
  close: () => Promise<void>;
}

/** The worker bundle's path under dist/, or null when there is no build. */
export function workerBundlePath(): string | null {
  const dir = join(ROOT, 'dist/assets');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => /^sim\.worker-[\w-]+\.js$/.test(f));
  if (files.length > 1) throw new Error(`several worker bundles in dist/assets (${files.join(', ')}): run vite build`);
  return files[0] ? `assets/${files[0]}` : null;
}

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** dist/ is older than anything the build reads. */
function distStale(bundle: string | null): boolean {
  if (!bundle) return true;
  const built = statSync(join(ROOT, 'dist', bundle)).mtimeMs;
  const inputs = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'].map((p) => join(ROOT, p)).filter(existsSync);
  return Math.max(...inputs.map(newestMtime)) > built;
}

export async function bundleRunnerStart(opts: { build: 'auto' | 'always' | 'never'; port: number }): Promise<BundleRunner> {
  let bundle = workerBundlePath();
  let built = false;
  if (opts.build === 'always' || (opts.build === 'auto' && distStale(bundle))) {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error('vite build failed');
    bundle = workerBundlePath();
    built = true;
  }
  if (!bundle) throw new Error('no dist/assets/sim.worker-*.js: run vite build');
  const server: Server = await startServer(opts.port);
  let browser: Browser;
  try {
    browser = await openBrowser(server.url);
  } catch (e) {
    server.stop();
    throw e;
  }
  const page: Page = browser.page;
  const url = bundle;
  return {
    bundle,
    built,
    // A string, not a function: no transpiler helpers in the page.
    run: (doc, o) =>
      page.evaluate(`new Promise((resolve, reject) => {
      const w = window.__benchWorker ??= new Worker(${JSON.stringify(url)}, { type: 'module' });
      w.onerror = (e) => reject(new Error('worker: ' + e.message));
      w.onmessage = (e) => {
        if (e.data.type === 'jobError') reject(new Error(e.data.message));
        if (e.data.type === 'jobDone') resolve({ events: e.data.result.events, wallMs: e.data.result.wallMs });
      };
      w.postMessage({ type: 'job', runId: 1, job: 0, spec: ${JSON.stringify({ doc, seed: o.seed, durationS: o.durationS, traces: o.traces ?? false })} });
    })`),
    close: async () => {
      await browser.close().catch(() => {});
      server.stop();
    },
  };
}
