/**
 * Document files: the saved shape is the document itself (`{ type: "archsim/document",
 * version, … }`), pretty-printed. Reading validates and migrates through the model; errors
 * name the node/edge and field. Nothing here touches the DOM (the UI does the download and
 * the file picker). Imports only the model.
 */
import { parseDocumentText, type ArchDocument, type DocError } from '../model/index.ts';

/** Files larger than this are refused before parsing. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type FileReadResult = { ok: true; doc: ArchDocument; warnings: DocError[] } | { ok: false; message: string; errors: DocError[] };

/** A file name for a document: its title, slugged, plus `.archsim.json`. */
export function documentFileName(doc: Pick<ArchDocument, 'title'>, ext = 'archsim.json'): string {
  const slug = doc.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'design'}.${ext}`;
}

/** The text of an exported file. */
export function documentToFileText(doc: ArchDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Read a document from a file's text (`name` is only used in messages).
 *
 * @example
 * const r = documentFromFileText(await file.text(), file.name);
 * if (!r.ok) showErrors(r.message, r.errors);
 */
export function documentFromFileText(text: string, name = 'the file'): FileReadResult {
  if (text.length > MAX_FILE_BYTES)
    return { ok: false, message: `${name} is too large to be a design (${Math.round(text.length / 1048576)} MB).`, errors: [] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, message: `${name} is empty.`, errors: [] };
  const parsed = parseDocumentText(body);
  if (!parsed.ok) {
    const notJson = parsed.errors.length === 1 && parsed.errors[0]!.where === 'file';
    const n = parsed.errors.length;
    return {
      ok: false,
      message: notJson
        ? `${name} is not an archsim design: it is not valid JSON.`
        : `${name} could not be opened: ${n} problem${n > 1 ? 's' : ''} found.`,
      errors: parsed.errors,
    };
  }
  return parsed;
}
