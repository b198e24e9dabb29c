import { describe, expect, it } from 'vitest';
import { KIND_ENGINES, KINDS } from './registry.ts';

describe('KIND_ENGINES', () => {
  it('gives every kind the same hook keys in the same order (one hidden class at the hook call sites)', () => {
    const keys = Object.keys(KIND_ENGINES[0]!);
    for (const e of KIND_ENGINES) expect(Object.keys(e)).toEqual(keys);
  });

  it('keeps every hook a kind defines, unchanged (a hook missing from the literal would be dropped)', () => {
    KINDS.forEach((k, i) => {
      const uniform = KIND_ENGINES[i]! as unknown as Record<string, unknown>;
      for (const [hook, fn] of Object.entries(k.engine)) {
        expect(Object.hasOwn(uniform, hook), `${k.kind}.${hook}`).toBe(true);
        expect(uniform[hook], `${k.kind}.${hook}`).toBe(fn);
      }
    });
  });
});
