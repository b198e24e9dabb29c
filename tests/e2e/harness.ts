/**
 * Browser-test harness: serves the built app (dist/) with `vite preview` on 127.0.0.1 and
 * drives Debian's Chromium through playwright-core. Each spec gets a fresh profile.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_CHROMIUM } from './chromium.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Server {
  url: string;
  stop: () => void;
}

/** A TCP port nothing listens on now: `port`, or one the OS picks when it is 0. Rejects when `port` is taken. */
export function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (e) => reject(new Error(`port ${port} is taken (${(e as Error).message}): another preview or test run may hold it`)));
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `vite preview` of dist/ on `port` (0: a free port, so two checkouts can test at once). A taken
 * port fails at once: the loop below would otherwise reach whatever server already listens
 * there and test another checkout's build.
 */
export async function startServer(requested: number): Promise<Server> {
  const port = await freePort(requested);
  let exited: number | null = null;
  const proc: ChildProcess = spawn(
    join(ROOT, 'node_modules/.bin/vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.once('exit', (code) => {
    exited = code ?? -1;
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== null) throw new Error(`vite preview exited (code ${exited}) before serving ${url}: is port ${port} taken?`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill();
      throw new Error(`vite preview did not start on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, stop: () => proc.kill() };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  errors: string[];
  requests: string[];
  close: () => Promise<void>;
}

/** A fresh persistent profile; collects console errors, page errors and every request URL. */
export async function openBrowser(baseUrl: string, profileDir?: string): Promise<Browser> {
  const dir = profileDir ?? mkdtempSync(join(tmpdir(), 'archsim-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(baseUrl);
  return {
    context,
    page,
    errors,
    requests,
    close: async () => {
      await context.close();
      if (!profileDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
