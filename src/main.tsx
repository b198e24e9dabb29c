import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App.tsx';
import { appSession } from './ui/appSession.ts';
import { openShareLinkFromLocation, welcomeFirstVisit } from './ui/share/shareActions.ts';

// Restore the last design (or store the sample) before the first render, so the canvas opens on it.
const opened = appSession().start();
// A share link (#d=…) opens as a new design on top; a damaged one only adds a banner.
const shared = openShareLinkFromLocation();
if (opened === 'sample' && shared === 'none') welcomeFirstVisit();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App layoutOnOpen={opened === 'sample' && shared !== 'opened'} />
  </StrictMode>,
);
