/** Which fields differ between several objects edited together (bulk edit of selected nodes). */

/**
 * The dot-joined paths of every leaf (number, string, boolean, null, array) whose value is not
 * the same in all of `values`.
 *
 * @example
 * mixedPaths([{ params: { workers: 4, t: { meanMs: 5 } } }, { params: { workers: 8, t: { meanMs: 5 } } }]) // → Set { 'params.workers' }
 */
export function mixedPaths(values: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (vs: readonly unknown[], prefix: string) => {
    const objects = vs.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    if (objects) {
      const keys = new Set(vs.flatMap((v) => Object.keys(v as object)));
      for (const k of keys)
        walk(
          vs.map((v) => (v as Record<string, unknown>)[k]),
          prefix ? `${prefix}.${k}` : k,
        );
      return;
    }
    const first = JSON.stringify(vs[0]);
    if (vs.some((v) => JSON.stringify(v) !== first)) out.add(prefix);
  };
  if (values.length > 1) walk(values, '');
  return out;
}
