/**
 * The toolbar's sharing group: Templates, Share, and the File menu (import, export JSON / SVG /
 * PNG). Also owns what goes with them: the dialogs, dropping a design file onto the canvas, and
 * share links pasted into the address bar of an open tab.
 */
import { useEffect, useRef, useState } from 'react';
import { useDismiss } from '../chrome/useDismiss.ts';
import { exportJson, exportPng, exportSvg, importFile, openShareLinkFromLocation } from './shareActions.ts';
import { useShareUi } from './shareUi.ts';
import { TemplateGallery } from './TemplateGallery.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { ImportErrorDialog } from './ImportErrorDialog.tsx';
import { FileDrop } from './FileDrop.tsx';
import './share.css';

const ICONS = {
  grid: (
    <>
      <rect x="3" y="3" width="7" height="7" rx="1.5" />
      <rect x="14" y="3" width="7" height="7" rx="1.5" />
      <rect x="3" y="14" width="7" height="7" rx="1.5" />
      <rect x="14" y="14" width="7" height="7" rx="1.5" />
    </>
  ),
  link: <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />,
  file: (
    <>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8Z" />
      <path d="M14 3v5h5" />
    </>
  ),
  chevron: <path d="m6 9 6 6 6-6" />,
} as const;

function Icon({ name, size = 16 }: { name: keyof typeof ICONS; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {ICONS[name]}
    </svg>
  );
}

function FileMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useDismiss(open, ref, () => setOpen(false));
  const act = (fn: () => unknown) => {
    setOpen(false);
    void fn();
  };

  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="file-button"
      >
        <Icon name="file" />
        File
        <Icon name="chevron" size={14} />
      </button>
      {open && (
        <div className="menu-pop file-pop" role="menu" aria-label="File" data-testid="file-menu">
          <button
            type="button"
            role="menuitem"
            className="file-item"
            onClick={() => act(() => input.current?.click())}
            data-testid="file-import"
          >
            <strong>Import a design file…</strong>
            <span>Opens it as a new design. You can also drop a .json file on the canvas.</span>
          </button>
          <hr />
          <button type="button" role="menuitem" className="file-item" onClick={() => act(exportJson)} data-testid="export-json">
            <strong>Export design (.json)</strong>
            <span>The whole document: nodes, calls, scenario.</span>
          </button>
          <button type="button" role="menuitem" className="file-item" onClick={() => act(exportSvg)} data-testid="export-svg">
            <strong>Export image (.svg)</strong>
            <span>The diagram as a vector image.</span>
          </button>
          <button type="button" role="menuitem" className="file-item" onClick={() => act(exportPng)} data-testid="export-png">
            <strong>Export image (.png)</strong>
            <span>The diagram at twice screen resolution.</span>
          </button>
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importFile(file);
        }}
      />
    </div>
  );
}

export function ShareTools() {
  const dialog = useShareUi((s) => s.dialog);
  const openDialog = useShareUi((s) => s.open);
  useEffect(() => {
    // A share link pasted into this tab's address bar only changes the fragment: no reload.
    const onHash = () => {
      openShareLinkFromLocation();
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => openDialog('gallery')}
        title="Start a new design from a template"
        data-testid="templates-button"
      >
        <Icon name="grid" />
        Templates
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => openDialog('share')}
        title="Copy a link that carries this design"
        data-testid="share-button"
      >
        <Icon name="link" />
        Share
      </button>
      <FileMenu />
      <FileDrop />
      {dialog === 'gallery' && <TemplateGallery />}
      {dialog === 'share' && <ShareDialog />}
      {dialog === 'import-errors' && <ImportErrorDialog />}
    </>
  );
}
