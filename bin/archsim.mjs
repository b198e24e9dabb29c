#!/usr/bin/env node
// archsim command-line entry: loads the TypeScript CLI through tsx (a runtime dependency).
// Whatever happens, the user gets one line on stderr, never a stack trace.
import { register } from 'tsx/esm/api';

// `archsim run … --json | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  else {
    process.stderr.write(`archsim: cannot write the output: ${e.message}\n`);
    process.exit(2);
  }
});
const internal = (e) => {
  process.stderr.write(`archsim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
};
process.on('uncaughtException', internal);
process.on('unhandledRejection', internal);

try {
  register();
  const { main } = await import('../src/cli/archsim.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  internal(e);
}
