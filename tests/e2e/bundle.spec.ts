/**
 * The engine as the app ships it must not be slower than the same engine in Node (issue 10,
 * item 4): the production worker bundle runs M/M/1 in this browser, interleaved with the same
 * runs in this Node process, and the bundle's fastest run must reach BUNDLE_RATIO_FLOOR of
 * Node's fastest (it runs at 0.67–0.86×). A build that compiles the engine differently (other
 * class-field semantics, another target) once made it 3× slower; without this check nothing would notice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spec } from './run.ts';
import { ROOT, assert } from './harness.ts';
import { BUNDLE_RATIO_FLOOR, bundleJobScript, workerBundlePath, type BundleRun } from '../../bench/browserEngine.ts';
import { parseDocumentText } from '../../src/model/index.ts';
import { simulate } from '../../src/engine/index.ts';

export default {
  name: 'bundle',
  tests: {
    'the shipped worker bundle runs the engine at ≥ 0.5× its speed in Node': async ({ browser }) => {
      const { page } = browser;
      const parsed = parseDocumentText(readFileSync(join(ROOT, 'scenarios/mm1.json'), 'utf8'));
      assert(parsed.ok, 'mm1 does not parse');
      const doc = parsed.doc;
      const url = workerBundlePath();
      assert(url, 'no worker bundle in dist/');
      const inBundle = (seed: number, durationS: number) =>
        page.evaluate(bundleJobScript('window.__guardWorker', url, doc, { seed, durationS })) as Promise<BundleRun>;
      // ≈ 3 M events a run (λ = 80/s: ≈ 160 events per simulated second).
      const D = 20_000;
      await inBundle(99, 2000);
      simulate(doc, { seed: 99, durationS: 2000, traces: false });
      let last = '';
      for (let attempt = 1; attempt <= 2; attempt++) {
        const b: number[] = [],
          n: number[] = [];
        for (let k = 0; k < 3; k++) {
          const rb = await inBundle(k + 1, D);
          const rn = simulate(doc, { seed: k + 1, durationS: D, traces: false });
          assert(rb.events === rn.events, `the bundle ran ${rb.events} events, Node ${rn.events}: not the same engine`);
          b.push((rb.events / rb.wallMs) * 1000);
          n.push((rn.events / rn.wallMs) * 1000);
        }
        const ratio = Math.max(...b) / Math.max(...n);
        const M = (xs: number[]) => xs.map((x) => (x / 1e6).toFixed(2)).join(', ');
        last = `bundle ${M(b)} M events/s, Node ${M(n)} M events/s: fastest ${ratio.toFixed(2)}× Node`;
        console.log(`    M/M/1, attempt ${attempt}: ${last}`);
        if (ratio >= BUNDLE_RATIO_FLOOR) return;
      }
      throw new Error(`the shipped bundle runs the engine below ${BUNDLE_RATIO_FLOOR}× Node: ${last}`);
    },
  },
} satisfies Spec;
