/** The editor shell: toolbar, palette, canvas, inspector, bottom dock. */
import { ReactFlowProvider } from '@xyflow/react';
import { Toolbar } from './chrome/Toolbar.tsx';
import { Banners } from './chrome/Banners.tsx';
import { HelpOverlay } from './chrome/HelpOverlay.tsx';
import { AboutDialog } from './chrome/AboutDialog.tsx';
import { Dock } from './chrome/Dock.tsx';
import { useShortcuts } from './chrome/useShortcuts.ts';
import { useFrameOnOpen } from './canvas/useFrameOnOpen.ts';
import { Palette } from './panels/Palette.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Canvas } from './canvas/Canvas.tsx';
import { useAppStore } from '../store/useAppStore.ts';
import { PracticePanel, PracticePicker, usePracticeLinks } from './practice/PracticePanel.tsx';
import { usePractice } from './practice/usePractice.ts';

function Shell({ layoutOnOpen }: { layoutOnOpen: boolean }) {
  useShortcuts();
  // How many designs were opened, and whether the one open now is framed (tests wait on both).
  const opened = useAppStore((s) => s.openCount);
  const settled = useFrameOnOpen(layoutOnOpen ? { mode: 'readable', layout: true } : undefined);
  usePracticeLinks();
  const practice = usePractice((s) => s.open);
  // Beside the practice panel the inspector shows only while something is selected, so the canvas keeps its width.
  const selected = useAppStore((s) => s.selectedNodeIds.length + s.selectedEdgeIds.length > 0);
  return (
    <div className="app" data-settled={settled} data-opened={opened}>
      <Toolbar />
      <Banners />
      <div className={`workspace${practice ? ` with-practice${selected ? ' has-selection' : ''}` : ''}`}>
        <Palette />
        <main className="stage">
          <Canvas />
          <Dock />
        </main>
        <Inspector />
        <PracticePanel />
      </div>
      <PracticePicker />
      <HelpOverlay />
      <AboutDialog />
    </div>
  );
}

/** `layoutOnOpen`: the sample design opened on a first visit is laid out and framed for reading. */
export function App({ layoutOnOpen = false }: { layoutOnOpen?: boolean }) {
  return (
    <ReactFlowProvider>
      <Shell layoutOnOpen={layoutOnOpen} />
    </ReactFlowProvider>
  );
}
