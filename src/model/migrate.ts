/**
 * Ordered, named migrations between format versions. Each takes the raw object of version
 * N and returns version N+1. Version 0 is the pre-release draft format (nodes carried
 * their parameters in `data`, and the scenario lived at the top level as `duration`).
 */
import { FORMAT_VERSION, DOCUMENT_TYPE } from './schema.ts';

type Raw = Record<string, unknown>;
interface Migration {
  from: number;
  name: string;
  up: (doc: Raw) => Raw;
}

const MIGRATIONS: Migration[] = [
  {
    from: 0,
    name: 'v0→v1: node.data → node.params, top-level durationS/seed → scenario',
    up: (doc) => {
      const nodes = Array.isArray(doc.nodes)
        ? doc.nodes.map((n: unknown) => {
            if (typeof n !== 'object' || n === null) return n;
            const { data, ...rest } = n as Raw;
            return data !== undefined && rest.params === undefined ? { ...rest, params: data } : n;
          })
        : doc.nodes;
      const { durationS, seed, ...rest } = doc;
      const scenario = { ...(typeof doc.scenario === 'object' && doc.scenario ? (doc.scenario as Raw) : {}) };
      if (durationS !== undefined && scenario.durationS === undefined) scenario.durationS = durationS;
      if (seed !== undefined && scenario.seed === undefined) scenario.seed = seed;
      return { ...rest, nodes, scenario, version: 1 };
    },
  },
];

/** A short description of any JSON value for a message: a clipped string, a number, or its kind (never serialised whole). */
function valueDescribe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 59)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

export type MigrateResult = { ok: true; value: Raw } | { ok: false; message: string };

/** Bring a raw document up to FORMAT_VERSION. A missing `version` is read as 0. */
export function documentMigrate(input: Raw): MigrateResult {
  let doc = input;
  let version = doc.version ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, message: `version must be an integer (this archsim reads versions 0–${FORMAT_VERSION})` };
  }
  if (version > FORMAT_VERSION) {
    return {
      ok: false,
      message: `this document is format version ${version}, newer than this archsim understands (${FORMAT_VERSION}); update archsim`,
    };
  }
  if (doc.type !== undefined && doc.type !== DOCUMENT_TYPE) {
    return { ok: false, message: `not an archsim document (type is ${valueDescribe(doc.type)}, expected "${DOCUMENT_TYPE}")` };
  }
  for (const m of MIGRATIONS) {
    if (m.from === version) {
      doc = m.up(doc);
      version = m.from + 1;
    }
  }
  return { ok: true, value: doc };
}
