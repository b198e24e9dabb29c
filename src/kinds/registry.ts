/**
 * The component kinds, in palette order. Adding a kind is one folder (src/kinds/<kind>/) plus
 * one line here: the document schema, the engine, the analysis, the CLI, the palette, the
 * inspector, the cards, the JSON Schema and docs/FORMAT.md all read this list.
 */
import { client } from './client/index.ts';
import { scheduler } from './scheduler/index.ts';
import { loadBalancer } from './loadBalancer/index.ts';
import { gateway } from './gateway/index.ts';
import { service } from './service/index.ts';
import { queue } from './queue/index.ts';
import { cache } from './cache/index.ts';
import { database } from './database/index.ts';
import { external } from './external/index.ts';

export const KINDS = [client, scheduler, loadBalancer, gateway, service, queue, cache, database, external] as const;

export type KindName = (typeof KINDS)[number]['kind'];
export type AnyKindDef = (typeof KINDS)[number];

/** Registry index of each kind (what CompiledModel.kind holds). */
export const KIND_INDEX = Object.fromEntries(KINDS.map((k, i) => [k.kind, i])) as Record<KindName, number>;

export function kindDef<K extends KindName>(kind: K): Extract<AnyKindDef, { kind: K }> {
  return KINDS[KIND_INDEX[kind]] as Extract<AnyKindDef, { kind: K }>;
}
