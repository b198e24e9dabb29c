/**
 * The findings' view of the component kinds: how a kind's waiting line and rejections are
 * worded (KindFindings in src/kinds/types.ts) and the detectors a kind brings of its own, so
 * that the detectors here name no kind.
 */
import { kindDef } from '../../kinds/registry.ts';
import type { KindFindings } from '../../kinds/types.ts';
import type { ArchDocument, DocNode } from '../../model/schema.ts';
import type { Finding, SimResult } from '../types.ts';

export function findingsOf(node: DocNode): KindFindings<DocNode['params']> {
  const def = kindDef(node.kind) as { findings?: unknown };
  return (def.findings ?? {}) as KindFindings<DocNode['params']>;
}

/** Whether the node's waiting line has no bound. */
export function lineUnbounded(node: DocNode): boolean {
  const f = findingsOf(node);
  return f.unboundedLine ? f.unboundedLine(node.params) : 'queueCapacity' in node.params && node.params.queueCapacity === null;
}

/** Every kind's own detectors, over the nodes of that kind. */
export function kindFindings(doc: ArchDocument, r: SimResult): Finding[] {
  const out: Finding[] = [];
  for (const node of doc.nodes) {
    const detect = findingsOf(node).detect;
    if (detect) out.push(...detect(node, doc, r));
  }
  return out;
}
