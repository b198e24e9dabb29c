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
import type { KindEngine } from './types.ts';

export const KINDS = [client, scheduler, loadBalancer, gateway, service, queue, cache, database, external] as const;

export type KindName = (typeof KINDS)[number]['kind'];
export type AnyKindDef = (typeof KINDS)[number];

/**
 * The kind's engine as an object with every hook key in one fixed order (absent hooks are
 * `undefined`). The kinds' own objects each have their own shape, so a hook call site that
 * meets several kinds would be a megamorphic property load; these all share one hidden class.
 * It is one object literal on purpose: an object given its keys one at a time (`out[h] = …`)
 * turns into a dictionary after a dozen keyed stores, and then every hook load on the
 * per-event path is a generic lookup (it cost M/M/1 about 3 % of its time).
 */
export function kindEngineUniform<S, P>(e: KindEngine<S, P>): KindEngine<S, P> {
  return {
    compile: e.compile,
    init: e.init,
    requestRate: e.requestRate,
    start: e.start,
    event: e.event,
    requestDone: e.requestDone,
    arrive: e.arrive,
    workChoice: e.workChoice,
    workDone: e.workDone,
    pick: e.pick,
    callOutcome: e.callOutcome,
    wantsOutcomes: e.wantsOutcomes,
    needsJobDone: e.needsJobDone,
    jobDone: e.jobDone,
    pull: e.pull,
    consumerDone: e.consumerDone,
    resume: e.resume,
    timerStale: e.timerStale,
    bucketClosed: e.bucketClosed,
    flush: e.flush,
  };
}

/** Each kind's engine hooks, indexed like KINDS, all of one object shape (the core's per-event dispatch table). */
export const KIND_ENGINES = KINDS.map((k) => kindEngineUniform(k.engine as KindEngine<unknown, unknown>));

/** Registry index of each kind (what CompiledModel.kind holds). */
export const KIND_INDEX = Object.fromEntries(KINDS.map((k, i) => [k.kind, i])) as Record<KindName, number>;

export function kindDef<K extends KindName>(kind: K): Extract<AnyKindDef, { kind: K }> {
  return KINDS[KIND_INDEX[kind]] as Extract<AnyKindDef, { kind: K }>;
}
