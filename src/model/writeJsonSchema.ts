/** Writes docs/archsim.schema.json from the zod schema and FORMAT.md's kind table from the kind modules (`npm run schema`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { documentJsonSchema } from './jsonSchema.ts';
import { formatDocWithKindTable } from './kindTable.ts';

const out = new URL('../../docs/archsim.schema.json', import.meta.url);
writeFileSync(out, JSON.stringify(documentJsonSchema(), null, 2) + '\n');
console.log(`wrote ${out.pathname}`);
const format = new URL('../../docs/FORMAT.md', import.meta.url);
writeFileSync(format, formatDocWithKindTable(readFileSync(format, 'utf8')));
console.log(`wrote ${format.pathname} (kind table)`);
