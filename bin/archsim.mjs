#!/usr/bin/env node
// archsim command-line entry: loads the TypeScript CLI through tsx (a runtime dependency).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/archsim.ts');
process.exitCode = await main(process.argv.slice(2));
