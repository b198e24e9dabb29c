/** Practice mode's logic is pure and runs on the UI thread: it imports the model, the kinds' descriptors and engine types, never the engine itself (runs go through workers). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = import.meta.dirname;
const files = (d: string): string[] =>
  readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? (f === 'testing' ? [] : files(p)) : /\.ts$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });

describe('practice layer', () => {
  it('imports no engine values, React, DOM libraries, store or UI', () => {
    const bad: string[] = [];
    expect(files(DIR).length).toBeGreaterThan(10);
    for (const f of files(DIR))
      for (const m of readFileSync(f, 'utf8').matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[2]!;
        if (/\/(engine|worker|store|ui|cli)\//.test(spec) && !m[1]) bad.push(`${f} → ${spec}`);
        if (/^(react|zustand|@xyflow|d3)/.test(spec)) bad.push(`${f} → ${spec}`);
      }
    expect(bad).toEqual([]);
  });
});
