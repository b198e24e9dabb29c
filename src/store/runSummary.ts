/**
 * Pure helpers about runs and documents: whether a result is stale for the current design, and
 * a short human summary of a design and of what changed since the previous run.
 */
import type { ArchDocument } from '../model/index.ts';

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

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
}

function leafChanges(a: unknown, b: unknown): string[] {
  const fa = new Map<string, string>(), fb = new Map<string, string>();
  flatten(a, '', fa);
  flatten(b, '', fb);
  const out: string[] = [];
  for (const [k, v] of fb) {
    const old = fa.get(k);
    if (old !== v) out.push(old === undefined ? `${k} = ${v}` : `${k} ${old} → ${v}`);
  }
  for (const k of fa.keys()) if (!fb.has(k)) out.push(`${k} removed`);
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
    if (!p) { out.push(`+ ${n.label || n.id}`); continue; }
    for (const c of leafChanges(p.params, n.params)) out.push(`${n.label || n.id}: ${c}`);
  }
  for (const n of prev.nodes) if (!nextIds.has(n.id)) out.push(`− ${n.label || n.id}`);
  const prevEdges = new Map(prev.edges.map((e) => [e.id, e]));
  const nextEdgeIds = new Set(next.edges.map((e) => e.id));
  for (const e of next.edges) {
    const p = prevEdges.get(e.id);
    const label = `${name(next, e.source)} → ${name(next, e.target)}`;
    if (!p) { out.push(`+ call ${label}`); continue; }
    for (const c of leafChanges(p.params, e.params)) out.push(`${label}: ${c}`);
  }
  for (const e of prev.edges) if (!nextEdgeIds.has(e.id)) out.push(`− call ${name(prev, e.source)} → ${name(prev, e.target)}`);
  for (const c of leafChanges(prev.scenario, next.scenario)) out.push(`scenario: ${c}`);
  return out;
}
