/**
 * Test factory: a validated, defaulted document from a few nodes and edges (throws on invalid input).
 * @internal used by the analysis tests only.
 */
import { parseDocument, formatErrors } from '../model/parse.ts';
import type { ArchDocument } from '../model/schema.ts';

export function makeDoc(nodes: unknown[], edges: unknown[] = [], scenario: Record<string, unknown> = {}): ArchDocument {
  const r = parseDocument({ version: 1, nodes, edges, scenario });
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.doc;
}

/** Edge from a to b with id "a-b". */
export const edge = (a: string, b: string, params: Record<string, unknown> = {}) => ({ id: `${a}-${b}`, source: a, target: b, params });
