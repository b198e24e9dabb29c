/** What an empty canvas says: how to add the first component, or where the ready-made designs are. */
import { openGallery } from '../share/shareUi.ts';

export function EmptyCanvas() {
  return (
    <div className="canvas-empty" data-testid="canvas-empty">
      <div className="canvas-empty-card">
        <h2>An empty design</h2>
        <p>
          Drag a component from the list on the left onto the canvas, or click one to add it. Then drag from the dot on a card’s right edge
          to another card to add a call.
        </p>
        <p>Or start from a ready-made design:</p>
        <button type="button" className="btn primary" onClick={openGallery} data-testid="empty-templates">
          Open a template…
        </button>
      </div>
    </div>
  );
}
