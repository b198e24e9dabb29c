/**
 * requirementsGrade: the scenario's requirements → pass/fail with the measured value.
 * A client or scheduler target is graded end to end (its SourceResult); any other node by
 * its own NodeResult (latency = its sojourn time).
 */
import type { ArchDocument, Requirement } from '../model/schema.ts';
import { REQUIREMENT_OPS } from '../model/requirementOps.ts';
import type { RequirementResult, SimResult } from './types.ts';

export function requirementMeasure(r: Requirement, result: SimResult): number {
  const src = result.sources[r.target];
  const node = result.nodes[r.target];
  // No successful request means no latency to grade: NaN fails every latency bound.
  const latAll = src?.latencyMs ?? node?.latencyMs;
  const lat = latAll && latAll.count > 0 ? latAll : undefined;
  switch (r.metric) {
    case 'latencyMeanMs':
      return lat?.mean ?? NaN;
    case 'latencyP50Ms':
      return lat?.p50 ?? NaN;
    case 'latencyP90Ms':
      return lat?.p90 ?? NaN;
    case 'latencyP99Ms':
      return lat?.p99 ?? NaN;
    case 'latencyP999Ms':
      return lat?.p999 ?? NaN;
    case 'successRatio':
      if (src) return src.successRatio;
      if (!node) return NaN;
      return node.completed + node.errors + node.rejected > 0 ? node.completed / (node.completed + node.errors + node.rejected) : 1;
    case 'duplicates':
      return node?.duplicates ?? NaN;
    case 'dlq':
      return node?.dlq ?? NaN;
    case 'errors':
      return src ? src.failed : (node?.errors ?? NaN);
    case 'rejected':
      return node?.rejected ?? NaN;
    case 'timeouts':
      return node?.timeouts ?? NaN;
    case 'utilization':
      return node?.utilization ?? NaN;
    case 'queueMax':
      return node?.queue.max ?? NaN;
  }
}

export function requirementText(r: Requirement): string {
  return r.text ?? `${r.metric} of ${r.target} ${r.op} ${r.value}`;
}

export function requirementsGrade(doc: ArchDocument, result: SimResult): RequirementResult[] {
  return doc.scenario.requirements.map((r) => {
    const measured = requirementMeasure(r, result);
    return {
      text: requirementText(r),
      target: r.target,
      metric: r.metric,
      op: r.op,
      value: r.value,
      measured,
      pass: Number.isFinite(measured) && REQUIREMENT_OPS[r.op](measured, r.value),
    };
  });
}
