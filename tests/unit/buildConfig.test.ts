/**
 * The app's bundle must compile the engine as Node (tsx, with tsconfig.json) does: native class
 * fields with [[Define]] semantics (TypeScript's default from target ES2022). A lower build target
 * makes the bundler lower every class field into helper calls in the constructor, a different
 * object layout for the engine's hot structures; the engine compiled with other class-field
 * semantics once ran 3× slower. The bundle's actual speed is checked in the browser
 * (tests/e2e/bundle.spec.ts, and `npm run bench`); this catches the configuration change early.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import config from '../../vite.config.ts';

const YEAR = (t: string) => (/^esnext$/i.test(t) ? 9999 : Number(/^es(\d{4})$/i.exec(t)?.[1] ?? 0));

describe('build configuration', () => {
  const tsconfig = JSON.parse(readFileSync(new URL('../../tsconfig.json', import.meta.url), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  it('tsconfig targets ES2022+ and keeps [[Define]] class fields', () => {
    expect(YEAR(String(tsconfig.compilerOptions.target))).toBeGreaterThanOrEqual(2022);
    expect(tsconfig.compilerOptions.useDefineForClassFields).not.toBe(false);
  });
  it('vite builds the app and its worker for ES2022+, so class fields ship natively', () => {
    const targets = [config.build?.target].flat();
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(YEAR(String(t)), `build.target ${String(t)}`).toBeGreaterThanOrEqual(2022);
    expect(JSON.stringify(config)).not.toMatch(/"useDefineForClassFields":false/);
  });
});
