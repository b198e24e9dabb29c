/**
 * The library menu: the designs saved in this browser, and new / open / duplicate / rename /
 * delete. Deleting asks for confirmation inside the menu.
 */
import { useEffect, useRef, useState } from 'react';
import { useDismiss } from './useDismiss.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import type { DesignEntry } from '../../share/library.ts';
import { appSession } from '../appSession.ts';
import { ToolIcon } from './ToolIcon.tsx';
import { openGallery } from '../share/shareUi.ts';

const when = (t: number) => (t ? new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '');

export function LibraryMenu() {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<DesignEntry[]>([]);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const designId = useAppStore((s) => s.designId);
  const doc = useAppStore((s) => s.doc);
  const ref = useRef<HTMLDivElement>(null);

  const refresh = () => setEntries(appSession().list());
  useEffect(() => {
    if (open) refresh();
  }, [open, doc, designId]);
  useDismiss(open, ref, () => setOpen(false));

  const act = (fn: () => unknown, close = true) => {
    fn();
    setRenaming(null);
    setConfirming(null);
    if (close) setOpen(false);
    else refresh();
  };

  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="library-button"
      >
        <ToolIcon name="folder" />
        Designs
        <ToolIcon name="chevron" size={14} />
      </button>
      {open && (
        <div className="menu-pop" role="menu" aria-label="Saved designs" data-testid="library-menu">
          <div className="menu-actions">
            <button
              type="button"
              className="btn small primary"
              role="menuitem"
              onClick={() => act(() => appSession().createNew())}
              data-testid="library-new"
            >
              New design
            </button>
            <button type="button" className="btn small" role="menuitem" onClick={() => act(openGallery)} data-testid="library-templates">
              From a template…
            </button>
            <button type="button" className="btn small" role="menuitem" onClick={() => act(() => appSession().duplicate(designId))}>
              Duplicate current
            </button>
          </div>
          <ul className="menu-list">
            {entries.map((e) => (
              <li key={e.id} className={e.id === designId ? 'current' : ''} data-testid="library-entry">
                {renaming?.id === e.id ? (
                  <form
                    className="menu-rename"
                    onSubmit={(ev) => {
                      ev.preventDefault();
                      act(() => appSession().rename(e.id, renaming.title.trim() || 'Untitled design'), false);
                    }}
                  >
                    <input
                      className="input"
                      autoFocus
                      aria-label="New name"
                      value={renaming.title}
                      maxLength={200}
                      onChange={(ev) => setRenaming({ id: e.id, title: ev.target.value })}
                    />
                    <button type="submit" className="btn small primary">
                      Save
                    </button>
                    <button type="button" className="btn small" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </form>
                ) : confirming === e.id ? (
                  <div className="menu-confirm" role="alertdialog" aria-label="Confirm delete">
                    <span>Delete “{e.title}” for good?</span>
                    <button
                      type="button"
                      className="btn small danger"
                      onClick={() => act(() => appSession().remove(e.id), false)}
                      data-testid="library-confirm-delete"
                    >
                      Delete
                    </button>
                    <button type="button" className="btn small" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </div>
                ) : (
                  <>
                    <button
                      type="button"
                      className="menu-open"
                      role="menuitem"
                      onClick={() => act(() => appSession().open(e.id))}
                      aria-current={e.id === designId ? 'true' : undefined}
                    >
                      <span className="menu-title">{e.title}</span>
                      <span className="menu-meta">{e.id === designId ? 'open now' : when(e.updatedAt)}</span>
                    </button>
                    <span className="menu-row-actions">
                      <button
                        type="button"
                        className="btn small ghost"
                        aria-label={`Rename ${e.title}`}
                        onClick={() => setRenaming({ id: e.id, title: e.title })}
                      >
                        Rename
                      </button>
                      <button
                        type="button"
                        className="btn small ghost"
                        aria-label={`Duplicate ${e.title}`}
                        onClick={() => act(() => appSession().duplicate(e.id))}
                      >
                        Duplicate
                      </button>
                      <button
                        type="button"
                        className="btn small ghost danger"
                        aria-label={`Delete ${e.title}`}
                        onClick={() => setConfirming(e.id)}
                      >
                        Delete
                      </button>
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p className="menu-foot">Saved in this browser automatically, on every change.</p>
        </div>
      )}
    </div>
  );
}
