/**
 * Nesting limits for untrusted JSON, checked before anything recursive touches it. An archsim
 * document is at most 6 levels deep (document › nodes › node › params › healthCheck, or
 * scenario › failures › failure), so anything deeper than MAX_JSON_DEPTH is not a design, and
 * refusing it early keeps `JSON.parse`, the migrations and the schema from recursing millions
 * of levels (a 13 kB share link can inflate to 5 million nested `[`). Pure: no DOM.
 */

/** Deepest nesting of arrays and objects accepted in a document. */
export const MAX_JSON_DEPTH = 32;

/**
 * Where JSON text first nests deeper than `max` arrays/objects: the character offset of the
 * bracket that goes too deep, or -1. One pass, no allocation; strings are skipped (brackets in
 * them do not count), and the text need not be valid JSON.
 * @example jsonTextTooDeep('[[[1]]]', 2) // 2
 */
export function jsonTextTooDeep(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      // [ {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      // ] }
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/**
 * A streaming form of `jsonTextTooDeep` over UTF-8 bytes (JSON's brackets, quotes and
 * backslash are ASCII, and no byte of a multi-byte UTF-8 character is ASCII), for text that
 * arrives in chunks, e.g. while a share link inflates: `push` returns true once the text so
 * far nests deeper than `max`.
 */
export function jsonDepthScanner(max = MAX_JSON_DEPTH): { push: (bytes: Uint8Array) => boolean } {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let tooDeep = false;
  return {
    push: (bytes) => {
      for (let i = 0; i < bytes.length && !tooDeep; i++) {
        const c = bytes[i]!;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
        } else if (c === 0x22) inString = true;
        else if (c === 0x5b || c === 0x7b) {
          if (++depth > max) tooDeep = true;
        } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
      }
      return tooDeep;
    },
  };
}

/**
 * Whether a parsed value nests deeper than `max` arrays/objects. Iterative (no recursion, so
 * no stack overflow) and it stops descending at the limit, so it costs at most the size of the
 * part of the value within the limit.
 */
export function jsonValueTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (d + 1 > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const x of children) if (typeof x === 'object' && x !== null) stack.push([x, d + 1]);
  }
  return false;
}

/** 1-based line and column of a character offset, for messages. */
export function textPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++)
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      start = i + 1;
    }
  return { line, column: end - start + 1 };
}

/**
 * A JSON.parse error in the user's words: where (line and column, when the engine says) and
 * what, on one line, without echoing the input back.
 * @example jsonErrorText(new SyntaxError('Unexpected end of JSON input'), '{') // 'the text ends too early (is it cut off?)'
 */
export function jsonErrorText(error: unknown, text: string): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  const token = /^Unexpected token '(.{1,4}?)', .*is not valid JSON$/.exec(message);
  if (token) return `unexpected ${JSON.stringify(token[1])}`;
  if (/Unexpected end of JSON input|end of data|unterminated/i.test(message)) return 'the text ends too early (is it cut off?)';
  const at = /at position (\d+)/.exec(message);
  const what = message
    .replace(/\s*\(?(in JSON )?at position \d+.*$/, '')
    .replace(/^JSON\.parse: /, '')
    .slice(0, 120);
  if (!at) return what.charAt(0).toLowerCase() + what.slice(1);
  const { line, column } = textPosition(text, Number(at[1]));
  return `line ${line}, column ${column}: ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}
