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
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({
    spec: m[3]!,
    typeOnly: Boolean(m[2]),
  }));
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
          if (/^(react|react-dom|zustand|zundo|@xyflow|d3)/.test(spec) || /\/(ui|store|worker|share|cli)\//.test(spec))
            bad.push(`${relative(SRC, f)} → ${spec}`);
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
    const bad = files(join(SRC, 'engine')).filter((f) =>
      /Math\.random|Date\.now/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')),
    );
    expect(bad.map((f) => layer(f) + '/' + relative(join(SRC, 'engine'), f))).toEqual([]);
  });
  it('kind modules are pure: no React, DOM libraries, store, UI, worker, share or CLI, and no engine core beyond its primitives', () => {
    const bad: string[] = [];
    for (const f of files(join(SRC, 'kinds'))) {
      for (const { spec, typeOnly } of imports(f)) {
        if (/^(react|react-dom|zustand|zundo|@xyflow|d3)/.test(spec) || /\/(ui|store|worker|share|cli)\//.test(spec))
          bad.push(`${relative(SRC, f)} → ${spec}`);
        // findings/util.ts is a primitive (number words and series helpers, no imports): a kind's own detectors use it.
        if (
          !typeOnly &&
          /\/engine\/(Simulation|index|result|replications|sweep|Tracer|Resilience|findings)/.test(spec) &&
          !spec.endsWith('/engine/findings/util.ts')
        )
          bad.push(`${relative(SRC, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it("a kind's engine part never imports its UI metadata (index.ts) or the registry", () => {
    const bad: string[] = [];
    for (const f of files(join(SRC, 'kinds')).filter((x) => x.endsWith('/engine.ts'))) {
      for (const { spec } of imports(f))
        if (/(^\.\/index|\/registry)\.ts$/.test(spec) || /^\.\.\/[a-zA-Z]+\/index\.ts$/.test(spec))
          bad.push(`${relative(SRC, f)} → ${spec}`);
    }
    expect(files(join(SRC, 'kinds')).filter((x) => x.endsWith('/engine.ts')).length).toBeGreaterThanOrEqual(9);
    expect(bad).toEqual([]);
  });
  it('the engine core, the findings and the traffic equations name no component kind: what a kind does lives in its module', async () => {
    const { KINDS } = await import('./kinds/registry.ts');
    const names = KINDS.map((k) => k.kind);
    expect(names.length).toBeGreaterThanOrEqual(9);
    const core = [
      'Simulation.ts',
      'compile.ts',
      'codes.ts',
      'pools.ts',
      'SideEffects.ts',
      'Resilience.ts',
      'core/EventQueue.ts',
      'core/WorkStack.ts',
      'core/TimerLists.ts',
      'findings/index.ts',
      'findings/kinds.ts',
      'findings/util.ts',
      'findings/capacity.ts',
      'findings/retries.ts',
      'findings/correctness.ts',
      'findings/outcomes.ts',
      'findings/statistics.ts',
    ].map((f) => `engine/${f}`);
    const analysis = ['analyzeDocument.ts', 'workEstimate.ts', 'stationLoad.ts', 'queueing.ts', 'theoryCompare.ts'].map(
      (f) => `analysis/${f}`,
    );
    const bad: string[] = [];
    for (const f of [...core, ...analysis]) {
      const code = readFileSync(join(SRC, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const n of names) if (new RegExp(`['"\`]${n}['"\`]`).test(code)) bad.push(`${f} names '${n}'`);
    }
    expect(bad).toEqual([]);
  });
});
