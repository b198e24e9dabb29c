/** The template gallery: a card per template; opening one creates a new design in the library. */
import { useMemo } from 'react';
import { Dialog } from '../chrome/Dialog.tsx';
import { requestFrame } from '../canvas/frameRequest.ts';
import { templateList, type Template } from '../../share/templates.ts';
import { openAsNewDesign, thumbnailUrl } from './shareActions.ts';
import { useShareUi } from './shareUi.ts';

export function TemplateGallery() {
  const close = useShareUi((s) => s.close);
  const templates = useMemo(() => templateList().map((t) => ({ t, thumb: thumbnailUrl(t.doc) })), []);

  const open = (t: Template) => {
    // Laid out (columns wide enough for the call labels) and shown at a zoom where the cards read.
    requestFrame('readable', true);
    if (openAsNewDesign(structuredClone(t.doc))) close();
  };

  return (
    <Dialog labelledBy="gallery-title" onClose={close} className="gallery" testId="gallery">
      <header className="dialog-head">
        <div>
          <h2 id="gallery-title">Start from a template</h2>
          <p className="dialog-sub">
            The system-design classics, each with a failure scenario and requirements. Opening one adds a new design to your library; the
            design open now is kept.
          </p>
        </div>
        <button type="button" className="btn icon ghost" onClick={close} aria-label="Close templates">
          ×
        </button>
      </header>
      <ul className="gallery-grid">
        {templates.map(({ t, thumb }) => (
          <li key={t.id}>
            <button type="button" className="gallery-card" onClick={() => open(t)} data-testid={`template-${t.id}`}>
              <span className="gallery-thumb">
                <img src={thumb} alt="" draggable={false} />
              </span>
              <span className="gallery-text">
                <span className="gallery-title">
                  {t.title}
                  {t.puzzle && <span className="gallery-tag">Puzzle</span>}
                </span>
                <span className="gallery-summary">{t.summary}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
