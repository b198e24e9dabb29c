/**
 * npm run outputs -- <dir> [tree]
 *
 * The net for engine refactors: writes what `archsim run` prints for every scenario, template
 * and practice problem into <dir>, so that the outputs of two commits can be compared with
 * `diff -r`. Two commits with the same engine must give identical files.
 *   <path>.json        run --json --series --force, with wallMs set to 0 (the only wall-clock field)
 *   <path>.traces.txt  run --traces --force (templates and problems), its "in N ms" removed
 * File names are the document's path without .json, with / as _. Runs two at a time. With [tree], another
 * checkout's archsim and documents are run (an older commit need not have this script).
 *
 * @example
 *   npm run outputs -- ../out-before ../archsim-before && npm run outputs -- ../out-after && diff -r ../out-before ../out-after
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [outArg, treeArg] = process.argv.slice(2);
if (!outArg) {
  console.error('usage: npm run outputs -- <dir> [tree]');
  process.exit(2);
}
const ROOT = treeArg ? resolve(treeArg) : new URL('..', import.meta.url).pathname;
const out = resolve(outArg);
mkdirSync(out, { recursive: true });

const docs = ['scenarios', 'scenarios/templates', 'scenarios/problems'].flatMap((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${d}/${f}`),
);
interface Job {
  args: string[];
  file: string;
  clean: (text: string) => string;
}
const jobs: Job[] = docs.flatMap((d) => {
  const name = d.replace(/\.json$/, '').replaceAll('/', '_');
  const json: Job = {
    args: ['run', d, '--json', '--series', '--force'],
    file: `${name}.json`,
    clean: (t) => t.replace(/"wallMs":[0-9.e+-]+/g, '"wallMs":0'),
  };
  const traces: Job = {
    args: ['run', d, '--traces', '--force'],
    file: `${name}.traces.txt`,
    clean: (t) => t.replace(/^(.*?) in [0-9.]+ ms/, '$1'),
  };
  return d.startsWith('scenarios/templates/') || d.startsWith('scenarios/problems/') ? [json, traces] : [json];
});

function runOne(job: Job): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/archsim.mjs'), ...job.args], { cwd: ROOT });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (text += b.toString('utf8')));
    child.on('close', (code) => {
      // The exit code is part of the output (check-like failures exit 1).
      writeFileSync(join(out, job.file), `${job.clean(text)}\n[exit ${code}]\n`);
      done();
    });
  });
}

let next = 0;
const worker = async () => {
  while (next < jobs.length) await runOne(jobs[next++]!);
};
const t0 = Date.now();
await Promise.all([worker(), worker()]);
console.log(`${jobs.length} outputs of ${docs.length} documents in ${out} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
