import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/archsim.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
const tmp = mkdtempSync(join(tmpdir(), 'archsim-cli-'));
const file = (name: string, text: string) => { const p = join(tmp, name); writeFileSync(p, text); return p; };

describe('archsim CLI', () => {
  it('run --json prints one object with the documented keys', () => {
    const r = cli('run', 'scenarios/mm1.json', '--duration', '60', '--seed', '3', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ seed: 3, simulatedS: 60 });
    for (const k of ['events', 'wallMs', 'findings', 'requirements']) expect(j).toHaveProperty(k);
    const n = j.nodes.server;
    for (const k of ['kind', 'arrivals', 'completed', 'errors', 'rejected', 'timeouts', 'retries', 'utilization', 'sideEffects', 'duplicates']) expect(n).toHaveProperty(k);
    expect(Object.keys(n.queue)).toEqual(['mean', 'max']);
    expect(Object.keys(n.latencyMs)).toEqual(expect.arrayContaining(['mean', 'p50', 'p90', 'p99', 'p999']));
    expect(j.sources.client).toMatchObject({ requests: expect.any(Number), succeeded: expect.any(Number), failed: 0, successRatio: 1 });
  });
  it('the same seed prints the same numbers', () => {
    const a = JSON.parse(cli('run', 'scenarios/tandem.json', '--duration', '30', '--json').stdout);
    const b = JSON.parse(cli('run', 'scenarios/tandem.json', '--duration', '30', '--json').stdout);
    delete a.wallMs; delete b.wallMs;
    expect(a).toEqual(b);
  });
  it('a summary table for humans', () => {
    const r = cli('run', 'scenarios/webhook-delivery.json', '--duration', '20');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/End to end[\s\S]*producers[\s\S]*Nodes[\s\S]*endpoint/);
  });
  it('bad files exit 2 with a one-line reason naming the node and field', () => {
    const bad = file('bad.json', JSON.stringify({ version: 1, nodes: [{ id: 'api', kind: 'service', params: { workers: 0 } }] }));
    const r = cli('run', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('node "api" › params.workers');
    const notJson = cli('validate', file('trunc.json', '{"version": 1, "nodes": ['));
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/not valid JSON/);
    const missing = cli('run', join(tmp, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const cycle = cli('validate', file('cycle.json', JSON.stringify({ version: 1, nodes: [{ id: 'a', kind: 'service' }, { id: 'b', kind: 'service' }], edges: [{ id: 'x', source: 'a', target: 'b' }, { id: 'y', source: 'b', target: 'a' }] })));
    expect(cycle.status).toBe(2);
    expect(cycle.stderr).toMatch(/cycle "a" → "b" → "a"|cycle "b" → "a" → "b"/);
    expect(cli('run').status).toBe(2);
    expect(cli('run', 'scenarios/mm1.json', '--seed', 'x').stderr).toMatch(/--seed needs a number/);
    expect(cli('run', 'scenarios/mm1.json', '--duration', '10').stderr).toMatch(/longer than the scenario's warm-up \(50 s\)/);
  });
  it('validate accepts a good file; check exits 1 when a requirement fails and names it', () => {
    expect(cli('validate', 'scenarios/webhook-delivery.json').status).toBe(0);
    const r = cli('check', 'scenarios/visibility-timeout.json');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}no duplicate e-mails/);
  });
  it('--replications adds ci95 half-widths beside each mean', () => {
    const r = cli('run', 'scenarios/mm1.json', '--replications', '4', '--duration', '100', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.replications).toBe(4);
    expect(j.seeds).toEqual([1, 2, 3, 4]);
    expect(j.nodes.server.latencyMs.meanCi95).toBeGreaterThan(0);
    expect(j.sources.client.successRatioCi95).toBe(0);
  });
  it('sweep prints one point per value', () => {
    const r = cli('sweep', 'scenarios/mm1.json', '--param', 'nodes.server.params.workers', '--from', '1', '--to', '3', '--steps', '3', '--duration', '100', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.points.map((p: { value: number }) => p.value)).toEqual([1, 2, 3]);
    const p99 = j.points.map((p: { summary: { sources: { client: { latencyMs: { p99: number } } } } }) => p.summary.sources.client.latencyMs.p99);
    expect(p99[0]).toBeGreaterThan(p99[2]);
    expect(cli('sweep', 'scenarios/mm1.json', '--param', 'nodes.server.params.workers', '--from', '0', '--to', '2').stderr).toMatch(/workers = 0 is not valid/);
  });
});
