/**
 * Derive form fields from a zod 4 object schema, so the inspector never keeps a second copy of
 * the ranges and rules: bounds, integer-ness, enum options, nullability and defaults are read
 * from the schema; labels and units come from the field name (`timeoutMs` → "Timeout", ms).
 */
import type { z } from 'zod';

export type FieldPath = (string | number)[];

interface FieldBase {
  key: string;
  path: FieldPath;
  label: string;
  unit: string | null;
  defaultValue: unknown /** What the parameter does to the system (the schema's description, written in the kind module). */;
  help: string | null;
}
export type FieldSpec =
  | (FieldBase & { type: 'number'; min: number | null; max: number | null; integer: boolean; nullable: boolean })
  | (FieldBase & { type: 'boolean' })
  | (FieldBase & { type: 'enum'; options: string[] })
  | (FieldBase & { type: 'string'; maxLength: number | null; multiline: boolean })
  | (FieldBase & { type: 'distribution'; variants: Record<string, FieldSpec[]> })
  | (FieldBase & { type: 'group'; fields: FieldSpec[] })
  | (FieldBase & { type: 'array'; item: FieldSpec[] });

type AnySchema = z.core.$ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  defaultValue?: unknown;
  shape?: Record<string, AnySchema>;
  options?: AnySchema[];
  discriminator?: string;
  element?: AnySchema;
  entries?: Record<string, string>;
  values?: unknown[];
}
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const UNIT_SUFFIXES: [suffix: string, unit: string][] = [
  ['PerS', '/s'],
  ['Rps', 'req/s'],
  ['Percent', '%'],
  ['Ms', 'ms'],
  ['S', 's'],
];
const WORDS: Record<string, string> = { ttl: 'TTL', p50: 'p50', p99: 'p99', rps: 'req/s', zipf: 'Zipf' };
/**
 * Names the field name alone reads wrong or too tersely: `zipfS` is the Zipf exponent s, not
 * seconds; `slowMs` is a latency threshold; the edge's groups say which defence they are.
 */
const LABELS: Record<string, { label: string; unit: string | null }> = {
  zipfS: { label: 'Zipf exponent', unit: null },
  slowMs: { label: 'Slow answer', unit: 'ms' },
  contention: { label: 'Contention (load-dependent service time)', unit: null },
  budget: { label: 'Retry budget', unit: null },
  minPerS: { label: 'Minimum retries', unit: '/s' },
  throttle: { label: 'Retry throttling (gRPC)', unit: null },
  breaker: { label: 'Circuit breaker', unit: null },
  autoscale: { label: 'Autoscaling group', unit: null },
};

/** "visibilityTimeoutS" → { label: "Visibility timeout", unit: "s" }. */
export function fieldLabel(key: string): { label: string; unit: string | null } {
  const fixed = LABELS[key];
  if (fixed) return fixed;
  let stem = key;
  let unit: string | null = null;
  for (const [suffix, u] of UNIT_SUFFIXES) {
    // A unit suffix follows a lower-case letter or digit: "minMs", "ttlS", "p50Ms" (but not "S" alone).
    if (key.length > suffix.length && key.endsWith(suffix) && /[a-z0-9]/.test(key[key.length - suffix.length - 1] ?? '')) {
      stem = key.slice(0, -suffix.length);
      unit = u;
      break;
    }
  }
  if (key === 'ms') return { label: 'Time', unit: 'ms' };
  const words = stem
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  // Percentile names stay lower-case ("p99"); everything else gets a capital.
  return { label: /^p\d/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1), unit };
}

/** The description attached to a schema (zod's global registry), if any. */
function descriptionOf(s: AnySchema): string | null {
  return (s as unknown as { description?: string }).description ?? null;
}

/** Unwrap default / nullable / optional wrappers, collecting what they say. */
function unwrap(schema: AnySchema): { inner: AnySchema; nullable: boolean; defaultValue: unknown; help: string | null } {
  let s = schema;
  let nullable = false;
  let defaultValue: unknown = undefined;
  let help: string | null = null;
  for (;;) {
    help ??= descriptionOf(s);
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault') {
      if (defaultValue === undefined)
        defaultValue = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
      s = d.innerType!;
    } else if (d.type === 'nullable') {
      nullable = true;
      s = d.innerType!;
    } else if (d.type === 'optional') {
      s = d.innerType!;
    } else break;
  }
  return { inner: s, nullable, defaultValue, help };
}

function literalOf(schema: AnySchema): string | null {
  const d = defOf(schema);
  return d.type === 'literal' && typeof d.values?.[0] === 'string' ? d.values[0] : null;
}

/** The form field for one schema entry, or null for kinds the form does not edit. */
export function schemaField(key: string, schema: AnySchema, path: FieldPath): FieldSpec | null {
  const { inner, nullable, defaultValue, help } = unwrap(schema);
  const d = defOf(inner);
  const base = { key, path, ...fieldLabel(key), defaultValue, help };
  switch (d.type) {
    case 'number': {
      const n = inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      const finite = (v: number | null) => (v === null || !Number.isFinite(v) || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? null : v);
      return { ...base, type: 'number', min: finite(n.minValue), max: finite(n.maxValue), integer: n.isInt, nullable };
    }
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'enum':
      return { ...base, type: 'enum', options: Object.values(d.entries ?? {}) };
    case 'string': {
      const s = inner as unknown as { maxLength: number | null };
      return { ...base, type: 'string', maxLength: s.maxLength ?? null, multiline: (s.maxLength ?? 0) > 1000 };
    }
    case 'object': {
      // A group's description is its title when it is a short phrase ("Load shedding", "Optimistic concurrency").
      const title = !(key in LABELS) && help !== null && help.length <= 40 && !/[.;:(]/.test(help);
      return { ...base, ...(title ? { label: help, help: null } : {}), type: 'group', fields: schemaFields(inner, path) };
    }
    case 'array':
      return { ...base, type: 'array', item: schemaFields(d.element!, [...path, 0]) };
    case 'union': {
      if (d.discriminator !== 'type') return null;
      const variants: Record<string, FieldSpec[]> = {};
      for (const option of d.options ?? []) {
        const shape = defOf(option).shape ?? {};
        const tag = shape.type ? literalOf(shape.type) : null;
        if (tag) variants[tag] = schemaFields(option, path).filter((f) => f.key !== 'type');
      }
      return { ...base, type: 'distribution', variants };
    }
    default:
      return null;
  }
}

/**
 * The fields of an object schema, in declaration order.
 *
 * @example
 * schemaFields(serviceParamsSchema, ['params'])[0]
 * // → { key: 'workers', type: 'number', min: 1, max: 100000, integer: true, label: 'Workers', … }
 */
export function schemaFields(schema: AnySchema, path: FieldPath = []): FieldSpec[] {
  const { inner } = unwrap(schema);
  const shape = defOf(inner).shape;
  if (!shape) return [];
  const out: FieldSpec[] = [];
  for (const [key, child] of Object.entries(shape)) {
    const f = schemaField(key, child, [...path, key]);
    if (f) out.push(f);
  }
  return out;
}

/** Humanise an enum option for display: "leastOutstanding" → "least outstanding". */
export function optionLabel(option: string): string {
  if (option === 'p2c') return 'power of two choices';
  if (option === 'fifo' || option === 'lifo') return option.toUpperCase();
  return option.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Whether a group of settings is in use, for its title: a group with an `enabled` switch is on
 * when it is set; one with a `mode` shows the mode, on unless it is the default (off, none); a
 * group of defences that are all off by default (load shedding) is on once any of them is set.
 * null: the group has no off state (a retry policy).
 */
export function groupState(field: FieldSpec & { type: 'group' }, current: unknown): { on: boolean; text: string } | null {
  const v = (current ?? {}) as Record<string, unknown>;
  if (field.fields.some((f) => f.key === 'enabled')) return v.enabled === true ? { on: true, text: 'on' } : { on: false, text: 'off' };
  const mode = field.fields.find((f) => f.key === 'mode');
  if (mode) {
    const m = v.mode ?? mode.defaultValue;
    return { on: m !== mode.defaultValue, text: optionLabel(String(m)) };
  }
  let on = false;
  for (const f of field.fields) {
    const x = v[f.key];
    if (f.type === 'group') {
      const s = groupState(f, x);
      if (!s) return null;
      on ||= s.on;
    } else if (f.type === 'boolean' && f.defaultValue === false) on ||= x === true;
    else if (f.type === 'number') on ||= x !== undefined && x !== f.defaultValue;
    else return null;
  }
  return { on, text: on ? 'on' : 'off' };
}

/** " · on", " · fixed" … after a group's title (see groupState), or nothing. */
export function groupSummary(field: FieldSpec & { type: 'group' }, current: unknown): string {
  const s = groupState(field, current);
  return s ? ` · ${s.text}` : '';
}
