import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App.tsx';
import { appSession } from './ui/appSession.ts';

// Restore the last design (or store the sample) before the first render, so the canvas opens on it.
const opened = appSession().start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App layoutOnOpen={opened === 'sample'} />
  </StrictMode>,
);
