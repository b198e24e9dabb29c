/**
 * Layer rules (STYLE §2): the engine, model and analysis are pure libraries; the UI and
 * store reach the engine only through the worker client. Checked on the import statements.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = new URL('.', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ spec: m[3]!, typeOnly: Boolean(m[2]) }));
}

const layer = (file: string) => relative(SRC, file).split('/')[0]!;

describe('layer rules', () => {
  it('the import scanner sees imports (so the rules below can fail)', () => {
    expect(imports(join(SRC, 'engine/Simulation.ts')).map((i) => i.spec)).toContain('./core/EventQueue.ts');
    expect(imports(join(SRC, 'engine/index.ts')).some((i) => i.typeOnly)).toBe(true);
  });
  it('engine, model and analysis import no React, DOM libraries, store or UI', () => {
    const bad: string[] = [];
    for (const dir of ['engine', 'model', 'analysis']) {
      for (const f of files(join(SRC, dir))) {
        if (f.includes('/testing/')) continue;
        for (const { spec } of imports(f)) {
          if (/^(react|react-dom|zustand|zundo|@xyflow|d3)/.test(spec) || /\/(ui|store|worker|share|cli)\//.test(spec)) bad.push(`${relative(SRC, f)} → ${spec}`);
          if (dir !== 'analysis' && dir !== 'engine' && /\/engine\//.test(spec)) bad.push(`${relative(SRC, f)} → ${spec}`);
          if (dir === 'engine' && /\/analysis\//.test(spec)) bad.push(`${relative(SRC, f)} → ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
  it('ui and store import the engine only as types (runs go through the worker)', () => {
    const bad: string[] = [];
    for (const dir of ['ui', 'store', 'share']) {
      for (const f of files(join(SRC, dir))) {
        for (const { spec, typeOnly } of imports(f)) if (/\/engine\//.test(spec) && !typeOnly) bad.push(`${relative(SRC, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('the engine never touches Math.random or Date.now', () => {
    const bad = files(join(SRC, 'engine')).filter((f) => /Math\.random|Date\.now/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(bad.map((f) => layer(f) + '/' + relative(join(SRC, 'engine'), f))).toEqual([]);
  });
});
