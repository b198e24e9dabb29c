/** The JSON Schema of the document, generated from the zod schema (the single source of rules). */
import { z } from 'zod';
import { documentSchema } from './schema.ts';

export function documentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(documentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://archsim.dev/schema/v1.json',
    title: 'archsim document, format version 1',
  } as Record<string, unknown>;
}
