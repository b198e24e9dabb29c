/**
 * Immutable update of a nested JSON value: returns a copy of `root` with `value` at `path`,
 * copying only the objects and arrays along the path. Pure, no deps.
 *
 * @example setIn({ a: { b: 1 } }, ['a', 'b'], 2) // → { a: { b: 2 } }
 */
export function setIn<T>(root: T, path: readonly (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container = (root ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown> | unknown[];
  const child = (container as Record<string | number, unknown>)[head];
  const next = setIn(child, rest, value);
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[head as number] = next;
    return copy as T;
  }
  return { ...container, [head]: next } as T;
}

/** The value at `path`, or undefined. */
export function getIn(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}
