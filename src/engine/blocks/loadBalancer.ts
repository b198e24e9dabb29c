/**
 * Load-balancer backend choice (smooth weighted round robin, weighted random, least
 * outstanding, power of two choices) and health-check ejection.
 * Functions over the Simulation's state; no DOM, no allocation per event on the hot paths.
 */
import type { Simulation } from '../Simulation.ts';
import { LB_CODE } from '../compile.ts';

export function lbPick(sim: Simulation, i: number): number {
  const m = sim.model;
  const s0 = m.outStart[i]!, s1 = m.outStart[i + 1]!;
  const node = m.doc.nodes[i]!;
  const policy = node.kind === 'loadBalancer' ? LB_CODE[node.params.policy] : 0;
  let healthy = 0;
  for (let s = s0; s < s1; s++) if (sim.ejectedUntil[m.outEdges[s]!]! <= sim.now) healthy++;
  const ok = (e: number) => healthy === 0 || sim.ejectedUntil[e]! <= sim.now;
  switch (policy) {
    case 0: { // smooth weighted round robin (nginx)
      let total = 0, best = -1;
      for (let s = s0; s < s1; s++) {
        const e = m.outEdges[s]!;
        if (!ok(e)) continue;
        sim.lbCurrent[e]! += m.weight[e]!;
        total += m.weight[e]!;
        if (best < 0 || sim.lbCurrent[e]! > sim.lbCurrent[best]!) best = e;
      }
      sim.lbCurrent[best]! -= total;
      return best;
    }
    case 1: { // weighted random
      let total = 0;
      for (let s = s0; s < s1; s++) { const e = m.outEdges[s]!; if (ok(e)) total += m.weight[e]!; }
      let u = sim.rng.next() * total;
      let last = m.outEdges[s0]!;
      for (let s = s0; s < s1; s++) {
        const e = m.outEdges[s]!;
        if (!ok(e)) continue;
        last = e;
        u -= m.weight[e]!;
        if (u < 0) return e;
      }
      return last;
    }
    case 2: { // least outstanding (per unit weight); ties go to the first
      let best = -1, bestV = Infinity;
      for (let s = s0; s < s1; s++) {
        const e = m.outEdges[s]!;
        if (!ok(e)) continue;
        const v = sim.outstanding[e]! / (m.weight[e]! || 1e-9);
        if (v < bestV) { bestV = v; best = e; }
      }
      return best;
    }
    default: { // power of two choices among the healthy backends (no allocation)
      const n = healthy === 0 ? s1 - s0 : healthy;
      const nth = (k: number) => {
        for (let s = s0; s < s1; s++) { const e = m.outEdges[s]!; if (ok(e) && k-- === 0) return e; }
        return m.outEdges[s0]!;
      };
      if (n === 1) return nth(0);
      const a = sim.rng.int(n);
      let b = sim.rng.int(n - 1);
      if (b >= a) b++;
      const ea = nth(a), eb = nth(b);
      return sim.outstanding[eb]! < sim.outstanding[ea]! ? eb : ea;
    }
  }
}

export function lbHealthRecord(sim: Simulation, e: number, ok: boolean): void {
  const node = sim.model.doc.nodes[sim.model.src[e]!]!;
  if (node.kind !== 'loadBalancer' || !node.params.healthCheck.enabled) return;
  if (ok) { sim.consecFails[e] = 0; return; }
  if (++sim.consecFails[e]! >= node.params.healthCheck.consecutiveFailures) {
    sim.consecFails[e] = 0;
    sim.ejectedUntil[e] = sim.now + node.params.healthCheck.ejectS * 1000;
  }
}
