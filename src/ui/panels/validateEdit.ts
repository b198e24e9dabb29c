/**
 * Validate one field edit against the schema of the whole object it belongs to (a node, an
 * edge, the scenario): the candidate is the current value with the field replaced, and it is
 * accepted only if the schema accepts the candidate. Nothing here restates a rule.
 */
import type { z } from 'zod';
import { setIn } from '../../lib/setIn.ts';
import type { FieldPath } from './schemaFields.ts';

export type EditResult<T> = { ok: true; value: T } | { ok: false; message: string };

const fmt = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US') : typeof n === 'bigint' ? n.toString() : String(n));

/** A short message for a zod issue, for display beside a form field. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number') return `Must be ${issue.inclusive ? '≥' : '>'} ${fmt(issue.minimum)}`;
      if (issue.origin === 'string') return `Must not be empty`;
      break;
    case 'too_big':
      if (issue.origin === 'number') return `Must be ${issue.inclusive ? '≤' : '<'} ${fmt(issue.maximum)}`;
      if (issue.origin === 'string') return `At most ${fmt(issue.maximum)} characters`;
      break;
    case 'invalid_type':
      if (issue.expected === 'int') return 'Must be a whole number';
      if (issue.expected === 'number') return 'Enter a number';
      break;
  }
  return issue.message;
}

const startsWith = (path: readonly PropertyKey[], prefix: FieldPath) => prefix.every((k, i) => path[i] === k);

/**
 * @example
 * validateEdit(nodeSchema, node, ['params', 'workers'], 0) // → { ok: false, message: 'Must be ≥ 1' }
 */
export function validateEdit<S extends z.ZodType>(schema: S, current: unknown, path: FieldPath, value: unknown): EditResult<z.output<S>> {
  const candidate = setIn(current, path, value);
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues;
  const mine = issues.find((i) => startsWith(i.path, path)) ?? issues[0];
  return { ok: false, message: mine ? issueMessage(mine) : 'Invalid value' };
}
