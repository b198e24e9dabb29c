import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatDocWithKindTable, kindTableMarkdown } from './kindTable.ts';
import { documentJsonSchema } from './jsonSchema.ts';
import { KINDS } from '../kinds/registry.ts';

describe('docs derived from the kind modules', () => {
  it('docs/FORMAT.md carries the current kind table (run `npm run schema` after changing a kind)', () => {
    const text = readFileSync(new URL('../../docs/FORMAT.md', import.meta.url), 'utf8');
    expect(formatDocWithKindTable(text)).toBe(text);
  });
  it('docs/archsim.schema.json is current', () => {
    const text = readFileSync(new URL('../../docs/archsim.schema.json', import.meta.url), 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(documentJsonSchema())));
  });
  it('the table has one row per registered kind, with its display name and every parameter', () => {
    const rows = kindTableMarkdown().split('\n').slice(2);
    expect(rows).toHaveLength(KINDS.length);
    expect(rows[KINDS.findIndex((k) => k.kind === 'gateway')]).toContain('(API gateway)');
    expect(rows[KINDS.findIndex((k) => k.kind === 'queue')]).toContain('`visibilityTimeoutS` (30)');
  });
});
