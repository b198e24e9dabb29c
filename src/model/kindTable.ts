/**
 * docs/FORMAT.md's table of node kinds, generated from the kind modules (`npm run schema`
 * rewrites it between the `kinds:start` / `kinds:end` markers; a test checks it is current).
 */
import { z } from 'zod';
import { KINDS } from '../kinds/registry.ts';

type Json = {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, Json>;
  anyOf?: Json[];
  oneOf?: Json[];
  items?: Json;
};

function defaultText(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') {
    const d = v as Record<string, unknown>;
    if (typeof d.type === 'string') {
      const rest = Object.entries(d)
        .filter(([k]) => k !== 'type')
        .map(([, x]) => String(x))
        .join('/');
      return `${d.type} ${rest}`;
    }
    return '';
  }
  return String(v);
}

function paramText(key: string, s: Json): string {
  const options = s.enum ?? s.anyOf?.find((x) => x.enum)?.enum;
  const props = s.properties ?? s.anyOf?.find((x) => x.properties)?.properties;
  let t = `\`${key}\``;
  if (options && options.length > 1) t += ` ${options.join('\\|')}`;
  if (props && !s.oneOf && !('type' in ((s.default as object) ?? {}))) {
    return `${t} {${Object.entries(props)
      .map(([k, v]) => paramText(k, v))
      .join(', ')}}`;
  }
  const d = defaultText(s.default);
  return d ? `${t} (${d})` : t;
}

export function kindTableMarkdown(): string {
  const rows = KINDS.map((k) => {
    const json = z.toJSONSchema(k.params as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Json;
    const params = Object.entries(json.properties ?? {})
      .map(([key, s]) => paramText(key, s))
      .join(' · ');
    return `| \`${k.kind}\` (${k.meta.name}) | ${params} | ${k.meta.doc} |`;
  });
  return ['| kind | parameters (default) | behaviour |', '|---|---|---|', ...rows].join('\n');
}

const START = '<!-- kinds:start (generated from src/kinds by `npm run schema`) -->';
const END = '<!-- kinds:end -->';

/** FORMAT.md's text with the kind table replaced by the generated one. */
export function formatDocWithKindTable(text: string): string {
  const a = text.indexOf(START),
    b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error('docs/FORMAT.md has no kinds:start / kinds:end markers');
  return `${text.slice(0, a + START.length)}\n${kindTableMarkdown()}\n${text.slice(b)}`;
}

export const KIND_TABLE_MARKERS = { START, END };
