/** The one-line parameter summary shown on a node card ("4 workers · 20 ms exp"): each kind module writes its own. */
import type { DocNode } from '../../model/index.ts';
import { kindDef } from '../../kinds/registry.ts';

export { distributionSummary } from '../../kinds/summary.ts';

export function nodeSummary(node: DocNode): string {
  return (kindDef(node.kind).summary as (p: DocNode['params']) => string)(node.params);
}
