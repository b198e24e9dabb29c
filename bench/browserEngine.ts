/**
 * The engine as the app ships it: the production build's simulation worker bundle
 * (dist/assets/sim.worker-*.js) running in headless Chromium, launched exactly as the browser
 * tests launch it (tests/e2e/harness.ts: `vite preview` on 127.0.0.1, playwright-core), and
 * driven by the worker's own batch `job` message, so what runs is byte for byte what a user's
 * browser runs. Used by `npm run bench` and by the bundle-speed guard in tests/e2e/bundle.spec.ts.
 *
 * The browser is driven from a child process (bench/bundleDriver.ts), never from the process
 * that measures the engine in Node: with playwright-core loaded beside it, the engine ran 20–25 %
 * slower in Node (M/M/1 6.6–7.1 M events/s against 8.6–9.1 M; the same with typescript or elkjs
 * loaded instead), while the bare loop did not move. The CLI and the app's worker load neither,
 * so that figure was not the one a user gets. This module imports no browser code.
 *
 * @example
 *   const runner = await bundleRunnerStart({ build: 'auto', port: 4319 });
 *   const r = await runner.run(doc, { seed: 1, durationS: 600 }); // { events, wallMs }
 *   await runner.close();
 */
import { spawnSync, fork } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchDocument } from '../src/model/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/**
 * The shipped bundle must run M/M/1 at ≥ this fraction of the same engine's events/s in Node
 * (fastest run of each). Measured by `npm run bench` (Node in its own clean process): 0.70–0.82×
 * on M/M/1 (Chromium's V8 is not Node 20's), 0.77–0.90× on the webhook design. The browser tests'
 * guard compares against Node in their own process, with playwright-core loaded (see above), so
 * it reads higher there. The engine compiled with other class-field semantics once ran 3×
 * slower, which would put the bundle near 0.25×; 0.5 leaves room for a loaded machine.
 */
export const BUNDLE_RATIO_FLOOR = 0.5;

export interface BundleRun {
  events: number;
  wallMs: number;
}

export interface BundleRunOptions {
  seed: number;
  durationS?: number;
  traces?: boolean;
}

export interface BundleRunner {
  /** dist/assets/sim.worker-….js */
  bundle: string;
  /** Whether this call rebuilt dist/ (it was missing or older than the sources). */
  built: boolean;
  /** One whole run in the bundle's worker; `wallMs` is the engine's own clock, as in Node. */
  run: (doc: ArchDocument, opts: BundleRunOptions) => Promise<BundleRun>;
  close: () => Promise<void>;
}

/**
 * The page script that runs one batch job in a worker of the bundle at `url` and resolves to
 * its { events, wallMs }. `slot` is where the page keeps that worker between runs (e.g.
 * "window.__benchWorker"); it is created there on first use. A string, not a function, so no
 * transpiler helpers reach the page.
 */
export function bundleJobScript(slot: string, url: string, doc: ArchDocument, o: BundleRunOptions): string {
  const spec = JSON.stringify({ doc, seed: o.seed, durationS: o.durationS, traces: o.traces ?? false });
  return `new Promise((resolve, reject) => {
    const w = ${slot} ??= new Worker(${JSON.stringify(url)}, { type: 'module' });
    w.onerror = (e) => reject(new Error('worker: ' + e.message));
    w.onmessage = (e) => {
      if (e.data.type === 'jobError') reject(new Error(e.data.message));
      if (e.data.type === 'jobDone') resolve({ events: e.data.result.events, wallMs: e.data.result.wallMs });
    };
    w.postMessage({ type: 'job', runId: 1, job: 0, spec: ${spec} });
  })`;
}

/** Messages between bundleRunnerStart and its driver process (bench/bundleDriver.ts). */
export type DriverRequest = { type: 'run'; id: number; doc: ArchDocument; opts: BundleRunOptions } | { type: 'close' };
export type DriverReply =
  | { type: 'ready'; bundle: string; built: boolean }
  | { type: 'result'; id: number; run: BundleRun }
  | { type: 'error'; id: number; message: string };

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

/** Build dist/ if asked or stale; returns the worker bundle's path under dist/ and whether it was built now. */
export function bundleEnsure(build: 'auto' | 'always' | 'never'): { bundle: string; built: boolean } {
  let bundle = workerBundlePath();
  let built = false;
  if (build === 'always' || (build === 'auto' && distStale(bundle))) {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error('vite build failed');
    bundle = workerBundlePath();
    built = true;
  }
  if (!bundle) throw new Error('no dist/assets/sim.worker-*.js: run vite build');
  return { bundle, built };
}

/**
 * Start the driver process (it builds dist/ if needed, serves it and opens Chromium) and resolve
 * once the page is up. Runs go one at a time, in the order asked.
 */
export function bundleRunnerStart(opts: { build: 'auto' | 'always' | 'never'; port: number }): Promise<BundleRunner> {
  // The same Node flags as this process (tsx's loader when run through tsx).
  const child = fork(join(ROOT, 'bench/bundleDriver.ts'), [opts.build, String(opts.port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: BundleRun) => void; reject: (e: Error) => void }>();
  let failed: Error | null = null;
  const failAll = (e: Error) => {
    failed = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  return new Promise((resolveStart, rejectStart) => {
    child.on('exit', (code) => {
      const e = new Error(`the browser driver exited (code ${code})`);
      rejectStart(e);
      failAll(e);
    });
    child.on('message', (m: DriverReply) => {
      if (m.type === 'ready') {
        resolveStart({
          bundle: m.bundle,
          built: m.built,
          run: (doc, o) => {
            if (failed) return Promise.reject(failed);
            const id = nextId++;
            return new Promise((resolve, reject) => {
              pending.set(id, { resolve, reject });
              child.send({ type: 'run', id, doc, opts: o } satisfies DriverRequest);
            });
          },
          close: () =>
            new Promise((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.send({ type: 'close' } satisfies DriverRequest);
            }),
        });
        return;
      }
      if (m.id === 0) {
        rejectStart(new Error(m.type === 'error' ? m.message : 'the browser driver failed to start'));
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.run);
      else p.reject(new Error(m.message));
    });
  });
}
