/**
 * What the app says about a share link it cannot open, in the user's words: what happened to
 * the link and what to do, never the decoder's internals (base64, DEFLATE, JSON positions).
 * The decoder (share/shareLink.ts) reports a kind; the words are chosen here.
 */
import type { ShareDecodeResult } from '../../share/shareLink.ts';
import { shareLinkPayload } from '../../share/shareLink.ts';

type Failed = Extract<ShareDecodeResult, { ok: false }>;

const DAMAGED =
  'This link is damaged: part of it is missing or was changed, so the design in it cannot be read. Long links are often cut off when they are copied from a chat or an e-mail; ask for the link again and copy all of it.';

/**
 * @example
 * shareLinkFailureMessage({ ok: false, kind: 'deflate', message: '…invalid block type…', errors: [] }, '#d=1.xyz')
 * // → 'This link is damaged: part of it is missing or was changed, …'
 */
export function shareLinkFailureMessage(r: Failed, hash: string): string {
  switch (r.kind) {
    case 'empty':
      return 'This link carries no design: it ends right after “#d=”. Ask for the link again and copy all of it.';
    case 'too-long':
      return 'This link is too long to be a design link (it may have other text stuck to it). Ask for the link again.';
    case 'version': {
      const v = /^(\d+)\./.exec(shareLinkPayload(hash) ?? '')?.[1];
      return v
        ? `This link was made by another version of archsim (link format ${v}), which this version cannot read. Open it with the archsim that made it, or ask for the design as a file.`
        : DAMAGED;
    }
    case 'schema': {
      const first = r.errors[0];
      // Something at the root that is not a document at all: the link does not carry a design.
      if (first && first.path.length === 0) return DAMAGED;
      if (!first) return 'The design in this link cannot be opened by this version of archsim. Ask for the design as a file.';
      const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more problem${r.errors.length > 2 ? 's' : ''})` : '';
      return `The design in this link has a problem this version of archsim cannot open: ${first.where}: ${first.message}${more}.`;
    }
    default:
      // base64, deflate, json, and any other way the bytes can be wrong (a failed checksum…).
      return DAMAGED;
  }
}
