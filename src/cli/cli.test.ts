import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/archsim.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
const tmp = mkdtempSync(join(tmpdir(), 'archsim-cli-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const design = (name: string, doc: unknown) => file(name, JSON.stringify(doc));
/** One line on stderr, no stack trace. */
const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
};
const twoNodes = (client: Record<string, unknown>, scenario: Record<string, unknown>) => ({
  version: 1,
  nodes: [
    { id: 'c', kind: 'client', params: client },
    { id: 's', kind: 'service' },
  ],
  edges: [{ id: 'e', source: 'c', target: 's' }],
  scenario,
});

describe('archsim CLI', () => {
  it('run --json prints one object with the documented keys', () => {
    const r = cli('run', 'scenarios/mm1.json', '--duration', '60', '--seed', '3', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ seed: 3, simulatedS: 60 });
    for (const k of ['events', 'wallMs', 'findings', 'requirements']) expect(j).toHaveProperty(k);
    const n = j.nodes.server;
    for (const k of [
      'kind',
      'arrivals',
      'completed',
      'errors',
      'rejected',
      'timeouts',
      'retries',
      'utilization',
      'sideEffects',
      'duplicates',
    ])
      expect(n).toHaveProperty(k);
    expect(Object.keys(n.queue)).toEqual(['mean', 'max']);
    expect(Object.keys(n.latencyMs)).toEqual(expect.arrayContaining(['mean', 'p50', 'p90', 'p99', 'p999']));
    expect(j.sources.client).toMatchObject({ requests: expect.any(Number), succeeded: expect.any(Number), failed: 0, successRatio: 1 });
  });
  it('the same seed prints the same numbers', () => {
    const a = JSON.parse(cli('run', 'scenarios/tandem.json', '--duration', '30', '--json').stdout);
    const b = JSON.parse(cli('run', 'scenarios/tandem.json', '--duration', '30', '--json').stdout);
    delete a.wallMs;
    delete b.wallMs;
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
    const cycle = cli(
      'validate',
      file(
        'cycle.json',
        JSON.stringify({
          version: 1,
          nodes: [
            { id: 'a', kind: 'service' },
            { id: 'b', kind: 'service' },
          ],
          edges: [
            { id: 'x', source: 'a', target: 'b' },
            { id: 'y', source: 'b', target: 'a' },
          ],
        }),
      ),
    );
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
    const r = cli(
      'sweep',
      'scenarios/mm1.json',
      '--param',
      'nodes.server.params.workers',
      '--from',
      '1',
      '--to',
      '3',
      '--steps',
      '3',
      '--duration',
      '100',
      '--json',
    );
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.points.map((p: { value: number }) => p.value)).toEqual([1, 2, 3]);
    const p99 = j.points.map(
      (p: { summary: { sources: { client: { latencyMs: { p99: number } } } } }) => p.summary.sources.client.latencyMs.p99,
    );
    expect(p99[0]).toBeGreaterThan(p99[2]);
    expect(cli('sweep', 'scenarios/mm1.json', '--param', 'nodes.server.params.workers', '--from', '0', '--to', '2').stderr).toMatch(
      /workers = 0 is not valid/,
    );
  });

  it('a bucket width too fine for the run is coarsened with a note, not gigabytes or a RangeError', () => {
    // The reproducers, shortened: 1 ms buckets over an hour, and 1e-300 s buckets.
    const fine = cli('run', design('fine.json', twoNodes({ rateRps: 5 }, { durationS: 3600, bucketS: 0.001 })), '--json');
    expect(fine.status).toBe(0);
    expect(fine.stderr).toMatch(
      /^archsim: note: bucketS 0\.001 s would make 3\.6 million time buckets over 3600 s; the run uses 0\.5 s buckets \(7,200\) instead/,
    );
    oneLine(fine.stderr);
    expect(JSON.parse(fine.stdout).simulatedS).toBe(3600);
    const tiny = cli('run', design('tiny.json', twoNodes({ rateRps: 1 }, { durationS: 60, bucketS: 1e-300 })));
    expect(tiny.status).toBe(0);
    expect(tiny.stderr).toMatch(
      /note: bucketS 1e-300 s would make about 10\^301 time buckets over 60 s; the run uses 0\.01 s buckets \(6,000\)/,
    );
    const v = cli('validate', design('fine2.json', twoNodes({}, { durationS: 86_400, bucketS: 0.001 })));
    expect(v.stdout).toMatch(
      /warning: scenario › bucketS: bucketS 0\.001 s would make 86\.4 million time buckets over 86400 s; the run uses 10 s buckets/,
    );
  });

  it('refuses a run expected to do too much work, unless --max-events or --force allow it', () => {
    const flood = design('flood.json', twoNodes({ rateRps: 1e7 }, { durationS: 60 }));
    const r = cli('run', flood, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    oneLine(r.stderr);
    expect(r.stderr).toMatch(
      /^archsim: this run is expected to take about 1\.\d billion events \(600 million requests; roughly \d+ min at 1 million events\/s\), over the limit of 50 million\. Shorten it with --duration, lower the rates, or pass --max-events N or --force/,
    );
    expect(cli('run', flood, '--max-events', '2e9', '--duration', '0.005', '--json').status).toBe(0);
    expect(cli('run', flood, '--force', '--duration', '0.005', '--json').status).toBe(0);
    expect(cli('check', 'scenarios/mm1.json', '--max-events', '1000').stderr).toMatch(/over the limit of 1000/);
    expect(cli('run', 'scenarios/mm1.json', '--max-events', '0').stderr).toMatch(/--max-events must be a number of events, at least 1/);
    expect(cli('run', 'scenarios/mm1.json', '--max-events', '5', '--force').stderr).toMatch(/contradict/);
    const sweep = cli(
      'sweep',
      'scenarios/mm1.json',
      '--param',
      'nodes.client.params.rateRps',
      '--from',
      '10',
      '--to',
      '1e7',
      '--steps',
      '2',
    );
    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toMatch(/^archsim: the run at nodes\.client\.params\.rateRps = 10000000 is expected to take about/);
    const reps = cli('run', flood, '--replications', '3');
    expect(reps.status).toBe(2);
    oneLine(reps.stderr);
  });

  it('stops a run that does more work than the limit although the estimate allowed it', () => {
    // A dead backend behind three layers of retries: 64 attempts per request the traffic equations do not see.
    for (const extra of [[], ['--replications', '2']]) {
      const r = cli('run', 'scenarios/retry-amplification.json', '--max-events', '5000', '--json', ...extra);
      expect(r.status).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(
        /^archsim: stopped after [\d.]+ events at [\d.]+ of 20 s simulated: this run does more work than the limit of 5000 events/,
      );
    }
  });

  it('refuses a closed loop with no think time, which could stop simulated time', () => {
    const r = cli(
      'run',
      design('zero-think.json', {
        version: 1,
        nodes: [
          { id: 'users', kind: 'client', params: { arrival: 'closed', users: 10, thinkTimeMs: 0 } },
          { id: 's', kind: 'service', params: { workers: 4, queueCapacity: 0 } },
        ],
        edges: [{ id: 'e', source: 'users', target: 's' }],
      }),
    );
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr.trim()).toMatch(
      /^archsim: this run may never finish: client "users" is a closed loop with thinkTimeMs 0: .* Pass --force to run it anyway$/,
    );
  });

  it('--json is always parseable and holds no null where a number was meant', () => {
    // Nothing ever finishes: the endpoint is down for the whole run, so a latency bound has nothing to grade.
    const doc = {
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', params: { rateRps: 20 } },
        { id: 'x', kind: 'external' },
      ],
      edges: [{ id: 'e', source: 'c', target: 'x' }],
      scenario: {
        durationS: 5,
        failures: [{ target: 'x', kind: 'down', atS: 0, durationS: 5, mode: 'hang' }],
        requirements: [{ target: 'c', metric: 'latencyP99Ms', op: '<', value: 100 }],
      },
    };
    const f = design('down.json', doc);
    const r = cli('run', f, '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.requirements[0]).toMatchObject({
      pass: false,
      measured: null,
      notMeasured: 'no request finished in the measured period, so there is no latency to grade',
    });
    expect(r.stdout.match(/null/g)).toHaveLength(1);
    const sweep = cli('sweep', f, '--param', 'nodes.c.params.rateRps', '--from', '10', '--to', '20', '--steps', '2', '--json');
    expect(sweep.status).toBe(0);
    expect(sweep.stdout).not.toMatch(/Ci95/); // one run per point: no interval, so none is printed
    expect(JSON.parse(sweep.stdout).points[0].summary.requirements[0]).toMatchObject({
      measured: null,
      notMeasured: expect.stringMatching(/not measured in every replication/),
    });
    const reps = cli('run', 'scenarios/mm1.json', '--replications', '2', '--duration', '60', '--json');
    expect(reps.stdout).not.toMatch(/null/);
  });

  it('never prints a stack trace: an internal error is one line, exit 2', async () => {
    const { main } = await import('./archsim.ts');
    const errors: string[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => {
      throw new Error('the disk is full');
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      errors.push(String(s));
      return true;
    });
    try {
      expect(await main(['validate', 'scenarios/mm1.json'])).toBe(2);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(errors).toEqual(['archsim: internal error: the disk is full\n']);
    // A reader that closes the pipe early is not an error.
    const head = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" bin/archsim.mjs run scenarios/templates/load-balanced-api.json --json | head -c 5`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(head.stdout).toBe('{"see');
    expect(head.stderr).toBe('');
  });

  it('with --json, progress still goes to stderr when it is a terminal', () => {
    const out = join(tmp, 'progress.json');
    // `script` gives the command a terminal; stdout goes to a file, so only stderr reaches the terminal.
    const r = spawnSync(
      'script',
      ['-qec', `"${process.execPath}" bin/archsim.mjs run scenarios/templates/cache-stampede.json --json > ${out}`, '/dev/null'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/simulating… \d+\/120 s +[\d.]+M events/);
    expect(JSON.parse(readFileSync(out, 'utf8')).simulatedS).toBe(120);
    const piped = cli('run', 'scenarios/mm1.json', '--duration', '100', '--json');
    expect(piped.stderr).toBe(''); // not a terminal: no progress
  });
});
