/** The top bar: design title, the library menu, undo/redo, auto-layout, fit, run, templates / share / file, help. */
import { useStore } from 'zustand';
import { useReactFlow } from '@xyflow/react';
import { useAppStore } from '../../store/useAppStore.ts';
import { autoLayout, redo, undo } from '../editorActions.ts';
import { LibraryMenu } from './LibraryMenu.tsx';
import { MOD } from './shortcuts.ts';
import { ToolIcon } from './ToolIcon.tsx';
import { FIT_OPTIONS } from '../canvas/viewFrame.ts';
import { RunControls } from '../results/RunControls.tsx';
import { ShareTools } from '../share/ShareTools.tsx';
import { usePractice } from '../practice/usePractice.ts';

export function Toolbar() {
  const title = useAppStore((s) => s.doc.title);
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const canUndo = useStore(useAppStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useAppStore.temporal, (s) => s.futureStates.length > 0);
  const { fitView } = useReactFlow();
  return (
    <header className="toolbar">
      <div className="toolbar-group">
        <span className="brand" aria-label="archsim">
          <img src="./favicon.svg" alt="" width={20} height={20} />
          archsim
        </span>
        <span className="toolbar-sep" aria-hidden="true" />
        <h1 className="design-title" title={title} data-testid="design-title">
          {title}
        </h1>
        <LibraryMenu />
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="btn icon"
          onClick={undo}
          disabled={!canUndo}
          aria-label="Undo"
          title={`Undo (${MOD}+Z)`}
          data-testid="undo"
        >
          <ToolIcon name="undo" />
        </button>
        <button
          type="button"
          className="btn icon"
          onClick={redo}
          disabled={!canRedo}
          aria-label="Redo"
          title={`Redo (Shift+${MOD}+Z)`}
          data-testid="redo"
        >
          <ToolIcon name="redo" />
        </button>
        <span className="toolbar-sep" aria-hidden="true" />
        <button
          type="button"
          className="btn"
          onClick={() => void autoLayout().then(() => fitView({ ...FIT_OPTIONS, duration: 300 }))}
          title="Auto-layout, left to right (L)"
          data-testid="auto-layout"
        >
          <ToolIcon name="layout" />
          Auto-layout
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void fitView({ ...FIT_OPTIONS, duration: 300 })}
          title="Fit the design in view (F)"
        >
          <ToolIcon name="fit" />
          Fit
        </button>
        <span className="toolbar-sep" aria-hidden="true" />
        <RunControls />
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="btn"
          onClick={() => {
            const p = usePractice.getState();
            if (p.open) p.setOpen(false);
            else if (useAppStore.getState().doc.practice) p.setOpen(true);
            else p.setPickerOpen(true);
          }}
          title="Interview practice: problems with a brief, failure drills and a scorecard"
          data-testid="practice-button"
        >
          Practice
        </button>
        <ShareTools />
        <button
          type="button"
          className="btn icon"
          onClick={() => setHelpOpen(true)}
          aria-label="Keyboard shortcuts and help"
          title="Help (?)"
          data-testid="help-button"
        >
          <ToolIcon name="help" />
        </button>
      </div>
    </header>
  );
}
