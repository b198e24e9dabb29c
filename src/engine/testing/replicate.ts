/**
 * Test helpers: load a scenario, run it with several seeds, and summarise a metric as
 * mean ± standard error over the independent replications (Student t for the 95 % CI).
 */
import { readFileSync } from 'node:fs';
import { parseDocumentText, type ArchDocument, type NodeKind, type NodeOf } from '../../model/index.ts';
import { simulate } from '../index.ts';
import type { SimResult } from '../types.ts';

export function loadScenario(name: string): ArchDocument {
  const text = readFileSync(new URL(`../../../scenarios/${name}.json`, import.meta.url), 'utf8');
  const p = parseDocumentText(text);
  if (!p.ok) throw new Error(`${name}: ${p.errors.map((e) => `${e.where}: ${e.message}`).join('; ')}`);
  return p.doc;
}

export interface Estimate {
  mean: number;
  se: number;
  n: number;
  values: number[];
}

export function replicate(
  doc: ArchDocument,
  seeds: number,
  metric: (r: SimResult) => number,
  opts: { durationS?: number; firstSeed?: number } = {},
): Estimate {
  const values: number[] = [];
  for (let k = 0; k < seeds; k++) values.push(metric(simulate(doc, { seed: (opts.firstSeed ?? 1000) + k, durationS: opts.durationS })));
  return estimate(values);
}

export function estimate(values: number[]): Estimate {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n), n, values };
}

/** Node `id` of `doc`, which must be of `kind` (a fixture that changed fails here instead of silently doing nothing). */
export function nodeOf<K extends NodeKind>(doc: ArchDocument, id: string, kind: K): NodeOf<K> {
  const n = doc.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`fixture has no node "${id}"`);
  if (n.kind !== kind) throw new Error(`fixture node "${id}" is a ${n.kind}, not a ${kind}`);
  return n as NodeOf<K>;
}
