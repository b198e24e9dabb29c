/**
 * Autoscaling groups (scenarios/autoscaling): exact instance counts and times. The step to
 * 400 req/s saturates the group (4 busy workers per serving instance, exactly, once a backlog
 * exists), so each evaluation's desired size is ⌈busy / (4 × 0.6)⌉ with no sampling noise.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from './index.ts';
import { loadScenario, nodeOf } from './testing/replicate.ts';

describe('autoscaling group', () => {
  it('reaches 2 instances at 70 s + 30 s (lag + cold start) and 4 at 110 s + 30 s, and holds 1 before the step', () => {
    const r = simulate(loadScenario('autoscaling'));
    const inst = r.series.instances!.api!; // serving at each 5 s bucket's end
    const at = (s: number) => inst[Math.floor(s / 5) - 1]!; // bucket ending at s
    expect(at(60)).toBe(1);
    expect(at(95)).toBe(1);
    expect(at(100)).toBe(1); // the bucket [95, 100) closes as the instance starts serving at exactly 100
    expect(at(105)).toBe(2);
    expect(at(140)).toBe(2);
    expect(at(145)).toBe(4);
    const a = r.nodes.api!.autoscale!;
    expect(a.lagFromS).toBe(70);
    expect(a.scaleOuts).toBeGreaterThanOrEqual(2);
    expect(r.findings.find((f) => f.kind === 'autoscalingLag')?.nodes).toEqual(['api']);
  });
  it('scales in only after the 300 s cooldown since its last scale-out, draining to what 400 req/s needs (⌈400 × 0.02 / 4 / 0.6⌉ = 4)', () => {
    const r = simulate(loadScenario('autoscaling'));
    const a = r.nodes.api!.autoscale!;
    expect(a.instancesFinal).toBe(4);
    expect(a.scaleIns).toBe(1);
  });
  it('with no lag and no cold start the new instances serve at the evaluation itself', () => {
    const d = loadScenario('autoscaling');
    const p = nodeOf(d, 'api', 'service').params.autoscale;
    p.scaleOutLagS = 0;
    p.coldStartS = 0;
    p.slowStartS = 0;
    const inst = simulate(d).series.instances!.api!;
    expect(inst[Math.floor(70 / 5)]).toBe(2); // bucket [70, 75)
  });
  it('maxInstances caps the group', () => {
    const d = loadScenario('autoscaling');
    nodeOf(d, 'api', 'service').params.autoscale.maxInstances = 2;
    const r = simulate(d);
    expect(Math.max(...r.series.instances!.api!)).toBe(2);
    expect(r.findings.find((f) => f.kind === 'autoscalingLag')?.message).toMatch(/maximum of 2 instances/);
  });
  it('a design without a group has no instance series and no autoscale totals', () => {
    const r = simulate(loadScenario('mm1'));
    expect(r.series.instances).toBeUndefined();
    expect(Object.values(r.nodes).every((n) => n.autoscale === undefined)).toBe(true);
  });
});
