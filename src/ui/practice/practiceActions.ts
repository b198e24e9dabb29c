/**
 * The practice verbs: open a problem (its starting canvas as a new design, from the picker or a
 * `#problem=<id>` link), open its reference design, save a checklist note in the document, and
 * "Check my design": every drill × its replications on the worker pool (the same path Replicate
 * uses), then the scorecard. The UI thread only plans and summarises.
 */
import { practiceSchema, CHECKLIST_ITEMS, type ArchDocument, type ChecklistItem, type Practice } from '../../model/index.ts';
import { problemById, problemDocument, unknownProblemMessage } from '../../practice/problems.ts';
import { gradePlan, scorecardBuild } from '../../practice/scorecard.ts';
import { drillDocument } from '../../practice/drillDocument.ts';
import type { Problem } from '../../practice/types.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { createSimPool, type SimPool } from '../../worker/SimPool.ts';
import { requestFrame } from '../canvas/frameRequest.ts';
import { fieldEdits } from '../panels/editors.ts';
import { openAsNewDesign } from '../share/shareActions.ts';
import { usePractice } from './usePractice.ts';

const PROBLEM_HASH = /^#problem=(.*)$/;

/** The deep link of a problem: this page with `#problem=<id>`. */
export function problemLink(id: string): string {
  return `${location.origin}${location.pathname}#problem=${encodeURIComponent(id)}`;
}

/** The problem the open design answers, if any. */
export function currentProblem(doc: ArchDocument): Problem | undefined {
  return doc.practice ? problemById(doc.practice.problem) : undefined;
}

/** Open a problem's starting canvas (or its reference design) as a new design, and show the brief. */
export function openProblem(problem: Problem, which: 'start' | 'reference' = 'start'): boolean {
  let doc = structuredClone(problemDocument(problem, which));
  // Its scenario (and traffic) is the first drill with a failure or a spike, so Run and live mode replay that drill.
  const drill = problem.drills.find((d) => d.failures.length > 0 || d.sources) ?? problem.drills[0]!;
  const dd = drillDocument(problem, doc, drill);
  if (dd.ok)
    doc = {
      ...doc,
      nodes: dd.doc.nodes,
      scenario: dd.doc.scenario,
      description:
        `${doc.description} Its scenario is the “${drill.name}” drill: press Run to watch it; “Check my design” grades every drill.`.slice(
          0,
          20_000,
        ),
    };
  // Laid out and shown at a zoom where the cards read, like a template.
  requestFrame('readable', true);
  const opened = openAsNewDesign(doc);
  if (opened) {
    const p = usePractice.getState();
    p.setOpen(true);
    p.setPickerOpen(false);
    p.setTab(which === 'reference' ? 'check' : 'brief');
    p.setCheck({ status: 'idle' });
  }
  return opened;
}

/**
 * If the address carries `#problem=<id>`, open that problem (a design already open for it is kept,
 * so a reload does not pile up copies). An unknown id is a banner listing the problems.
 */
export function openProblemFromLocation(): 'none' | 'opened' | 'failed' {
  const m = PROBLEM_HASH.exec(location.hash);
  if (!m) return 'none';
  let id = m[1] ?? '';
  try {
    id = decodeURIComponent(id);
  } catch {
    // A malformed escape is an unknown id like any other.
  }
  const problem = problemById(id);
  const store = useAppStore.getState();
  if (!problem) {
    store.showBanner({ id: 'practice-link', tone: 'error', message: `${unknownProblemMessage(id)} Nothing was opened.` });
    return 'failed';
  }
  store.dismissBanner('practice-link');
  store.dismissBanner('welcome');
  // Like a share link, the fragment is consumed: a reload reopens the autosaved design instead.
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  if (store.doc.practice?.problem === problem.id) {
    usePractice.getState().setOpen(true);
    return 'opened';
  }
  return openProblem(problem) ? 'opened' : 'failed';
}

/** Save what the candidate would say for one checklist item (typing is one undo step, like any field). */
export function editPracticeNote(item: ChecklistItem, text: string): string | null {
  const doc = useAppStore.getState().doc;
  if (!doc.practice) return 'This design answers no practice problem';
  const r = practiceSchema.safeParse({ ...doc.practice, notes: { ...doc.practice.notes, [item]: text } });
  if (!r.success) return r.error.issues[0]?.message ?? 'Invalid';
  const practice: Practice = r.data;
  fieldEdits.commit(() => useAppStore.getState().setMeta({ practice }));
  return null;
}

/** Notes filled in, of the checklist's items. */
export function notesDone(doc: ArchDocument): number {
  return CHECKLIST_ITEMS.filter((k) => (doc.practice?.notes[k] ?? '').trim().length > 0).length;
}

let pool: SimPool | null = null;

/** Run every drill of the open design's problem on the worker pool, then show the scorecard. */
export function checkDesign(): void {
  const doc = useAppStore.getState().doc;
  const problem = currentProblem(doc);
  const practice = usePractice.getState();
  if (!problem) {
    practice.setCheck({ status: 'error', message: 'This design answers no practice problem: open one from the problem list first.' });
    return;
  }
  const plan = gradePlan(problem, doc);
  practice.setTab('check');
  if (!plan.ok) {
    practice.setCheck({ status: 'done', card: scorecardBuild(plan, []), wallMs: 0, nodes: doc.nodes, edges: doc.edges });
    return;
  }
  practice.setCheck({ status: 'running', fraction: 0, runs: plan.jobs.length });
  pool ??= createSimPool();
  pool.run(
    plan.jobs.map((j) => ({ doc: j.doc, seed: j.seed })),
    {
      onProgress: (p) => usePractice.getState().setCheck({ status: 'running', fraction: p.fraction, runs: p.total }),
      onDone: (results, wallMs) =>
        usePractice
          .getState()
          .setCheck({ status: 'done', card: scorecardBuild(plan, results), wallMs, nodes: doc.nodes, edges: doc.edges }),
      onError: (message) => usePractice.getState().setCheck({ status: 'error', message: `A drill could not run: ${message}` }),
    },
  );
}

export function cancelCheck(): void {
  pool?.cancel();
  usePractice.getState().setCheck({ status: 'idle' });
}
