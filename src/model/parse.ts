/**
 * parseDocument: untrusted JSON → a validated, defaulted ArchDocument, or errors that name
 * the node / edge / failure and the field. Never throws, whatever the input; nesting deeper
 * than MAX_JSON_DEPTH is refused before anything recursive sees it.
 */
import type { z } from 'zod';
import { documentSchema, FORMAT_VERSION, type ArchDocument } from './schema.ts';
import { documentMigrate } from './migrate.ts';
import { graphProblems } from './graph.ts';
import { jsonErrorText, jsonTextTooDeep, jsonValueTooDeep, MAX_JSON_DEPTH, textPosition } from './jsonDepth.ts';

export interface DocError {
  /** JSON path of the offending field, e.g. ["nodes", 2, "params", "workers"]. */
  path: (string | number)[];
  /** Human-readable location: `node "api" › params.workers`. */
  where: string;
  message: string;
}

export type ParseResult = { ok: true; doc: ArchDocument; warnings: DocError[] } | { ok: false; errors: DocError[] };

function idAt(raw: unknown, coll: string, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const arr = (raw as Record<string, unknown>)[coll];
  if (!Array.isArray(arr)) return undefined;
  const item = arr[index];
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as Record<string, unknown>).id ?? (item as Record<string, unknown>).target;
  return typeof id === 'string' ? id : undefined;
}

const SINGULAR: Record<string, string> = { nodes: 'node', edges: 'edge', failures: 'failure', requirements: 'requirement' };

/** `node "api" › params.workers` from a JSON path, using ids from the raw input where present. */
export function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const p = path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  let scope = raw;
  let rest = p;
  let head = '';
  if (p[0] === 'scenario' && (p[1] === 'failures' || p[1] === 'requirements') && typeof p[2] === 'number') {
    scope = (raw as Record<string, unknown> | null)?.scenario;
    const coll = p[1];
    const id = coll === 'failures' ? idAt(scope, coll, p[2]) : undefined;
    head = `scenario ${SINGULAR[coll]} #${p[2] + 1}${id ? ` (on "${id}")` : ''}`;
    rest = p.slice(3);
  } else if ((p[0] === 'nodes' || p[0] === 'edges') && typeof p[1] === 'number') {
    const id = idAt(raw, p[0], p[1]);
    head = id ? `${SINGULAR[p[0]]} "${id}"` : `${SINGULAR[p[0]]} #${p[1] + 1}`;
    rest = p.slice(2);
  }
  const field = rest.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  if (!head) return field || 'document';
  return field ? `${head} › ${field}` : head;
}

function zodErrors(raw: unknown, error: z.ZodError): DocError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
    let message = issue.message;
    if (issue.code === 'unrecognized_keys')
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    if (issue.code === 'invalid_union' && path.at(-1) === 'kind') message = `unknown kind`;
    return { path, where: describePath(raw, path), message };
  });
}

/** Validate, migrate and default a document from untrusted input (already JSON-parsed). Never throws. */
export function parseDocument(raw: unknown): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: [], where: 'document', message: 'expected a JSON object (an archsim document)' }] };
  }
  try {
    if (jsonValueTooDeep(raw)) return { ok: false, errors: [tooDeep()] };
    return parseObject(raw as Record<string, unknown>);
  } catch (e) {
    // Nothing above should throw on any JSON value; if something does, say so instead of crashing the caller.
    return {
      ok: false,
      errors: [
        { path: [], where: 'document', message: `could not be read (internal error: ${e instanceof Error ? e.message : String(e)})` },
      ],
    };
  }
}

function tooDeep(at?: { line: number; column: number }): DocError {
  const place = at ? ` (line ${at.line}, column ${at.column})` : '';
  return {
    path: [],
    where: at ? 'file' : 'document',
    message: `nested more than ${MAX_JSON_DEPTH} levels deep${place}: an archsim document is never that deep`,
  };
}

function parseObject(raw: Record<string, unknown>): ParseResult {
  const migrated = documentMigrate(raw);
  if (!migrated.ok) return { ok: false, errors: [{ path: ['version'], where: 'version', message: migrated.message }] };
  const parsed = documentSchema.safeParse(migrated.value);
  if (!parsed.success) return { ok: false, errors: zodErrors(migrated.value, parsed.error) };
  const problems = graphProblems(parsed.data);
  const errors = problems.filter((p) => p.severity === 'error').map(({ path, where, message }) => ({ path, where, message }));
  if (errors.length) return { ok: false, errors };
  const warnings = problems.filter((p) => p.severity === 'warning').map(({ path, where, message }) => ({ path, where, message }));
  return { ok: true, doc: parsed.data, warnings };
}

/**
 * Parse JSON text; a syntax error is reported like any other error. Nesting deeper than
 * MAX_JSON_DEPTH is refused before `JSON.parse` runs, in one pass over the text.
 */
export function parseDocumentText(text: string): ParseResult {
  const deep = jsonTextTooDeep(text);
  if (deep >= 0) return { ok: false, errors: [tooDeep(textPosition(text, deep))] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: [], where: 'file', message: `not valid JSON: ${jsonErrorText(e, text)}` }] };
  }
  return parseDocument(raw);
}

/** One line per error, for terminals and message boxes. */
export function formatErrors(errors: readonly DocError[], max = 20): string {
  const lines = errors.slice(0, max).map((e) => `${e.where}: ${e.message}`);
  if (errors.length > max) lines.push(`… and ${errors.length - max} more`);
  return lines.join('\n');
}

export { FORMAT_VERSION };
