/** React Flow node and edge types, defined once at module scope. */
import type { Node } from '@xyflow/react';
import { ArchNode } from './nodes/ArchNode.tsx';
import { ArchEdge } from './edges/ArchEdge.tsx';

/** Node data is empty: a node card reads its state from the store by id. */
export type ArchFlowNode = Node<Record<string, never>, 'arch'>;
export type { ArchFlowEdge } from './edges/ArchEdge.tsx';

export const nodeTypes = { arch: ArchNode };
export const edgeTypes = { arch: ArchEdge };
