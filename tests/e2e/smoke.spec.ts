import type { Spec } from './run.ts';
import { assert, screenshot } from './harness.ts';

export default {
  name: 'smoke',
  tests: {
    'the app loads with no console errors and no outside requests': async ({ browser, server }) => {
      await browser.page.waitForSelector('#root *');
      await screenshot(browser.page, 'smoke');
      assert(browser.errors.length === 0, `console errors: ${browser.errors.join('; ')}`);
      const outside = browser.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
      assert(outside.length === 0, `requests outside the app: ${outside.join(', ')}`);
    },
  },
} satisfies Spec;
