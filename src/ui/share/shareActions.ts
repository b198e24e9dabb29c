/**
 * The sharing verbs behind the toolbar: open a template, a share link or a file as a new design
 * in the library (never over the open one), and export the design as JSON, SVG or PNG. Every
 * failure becomes a banner or the import dialog; the library and the open design are untouched.
 */
import type { ArchDocument } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { shareLinkDecode, shareLinkPayload } from '../../share/shareLink.ts';
import { documentFileName, documentFromFileText, documentToFileText } from '../../share/file.ts';
import { diagramSvg, type DiagramOptions } from '../../share/diagramSvg.ts';
import { KIND_META } from '../canvas/kindMeta.ts';
import { nodeSummary } from '../canvas/nodeSummary.ts';
import type { NodeKind } from '../../model/index.ts';
import { appSession } from '../appSession.ts';
import { useShareUi } from './shareUi.ts';
import { shareLinkFailureMessage } from './shareLinkMessage.ts';

const banner = (id: string, tone: 'error' | 'warning' | 'info', message: string) =>
  useAppStore.getState().showBanner({ id, tone, message });

/** Open `doc` as a new design in the library. */
export function openAsNewDesign(doc: ArchDocument): boolean {
  useAppStore.getState().dismissBanner('welcome');
  return appSession().createNew(doc);
}

/** Remove the share fragment from the address bar, so a reload does not import it again. */
function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/**
 * If the page address carries a share link (`#d=…`), open its design as a new design.
 * Returns what happened; a damaged link is reported in a banner and changes nothing.
 */
export function openShareLinkFromLocation(): 'none' | 'opened' | 'failed' {
  if (shareLinkPayload(location.hash) === null) return 'none';
  const hash = location.hash;
  const r = shareLinkDecode(hash);
  clearFragment();
  if (!r.ok) {
    banner('share-link', 'error', `${shareLinkFailureMessage(r, hash)} Nothing in your library was changed.`);
    return 'failed';
  }
  useAppStore.getState().dismissBanner('share-link');
  if (!openAsNewDesign(r.doc)) return 'failed';
  banner('share-link', 'info', `Opened “${r.doc.title}” from a shared link, as a new design in your library.`);
  return 'opened';
}

/** Read a dropped or picked file and open it as a new design, or show why it cannot be opened. */
export async function importFile(file: File): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    useShareUi.getState().showProblem({ title: `Could not read ${file.name}`, message: (e as Error).message, errors: [] });
    return false;
  }
  const r = documentFromFileText(text, file.name);
  if (!r.ok) {
    useShareUi.getState().showProblem({ title: `Could not open ${file.name}`, message: r.message, errors: r.errors });
    return false;
  }
  const opened = openAsNewDesign(r.doc);
  if (opened) banner('import', 'info', `Opened ${file.name} as a new design “${r.doc.title}”.`);
  return opened;
}

/** Save a blob as a download. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const COLORS = Object.fromEntries(Object.entries(KIND_META).map(([k, m]) => [k, m.color])) as Record<NodeKind, string>;
const NAMES = Object.fromEntries(Object.entries(KIND_META).map(([k, m]) => [k, m.name])) as Record<NodeKind, string>;

/** The open design as SVG text, cards at their measured sizes. */
export function currentDiagramSvg(opts: DiagramOptions = {}): string {
  const { doc, measured } = useAppStore.getState();
  const details = Object.fromEntries(doc.nodes.map((n) => [n.id, nodeSummary(n)]));
  return diagramSvg(doc, { colors: COLORS, kindNames: NAMES, sizes: measured, details, title: true, ...opts });
}

/** A thumbnail (boxes and arrows, no text) as a data: URL for an <img>. */
export function thumbnailUrl(doc: ArchDocument): string {
  const svg = diagramSvg(doc, { colors: COLORS, kindNames: NAMES, labels: false });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function exportJson(): void {
  const { doc } = useAppStore.getState();
  download(documentFileName(doc), new Blob([documentToFileText(doc)], { type: 'application/json' }));
}

export function exportSvg(): void {
  const { doc } = useAppStore.getState();
  download(documentFileName(doc, 'svg'), new Blob([currentDiagramSvg()], { type: 'image/svg+xml' }));
}

/** Draw the SVG onto a canvas at `scale` and encode it as PNG (no network, no fonts fetched). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw images');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image is too large to encode'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportPng(): Promise<void> {
  const { doc } = useAppStore.getState();
  try {
    download(documentFileName(doc, 'png'), await svgToPng(currentDiagramSvg()));
  } catch (e) {
    banner('export', 'error', `The PNG could not be made (${(e as Error).message}). Export SVG instead.`);
  }
}

/**
 * First visit: say what is open and where the other templates are, without covering the
 * design. The banner describes the sample, so it goes as soon as another design opens.
 */
export function welcomeFirstVisit(): void {
  const { doc, openCount } = useAppStore.getState();
  banner(
    'welcome',
    'info',
    `Welcome to archsim. This is “${doc.title}”, a ready-made design: press Run to simulate it. Seven more system-design classics (rate limiter, payments, cache stampede…) are under Templates in the toolbar.`,
  );
  const unsubscribe = useAppStore.subscribe((s) => {
    if (s.openCount === openCount) return;
    unsubscribe();
    s.dismissBanner('welcome');
  });
}
