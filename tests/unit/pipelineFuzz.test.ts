/**
 * The whole pipeline under fuzz: random accepted documents and damaged ones go through
 * parse → analysis → work estimate → a short, bounded engine run → `--json` output and a share
 * link. Expected: no stage ever throws, every run the guard lets through finishes quickly, the
 * JSON holds only finite numbers and survives a round trip, and a link gives back the design.
 * Seeded (the seed is in the test name), so a failure reproduces exactly.
 */
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../src/model/index.ts';
import { analyzeDocument, theoryCompare, workEstimate } from '../../src/analysis/index.ts';
import { simulateBounded } from '../../src/cli/boundedRun.ts';
import { runJson } from '../../src/cli/jsonOut.ts';
import { shareLinkDecode, shareLinkEncode } from '../../src/share/shareLink.ts';
import { damageText, mutate, nonFinite, prng, randomDocument } from './fuzzDocs.ts';

const SEED = 0xa5c1_0015;
const ROUNDS = 1200;
/** The guard for this test: runs estimated to take longer than this are not started (the CLI allows 50 million events, about a minute). */
const MAX_SECONDS = 0.05;
/** While running, a run is stopped past this many events (the estimate misses retries of timeouts and redeliveries). */
const MAX_EVENTS = 500_000;

describe('pipeline fuzz', () => {
  it(`${ROUNDS} random and damaged documents: no exception, bounded runs, finite JSON (seed 0x${SEED.toString(16)})`, () => {
    const rnd = prng(SEED);
    const failures: string[] = [];
    let accepted = 0,
      ran = 0,
      guarded = 0,
      stopped = 0,
      slowest = 0;
    const t0 = performance.now();
    for (let i = 0; i < ROUNDS; i++) {
      const doc = randomDocument(rnd);
      const op = rnd();
      const text = op < 0.7 ? JSON.stringify(doc) : op < 0.9 ? JSON.stringify(mutate(doc, rnd)) : damageText(JSON.stringify(doc), rnd);
      let stage = 'parse';
      try {
        const parsed = parseDocumentText(text);
        if (!parsed.ok) continue;
        accepted++;
        stage = 'analysis';
        analyzeDocument(parsed.doc);
        stage = 'estimate';
        const w = workEstimate(parsed.doc);
        if (w.unbounded || !(w.seconds <= MAX_SECONDS)) {
          guarded++;
          continue;
        }
        stage = 'engine';
        const s0 = performance.now();
        const run = simulateBounded(parsed.doc, { traces: false }, MAX_EVENTS);
        slowest = Math.max(slowest, performance.now() - s0);
        if (!run.ok) {
          stopped++;
          continue;
        }
        ran++;
        stage = 'json';
        const json = runJson(run.result, theoryCompare(parsed.doc, run.result), false);
        const bad = nonFinite(json);
        if (bad.length) failures.push(`#${i}: non-finite in --json: ${bad.slice(0, 3).join(', ')}`);
        const back = JSON.parse(JSON.stringify(json)) as unknown;
        if (JSON.stringify(back) !== JSON.stringify(json)) failures.push(`#${i}: --json does not survive a round trip`);
        stage = 'share';
        const link = shareLinkEncode(parsed.doc);
        if (link.ok) {
          const got = shareLinkDecode(link.fragment);
          if (!got.ok || JSON.stringify(got.doc) !== JSON.stringify(parsed.doc))
            failures.push(`#${i}: share link did not give the design back`);
        }
      } catch (e) {
        failures.push(`#${i} (${stage}): threw ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const totalMs = performance.now() - t0;
    expect(failures).toEqual([]);
    // The generator must exercise every path: accepted and rejected, run, guarded.
    expect(accepted).toBeGreaterThan(ROUNDS * 0.6);
    expect(ran).toBeGreaterThan(ROUNDS * 0.35);
    expect(guarded + stopped).toBeGreaterThan(10);
    expect(slowest).toBeLessThan(5_000);
    expect(totalMs).toBeLessThan(60_000);
  });
});
