/** Display metadata per node kind (name, colour, palette blurb), read from the kind modules' registry. */
import type { NodeKind } from '../../model/index.ts';
import { KINDS } from '../../kinds/registry.ts';
import type { KindMeta } from '../../kinds/types.ts';

export type { KindMeta } from '../../kinds/types.ts';

export const KIND_META = Object.fromEntries(KINDS.map((k) => [k.kind, k.meta])) as Record<NodeKind, KindMeta>;

/** Kinds that make no downstream calls: their cards have no source handle. */
export const SINK_KINDS: readonly NodeKind[] = KINDS.filter((k) => (k.wiring as { leaf?: boolean }).leaf).map((k) => k.kind);
