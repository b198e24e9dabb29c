/**
 * Parameter sweeps: the same document with one parameter set to each value of a range.
 * A path names the parameter by id: `nodes.<id>.params.workers`,
 * `edges.<id>.params.retry.maxAttempts`, `scenario.durationS`, … Every point runs with the
 * same seed (common random numbers), so differences between points are the parameter's
 * effect, not noise.
 */
import type { ArchDocument } from '../model/schema.ts';

export type SweepPathResult = { ok: true; set: (doc: ArchDocument, value: number) => ArchDocument } | { ok: false; message: string };

/** Resolve a sweep path against a document; the setter returns a modified deep copy. */
export function sweepPath(doc: ArchDocument, path: string): SweepPathResult {
  const parts = path.split('.');
  const [head, id, ...rest] = parts;
  let prefix: (string | number)[];
  if (head === 'nodes' || head === 'edges') {
    const coll = doc[head] as { id: string }[];
    const index = coll.findIndex((x) => x.id === id);
    if (index < 0) return { ok: false, message: `no ${head === 'nodes' ? 'node' : 'edge'} "${id}" (path ${path})` };
    prefix = [head, index];
    if (rest.length === 0) return { ok: false, message: `path ${path} names a ${head === 'nodes' ? 'node' : 'edge'}, not a parameter` };
  } else if (head === 'scenario') {
    prefix = ['scenario'];
    rest.unshift(...(id !== undefined ? [id] : []));
  } else {
    return { ok: false, message: `path must start with nodes.<id>., edges.<id>. or scenario. (got ${path})` };
  }
  const full = [...prefix, ...rest];
  let cur: unknown = doc;
  for (const k of full) {
    if (cur === null || typeof cur !== 'object' || !(k in (cur as object))) return { ok: false, message: `no parameter ${path}` };
    cur = (cur as Record<string | number, unknown>)[k];
  }
  if (typeof cur !== 'number')
    return {
      ok: false,
      message: `${path} is not a number (it is ${cur === null ? 'null' : typeof cur}); only numeric parameters can be swept`,
    };
  return {
    ok: true,
    set: (d, value) => {
      const copy = JSON.parse(JSON.stringify(d)) as ArchDocument;
      let o = copy as unknown as Record<string | number, unknown>;
      for (const k of full.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      o[full[full.length - 1]!] = value;
      return copy;
    },
  };
}

/** `steps` evenly spaced values from `from` to `to` inclusive (rounded when both ends are integers). */
export function sweepValues(from: number, to: number, steps: number, integer = Number.isInteger(from) && Number.isInteger(to)): number[] {
  if (steps <= 1) return [from];
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const v = from + ((to - from) * k) / (steps - 1);
    out.push(integer ? Math.round(v) : Number(v.toPrecision(12)));
  }
  return [...new Set(out)];
}
