/**
 * Structural checks on a schema-valid document: dangling references, duplicate ids,
 * cycles, kinds wired in ways the engine cannot run, unreachable nodes, a bucket width too
 * fine for the run (coarsened, see buckets.ts).
 * Errors block a run; warnings are shown on the node while editing.
 */
import type { ArchDocument, NodeKind } from './schema.ts';
import { kindDef, KINDS } from '../kinds/registry.ts';
import type { KindWiring } from '../kinds/types.ts';

const wiringOf = (kind: NodeKind): KindWiring => kindDef(kind).wiring as KindWiring;
import { bucketPlan } from './buckets.ts';

export interface GraphProblem {
  severity: 'error' | 'warning';
  path: (string | number)[];
  where: string;
  message: string;
  /** Node ids this problem is about (for highlighting on the canvas). */
  nodes: string[];
}

/** Kinds that originate requests and take no incoming call edges. */
export const SOURCE_KINDS: readonly NodeKind[] = KINDS.filter((k) => (k.wiring as KindWiring).source).map((k) => k.kind);

export function graphProblems(doc: ArchDocument): GraphProblem[] {
  const out: GraphProblem[] = [];
  const byId = new Map<string, { kind: NodeKind; index: number }>();
  doc.nodes.forEach((n, i) => {
    if (byId.has(n.id))
      out.push({ severity: 'error', path: ['nodes', i, 'id'], where: `node "${n.id}"`, message: 'duplicate node id', nodes: [n.id] });
    byId.set(n.id, { kind: n.kind, index: i });
  });
  const edgeIds = new Set<string>();
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  doc.edges.forEach((e, i) => {
    const where = `edge "${e.id}"`;
    if (edgeIds.has(e.id) || byId.has(e.id))
      out.push({
        severity: 'error',
        path: ['edges', i, 'id'],
        where,
        message: 'duplicate id (node and edge ids share one namespace)',
        nodes: [],
      });
    edgeIds.add(e.id);
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s)
      out.push({
        severity: 'error',
        path: ['edges', i, 'source'],
        where: `${where} › source`,
        message: `no node "${e.source}"`,
        nodes: [],
      });
    if (!t)
      out.push({
        severity: 'error',
        path: ['edges', i, 'target'],
        where: `${where} › target`,
        message: `no node "${e.target}"`,
        nodes: [],
      });
    if (!s || !t) return;
    if (e.source === e.target)
      out.push({ severity: 'error', path: ['edges', i], where, message: `a node cannot call itself ("${e.source}")`, nodes: [e.source] });
    if (SOURCE_KINDS.includes(t.kind))
      out.push({
        severity: 'error',
        path: ['edges', i, 'target'],
        where: `${where} › target`,
        message: `"${e.target}" is a ${t.kind}: it sends traffic and cannot receive calls`,
        nodes: [e.target],
      });
    const sw = wiringOf(s.kind);
    if (sw.targets && !sw.targets.includes(t.kind))
      out.push({
        severity: 'error',
        path: ['edges', i, 'target'],
        where: `${where} › target`,
        message: `a ${s.kind}'s consumers must be ${sw.targets.map((k) => `${k}s`).join(' or ')}; "${e.target}" is a ${t.kind}`,
        nodes: [e.source, e.target],
      });
    if (sw.leaf)
      out.push({
        severity: 'error',
        path: ['edges', i, 'source'],
        where: `${where} › source`,
        message: `a ${s.kind} ("${e.source}") makes no downstream calls`,
        nodes: [e.source],
      });
    if (e.params.deadline.mode === 'timeout' && e.params.timeoutMs === 0)
      out.push({
        severity: 'error',
        path: ['edges', i, 'params', 'deadline', 'mode'],
        where: `${where} › params.deadline.mode`,
        message: 'a deadline from the timeout needs a timeoutMs above 0 (or use mode budget with budgetMs)',
        nodes: [e.source, e.target],
      });
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e.target]);
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  });

  doc.nodes.forEach((n, i) => {
    const where = `node "${n.id}"`;
    const outs = outgoing.get(n.id) ?? [];
    if (outs.length === 0) {
      const w = wiringOf(n.kind);
      if (w.noCallsError) out.push({ severity: 'error', path: ['nodes', i], where, message: w.noCallsError, nodes: [n.id] });
      const warning = (w.noCallsWarning as ((p: unknown) => string | null) | undefined)?.(n.params);
      if (warning) out.push({ severity: 'warning', path: ['nodes', i], where, message: warning, nodes: [n.id] });
    }
  });

  // Reachability from sources.
  const reached = new Set<string>();
  const stack = doc.nodes.filter((n) => SOURCE_KINDS.includes(n.kind)).map((n) => n.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const t of outgoing.get(id) ?? []) stack.push(t);
  }
  doc.nodes.forEach((n, i) => {
    if (!reached.has(n.id) && !SOURCE_KINDS.includes(n.kind))
      out.push({
        severity: 'warning',
        path: ['nodes', i],
        where: `node "${n.id}"`,
        message: 'unreachable: no client or scheduler sends traffic here',
        nodes: [n.id],
      });
  });

  // Cycles (iterative DFS, colours). A cycle would let one request call itself forever.
  const colour = new Map<string, number>();
  for (const n of doc.nodes) {
    if (colour.get(n.id)) continue;
    const path: string[] = [];
    const iters: number[] = [];
    const visit = (id: string) => {
      colour.set(id, 1);
      path.push(id);
      iters.push(0);
    };
    visit(n.id);
    while (path.length) {
      const id = path[path.length - 1]!;
      const outs = outgoing.get(id) ?? [];
      const k = iters[iters.length - 1]!;
      if (k < outs.length) {
        iters[iters.length - 1] = k + 1;
        const t = outs[k]!;
        const c = colour.get(t) ?? 0;
        if (c === 1) {
          const cyc = path.slice(path.indexOf(t));
          const i = byId.get(t)!.index;
          out.push({
            severity: 'error',
            path: ['nodes', i],
            where: `node "${t}"`,
            message: `cycle ${[...cyc, t].map((x) => `"${x}"`).join(' → ')}: a request could loop forever; break the cycle`,
            nodes: cyc,
          });
        } else if (c === 0) visit(t);
      } else {
        colour.set(id, 2);
        path.pop();
        iters.pop();
      }
    }
  }

  doc.nodes.forEach((n, i) => {
    if (n.kind !== 'client' || n.params.arrival !== 'replay') return;
    const at = n.params.replay.atS;
    const where = `node "${n.id}" › params › replay › atS`;
    const k = at.findIndex((t, j) => j > 0 && t < at[j - 1]!);
    if (at.length === 0)
      out.push({
        severity: 'error',
        path: ['nodes', i, 'params', 'replay', 'atS'],
        where,
        message: 'arrival replay has no recorded arrivals: import a CSV',
        nodes: [n.id],
      });
    else if (k > 0)
      out.push({
        severity: 'error',
        path: ['nodes', i, 'params', 'replay', 'atS', k],
        where,
        message: `replay arrivals must be sorted: #${k + 1} (${at[k]} s) is before #${k} (${at[k - 1]} s)`,
        nodes: [n.id],
      });
  });
  doc.scenario.failures.forEach((f, i) => {
    const where = `scenario failure #${i + 1}`;
    const onEdge = f.kind === 'partition' || f.kind === 'latency';
    if (onEdge ? !edgeIds.has(f.target) : !byId.has(f.target)) {
      out.push({
        severity: 'error',
        path: ['scenario', 'failures', i, 'target'],
        where: `${where} › target`,
        message: `no ${onEdge ? 'edge' : 'node'} "${f.target}" (a ${f.kind} failure targets ${onEdge ? 'an edge' : 'a node'})`,
        nodes: [],
      });
    }
    const crashable = ['service', 'database', 'external', 'loadBalancer', 'gateway'];
    if (f.kind === 'down' && f.effect === 'crash' && byId.has(f.target) && !crashable.includes(byId.get(f.target)!.kind)) {
      const k = byId.get(f.target)!.kind;
      out.push({
        severity: 'error',
        path: ['scenario', 'failures', i, 'effect'],
        where: `${where} › effect`,
        message: `a crash loses the work a service, database, external API, load balancer or gateway holds; "${f.target}" is a ${k}${k === 'queue' ? ' (a broker keeps its messages: use effect stopAccepting)' : ''}`,
        nodes: [f.target],
      });
    }
    if (f.kind === 'flush' && byId.has(f.target)) {
      const n = byId.get(f.target)!;
      const bad =
        n.kind !== 'cache'
          ? `flush empties a cache; "${f.target}" is a ${n.kind}`
          : (doc.nodes[n.index]!.params as { mode?: string }).mode !== 'keyspace'
            ? `flush empties a key-space cache; cache "${f.target}" is in hitRatio mode, which holds no entries (set mode: keyspace)`
            : null;
      if (bad)
        out.push({
          severity: 'error',
          path: ['scenario', 'failures', i, 'target'],
          where: `${where} › target`,
          message: bad,
          nodes: [f.target],
        });
    }
    if (f.kind === 'consumerCrash' && byId.has(f.target) && byId.get(f.target)!.kind !== 'service') {
      out.push({
        severity: 'error',
        path: ['scenario', 'failures', i, 'target'],
        where: `${where} › target`,
        message: `consumerCrash targets a consumer service; "${f.target}" is a ${byId.get(f.target)!.kind}`,
        nodes: [f.target],
      });
    }
  });
  doc.scenario.requirements.forEach((r, i) => {
    if (!byId.has(r.target))
      out.push({
        severity: 'error',
        path: ['scenario', 'requirements', i, 'target'],
        where: `scenario requirement #${i + 1} › target`,
        message: `no node "${r.target}"`,
        nodes: [],
      });
  });
  const buckets = bucketPlan(doc.scenario.durationS * 1000, doc.scenario.bucketS, doc.nodes.length);
  if (buckets.note)
    out.push({ severity: 'warning', path: ['scenario', 'bucketS'], where: 'scenario › bucketS', message: buckets.note, nodes: [] });
  if (doc.scenario.warmupS >= doc.scenario.durationS)
    out.push({
      severity: 'error',
      path: ['scenario', 'warmupS'],
      where: 'scenario › warmupS',
      message: `warm-up (${doc.scenario.warmupS} s) must be shorter than the run (${doc.scenario.durationS} s)`,
      nodes: [],
    });
  return out;
}
