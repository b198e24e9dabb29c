/**
 * Validated edit functions for the inspector: each reads the current object from the store,
 * validates the edit against its schema, and commits only a valid result (one undo step).
 * Returns the message to show beside the field, or null.
 */
import { documentSchema, edgeSchema, nodeSchema, scenarioSchema, type DocNode } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { createFieldEditSession } from '../../store/fieldEditSession.ts';
import type { FieldPath } from './schemaFields.ts';
import { validateEdit } from './validateEdit.ts';

/** The app's field edit session: text fields begin it on focus, so typing is one undo step. */
export const fieldEdits = createFieldEditSession(useAppStore);

export function editNode(id: string) {
  return (path: FieldPath, value: unknown): string | null => {
    const s = useAppStore.getState();
    const node = s.doc.nodes.find((n) => n.id === id);
    if (!node) return 'This node no longer exists';
    const r = validateEdit(nodeSchema, node, path, value);
    if (!r.ok) return r.message;
    fieldEdits.commit(() => s.replaceNode(r.value));
    return null;
  };
}

/** The same edit applied to several nodes (of one kind): all of them or none, one undo step. */
export function editNodes(ids: readonly string[]) {
  return (path: FieldPath, value: unknown): string | null => {
    const s = useAppStore.getState();
    const out: DocNode[] = [];
    for (const id of ids) {
      const node = s.doc.nodes.find((n) => n.id === id);
      if (!node) return 'A selected node no longer exists';
      const r = validateEdit(nodeSchema, node, path, value);
      if (!r.ok) return r.message;
      out.push(r.value);
    }
    fieldEdits.commit(() => s.replaceNodes(out));
    return null;
  };
}

export function editEdge(id: string) {
  return (path: FieldPath, value: unknown): string | null => {
    const s = useAppStore.getState();
    const edge = s.doc.edges.find((e) => e.id === id);
    if (!edge) return 'This call no longer exists';
    const r = validateEdit(edgeSchema, edge, path, value);
    if (!r.ok) return r.message;
    fieldEdits.commit(() => s.replaceEdge(r.value));
    return null;
  };
}

export function editScenario(path: FieldPath, value: unknown): string | null {
  const s = useAppStore.getState();
  const r = validateEdit(scenarioSchema, s.doc.scenario, path, value);
  if (!r.ok) return r.message;
  fieldEdits.commit(() => s.replaceScenario(r.value));
  return null;
}

/** Title and description: validated against their entries in the document schema. */
export function editMeta(path: FieldPath, value: unknown): string | null {
  const key = path[0];
  if (key !== 'title' && key !== 'description') return 'Not editable';
  const r = documentSchema.shape[key].safeParse(value);
  if (!r.success) return r.error.issues[0]?.message ?? 'Invalid';
  fieldEdits.commit(() => useAppStore.getState().setMeta({ [key]: r.data }));
  return null;
}
