/** "Share": the link that carries the whole design, with a copy button. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../../store/useAppStore.ts';
import { shareLinkBuild } from '../../share/shareLink.ts';
import { exportJson } from './shareActions.ts';
import { useShareUi } from './shareUi.ts';
import { Dialog } from '../chrome/Dialog.tsx';

async function copyText(text: string, field: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (permissions, insecure context): fall back to the selection.
    if (!field) return false;
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function ShareDialog() {
  const close = useShareUi((s) => s.close);
  const doc = useAppStore((s) => s.doc);
  const link = useMemo(() => shareLinkBuild(location.href, doc), [doc]);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.select();
  }, []);

  return (
    <Dialog labelledBy="share-title" onClose={close} className="share-dialog" testId="share-dialog">
      <header className="dialog-head">
        <h2 id="share-title">Share this design</h2>
        <button type="button" className="btn icon ghost" onClick={close} aria-label="Close share">
          ×
        </button>
      </header>
      {link.ok ? (
        <>
          <p className="dialog-sub">
            The link carries the whole design, compressed after the “#”, so it is never sent to a server. Whoever opens it gets their own
            copy in their library.
          </p>
          <textarea
            ref={field}
            data-autofocus
            className="input share-link"
            readOnly
            value={link.fragment}
            rows={4}
            aria-label="Share link"
            data-testid="share-link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="dialog-actions">
            <span className="share-size">{(link.chars / 1024).toFixed(1)} kB</span>
            {copied === 'yes' && (
              <span className="share-note ok" role="status">
                Copied to the clipboard.
              </span>
            )}
            {copied === 'no' && (
              <span className="share-note" role="status">
                Copying was blocked: select the link and copy it yourself.
              </span>
            )}
            <button
              type="button"
              className="btn primary"
              onClick={() => void copyText(link.fragment, field.current).then((ok) => setCopied(ok ? 'yes' : 'no'))}
              data-testid="share-copy"
            >
              Copy link
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="share-note error" role="alert">
            {link.message}
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                exportJson();
                close();
              }}
            >
              Export as file
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
