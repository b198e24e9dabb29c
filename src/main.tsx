import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App.tsx';
import { appSession } from './ui/appSession.ts';
import { openShareLinkFromLocation, welcomeFirstVisit } from './ui/share/shareActions.ts';
import { openProblemFromLocation } from './ui/practice/practiceActions.ts';

// Restore the last design (or store the sample) before the first render, so the canvas opens on it.
const opened = appSession().start();
// A share link (#d=…) opens as a new design on top; a damaged one only adds a banner.
const shared = openShareLinkFromLocation();
// A practice link (#problem=…) opens that problem's brief and starting canvas.
const problem = openProblemFromLocation();
if (opened === 'sample' && shared === 'none' && problem === 'none') welcomeFirstVisit();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App layoutOnOpen={opened === 'sample' && shared !== 'opened' && problem !== 'opened'} />
  </StrictMode>,
);
