/** Writes docs/archsim.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { documentJsonSchema } from './jsonSchema.ts';

const out = new URL('../../docs/archsim.schema.json', import.meta.url);
writeFileSync(out, JSON.stringify(documentJsonSchema(), null, 2) + '\n');
console.log(`wrote ${out.pathname}`);
