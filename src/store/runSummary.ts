/**
 * Pure helpers about runs and documents: whether a result is stale for the current design, and
 * a short human summary of a design and of what changed since the previous run.
 */
import type { ArchDocument, Failure, Requirement } from '../model/index.ts';

const simKeys = new WeakMap<ArchDocument, string>();

/** The parts of a document that change a simulation's outcome (not positions, labels, title). */
export function documentSimKey(doc: ArchDocument): string {
  let k = simKeys.get(doc);
  if (k === undefined) {
    k = JSON.stringify({
      nodes: doc.nodes.map((n) => [n.id, n.kind, n.params]),
      edges: doc.edges.map((e) => [e.id, e.source, e.target, e.params]),
      scenario: doc.scenario,
    });
    simKeys.set(doc, k);
  }
  return k;
}

/** True when `current` would simulate differently from `ranWith`. */
export function resultIsStale(ranWith: ArchDocument, current: ArchDocument): boolean {
  return ranWith !== current && documentSimKey(ranWith) !== documentSimKey(current);
}

/** "5 components · 180 s · 1 failure". */
export function documentSummary(doc: ArchDocument): string {
  const f = doc.scenario.failures.length;
  return `${doc.nodes.length} component${doc.nodes.length === 1 ? '' : 's'} · ${doc.scenario.durationS} s${f ? ` · ${f} failure${f === 1 ? '' : 's'}` : ''}`;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
}

/** A value as a person reads it: no JSON quotes or brackets. */
function shown(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return `${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return '…';
  return String(v);
}

function leafChanges(a: unknown, b: unknown): string[] {
  const fa = new Map<string, unknown>(),
    fb = new Map<string, unknown>();
  flatten(a, '', fa);
  flatten(b, '', fb);
  const out: string[] = [];
  for (const [k, v] of fb) {
    if (!fa.has(k)) {
      out.push(`${k} = ${shown(v)}`);
      continue;
    }
    const old = fa.get(k);
    if (JSON.stringify(old) === JSON.stringify(v)) continue;
    const from = shown(old),
      to = shown(v);
    out.push(from === to ? `${k} changed` : `${k} ${from} → ${to}`);
  }
  for (const k of fa.keys()) if (!fb.has(k)) out.push(`${k} removed`);
  return out;
}

/** A node's or a call's name in `doc`: its label, "A → B" for a call, else the id. */
function elementName(doc: ArchDocument, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  if (n) return n.label || n.id;
  const e = doc.edges.find((x) => x.id === id);
  if (e) return `${elementName(doc, e.source)} → ${elementName(doc, e.target)}`;
  return id;
}

const failureText = (doc: ArchDocument, f: Failure) => `${f.kind} of ${elementName(doc, f.target)} at ${f.atS}–${f.atS + f.durationS} s`;
const requirementText = (doc: ArchDocument, r: Requirement) => r.text || `${elementName(doc, r.target)} ${r.metric} ${r.op} ${r.value}`;

/** Items of a scenario list, by position: "+ failure: …", "− requirement: …", "failure down of X at 60–90 s: durationS 30 → 40". */
function listChanges<T extends { target: string }>(
  what: string,
  prev: ArchDocument,
  next: ArchDocument,
  a: readonly T[],
  b: readonly T[],
  text: (d: ArchDocument, x: T) => string,
  same: (x: T, y: T) => boolean,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i],
      y = b[i];
    if (x && !y) out.push(`− ${what}: ${text(prev, x)}`);
    else if (!x && y) out.push(`+ ${what}: ${text(next, y)}`);
    else if (x && y && JSON.stringify(x) !== JSON.stringify(y)) {
      if (same(x, y)) for (const c of leafChanges(x, y)) out.push(`${what} ${text(prev, x)}: ${c}`);
      else out.push(`− ${what}: ${text(prev, x)}`, `+ ${what}: ${text(next, y)}`);
    }
  }
  return out;
}

/**
 * What changed between two designs, for labelling runs, most specific first:
 * ["Delivery workers: workers 200 → 50", "+ Cache", "scenario: durationS 180 → 60"].
 */
export function documentChanges(prev: ArchDocument, next: ArchDocument): string[] {
  const out: string[] = [];
  const name = (d: ArchDocument, id: string) => d.nodes.find((n) => n.id === id)?.label || id;
  const prevNodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const nextIds = new Set(next.nodes.map((n) => n.id));
  for (const n of next.nodes) {
    const p = prevNodes.get(n.id);
    if (!p) {
      out.push(`+ ${n.label || n.id}`);
      continue;
    }
    for (const c of leafChanges(p.params, n.params)) out.push(`${n.label || n.id}: ${c}`);
  }
  for (const n of prev.nodes) if (!nextIds.has(n.id)) out.push(`− ${n.label || n.id}`);
  const prevEdges = new Map(prev.edges.map((e) => [e.id, e]));
  const nextEdgeIds = new Set(next.edges.map((e) => e.id));
  for (const e of next.edges) {
    const p = prevEdges.get(e.id);
    const label = `${name(next, e.source)} → ${name(next, e.target)}`;
    if (!p) {
      out.push(`+ call ${label}`);
      continue;
    }
    for (const c of leafChanges(p.params, e.params)) out.push(`${label}: ${c}`);
  }
  for (const e of prev.edges) if (!nextEdgeIds.has(e.id)) out.push(`− call ${name(prev, e.source)} → ${name(prev, e.target)}`);
  const { failures: fa, requirements: ra, ...sa } = prev.scenario;
  const { failures: fb, requirements: rb, ...sb } = next.scenario;
  out.push(...listChanges('failure', prev, next, fa, fb, failureText, (x, y) => x.kind === y.kind && x.target === y.target));
  out.push(...listChanges('requirement', prev, next, ra, rb, requirementText, (x, y) => x.target === y.target && x.metric === y.metric));
  for (const c of leafChanges(sa, sb)) out.push(`scenario: ${c}`);
  return out;
}
