/** The editor shell: toolbar, palette, canvas, inspector, bottom dock. */
import { ReactFlowProvider } from '@xyflow/react';
import { Toolbar } from './chrome/Toolbar.tsx';
import { Banners } from './chrome/Banners.tsx';
import { HelpOverlay } from './chrome/HelpOverlay.tsx';
import { Dock } from './chrome/Dock.tsx';
import { useShortcuts } from './chrome/useShortcuts.ts';
import { Palette } from './panels/Palette.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Canvas } from './canvas/Canvas.tsx';

function Shell() {
  useShortcuts();
  return (
    <div className="app">
      <Toolbar />
      <Banners />
      <div className="workspace">
        <Palette />
        <main className="stage">
          <Canvas />
          <Dock />
        </main>
        <Inspector />
      </div>
      <HelpOverlay />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}
