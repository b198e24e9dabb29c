/** React Flow node and edge types, defined once at module scope. */
import type { Node } from '@xyflow/react';
import { ArchNode } from './nodes/ArchNode.tsx';

/** Node data is empty: a node card reads its state from the store by id. */
export type ArchFlowNode = Node<Record<string, never>, 'arch'>;

export const nodeTypes = { arch: ArchNode };
