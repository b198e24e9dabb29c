import { describe, expect, it } from 'vitest';
import { chromiumPlan, DEFAULT_CHROMIUM } from '../e2e/chromium.ts';

const none = () => false;
const only = (p: string) => (q: string) => q === p;

describe('chromiumPlan', () => {
  it('uses CHROMIUM_PATH or the Debian binary when it is there', () => {
    expect(chromiumPlan({ envPath: '/opt/chrome', exists: only('/opt/chrome'), debian: false, root: false })).toEqual({
      action: 'use',
      path: '/opt/chrome',
    });
    expect(chromiumPlan({ envPath: undefined, exists: only(DEFAULT_CHROMIUM), debian: true, root: false })).toEqual({
      action: 'use',
      path: DEFAULT_CHROMIUM,
    });
  });

  it('installs it only as root on Debian', () => {
    expect(chromiumPlan({ envPath: undefined, exists: none, debian: true, root: true }).action).toBe('install');
  });

  it('otherwise stops with one line saying what to do', () => {
    for (const m of [
      { debian: true, root: false },
      { debian: false, root: true },
    ]) {
      const p = chromiumPlan({ envPath: undefined, exists: none, ...m });
      expect(p.action).toBe('stop');
      if (p.action === 'stop') {
        expect(p.message).not.toContain('\n');
        expect(p.message).toMatch(/apt-get install chromium.*CHROMIUM_PATH/);
      }
    }
    const bad = chromiumPlan({ envPath: '/nope', exists: none, debian: true, root: true });
    expect(bad).toMatchObject({ action: 'stop' });
  });
});
