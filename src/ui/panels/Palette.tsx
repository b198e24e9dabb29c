/** The left palette: every component kind, draggable onto the canvas or added by click. */
import { useReactFlow } from '@xyflow/react';
import { NODE_KINDS, type NodeKind } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { KIND_META } from '../canvas/kindMeta.ts';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { PALETTE_MIME } from '../canvas/Canvas.tsx';
import { documentFreeSpot } from '../canvas/freeSpot.ts';

export function Palette() {
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow();
  /** Click to add: a free spot in view, nearest its centre; if the view is full, pan to the new card. */
  const addInView = (kind: NodeKind) => {
    const rect = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const m = 24; // keep clear of the canvas edges (and the controls in its corners)
    const a = rect ? screenToFlowPosition({ x: rect.left + m, y: rect.top + m }) : { x: 0, y: 0 };
    const b = rect ? screenToFlowPosition({ x: rect.right - m, y: rect.bottom - m }) : { x: 800, y: 600 };
    const { doc, measured } = useAppStore.getState();
    const spot = documentFreeSpot(doc, { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y }, measured);
    const id = useAppStore.getState().addNode(kind, spot.position);
    useAppStore.getState().select([id], []);
    if (!spot.inView) void setCenter(spot.position.x + 100, spot.position.y + 50, { zoom: getZoom(), duration: 250 });
  };
  return (
    <nav className="palette" aria-label="Components">
      <h2 className="panel-title">Components</h2>
      <ul>
        {NODE_KINDS.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className="palette-item"
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, kind);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => addInView(kind)}
              style={{ '--kind': KIND_META[kind].color } as React.CSSProperties}
              title={`${KIND_META[kind].blurb}. Drag onto the canvas, or click to add.`}
              data-testid={`palette-${kind}`}
            >
              <span className="palette-icon">
                <KindIcon kind={kind} size={18} />
              </span>
              <span className="palette-text">
                <span className="palette-name">{KIND_META[kind].name}</span>
                <span className="palette-blurb">{KIND_META[kind].blurb}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-tip">Drag from a card’s right edge to another card to add a call.</p>
    </nav>
  );
}
