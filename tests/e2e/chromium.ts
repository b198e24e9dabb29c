/**
 * Finding Chromium for the browser tests. On a fresh machine without it, `npm test` must end
 * with one clear line saying what to do (or, as root on Debian, install it the way `.ci/run`
 * does), never with Playwright's stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type ChromiumPlan = { action: 'use'; path: string } | { action: 'install'; path: string } | { action: 'stop'; message: string };

/** What to do, given where Chromium should be and what the machine is (pure, for tests). */
export function chromiumPlan(m: {
  envPath: string | undefined;
  exists: (p: string) => boolean;
  debian: boolean;
  root: boolean;
}): ChromiumPlan {
  if (m.envPath) {
    return m.exists(m.envPath)
      ? { action: 'use', path: m.envPath }
      : {
          action: 'stop',
          message: `Browser tests: CHROMIUM_PATH is ${m.envPath}, which does not exist. Point it at a Chromium binary, or unset it to use ${DEFAULT_CHROMIUM}.`,
        };
  }
  if (m.exists(DEFAULT_CHROMIUM)) return { action: 'use', path: DEFAULT_CHROMIUM };
  if (m.debian && m.root) return { action: 'install', path: DEFAULT_CHROMIUM };
  return {
    action: 'stop',
    message: `Browser tests need Chromium, and there is none at ${DEFAULT_CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary, then run npm test again.`,
  };
}

/** The Chromium binary to drive, installing it on Debian as root; prints one line and exits 1 when there is none. */
export function ensureChromium(): string {
  const plan = chromiumPlan({
    envPath: process.env.CHROMIUM_PATH || undefined,
    exists: existsSync,
    debian: existsSync('/etc/debian_version'),
    root: process.getuid?.() === 0,
  });
  if (plan.action === 'use') return plan.path;
  if (plan.action === 'stop') {
    console.error(plan.message);
    process.exit(1);
  }
  console.log("Browser tests need Chromium: installing it from Debian's packages (apt-get install chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok =
    spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
  if (!ok || !existsSync(plan.path)) {
    console.error(
      `Browser tests need Chromium, and installing it failed (apt-get install chromium). Install it yourself, or set CHROMIUM_PATH to a Chromium binary, then run npm test again.`,
    );
    process.exit(1);
  }
  return plan.path;
}
