/**
 * The run slice: run status, the last few finished runs (in memory only), what the results
 * dock shows, and the finding highlighted on the charts. The engine runs behind SimClient;
 * progress and live snapshots go to the small `useRunLive` store.
 */
import type { StateCreator } from 'zustand';
import type { ArchDocument } from '../model/index.ts';
import { createSimClient, type SimClient } from '../worker/SimClient.ts';
import { createSimPool, type SimPool } from '../worker/SimPool.ts';
import type { LivePace, ReplicationSummary, ResultBands, SimResult } from '../worker/protocol.ts';
import type { AppState } from './useAppStore.ts';
import { liveNowS, useRunLive } from './runLive.ts';
import { interventionTime } from './interventions.ts';
import { liveFeed } from './liveFeed.ts';
import { createLivePacer, type LivePacer } from './livePacer.ts';
import { canvasGestureActive } from './canvasGesture.ts';
import { documentChanges, documentSummary } from './runSummary.ts';
import { runConfirmNeeded, type RunConfirm } from './runGuard.ts';
import { defaultWorkers } from '../worker/SimPool.ts';

export const RUNS_KEPT = 5;

export interface RunRecord {
  id: string;
  /** "Run 3 · 14:02:11". */
  label: string;
  /** Design summary plus what changed since the run before it. */
  summary: string;
  changes: string[];
  doc: ArchDocument;
  /** The run's result; for replications, the first replication's (the scenario's seed). */
  result: SimResult;
  /** Set when the record is N replications: mean ± 95 % CI of every metric and series bands. */
  replication?: ReplicationSet;
}

export interface ReplicationSet {
  seeds: number[];
  summary: ReplicationSummary;
  bands: ResultBands;
  /** Parallel workers used and the batch's wall time, ms. */
  workers: number;
  wallMs: number;
}

export const REPLICATIONS_DEFAULT = 10;
export const REPLICATIONS_MAX = 200;

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
/** Live playback speed: simulated seconds per wall second, or as fast as possible. */
export type LiveSpeed = 1 | 10 | 100 | 'max';
export const LIVE_SPEEDS: readonly LiveSpeed[] = [1, 10, 100, 'max'];
const paceOf = (speed: LiveSpeed, paused: boolean): LivePace => ({ speed: speed === 'max' ? Infinity : speed, paused });

/** A fresh seed for "New seed" and "random seed for each run" (the UI may use Math.random; the engine never does). */
export const seedRandom = (): number => Math.floor(Math.random() * 2 ** 32) >>> 0;

/**
 * What of a document a run depends on: everything but card positions, the title and the
 * description. A change to it during a live run restarts the simulation from the new document.
 */
export function documentRunKey(doc: ArchDocument): string {
  return JSON.stringify([doc.nodes.map((n) => [n.id, n.kind, n.label, n.params]), doc.edges, doc.scenario]);
}
export type DockTab = 'problems' | 'results' | 'compare' | 'sweep';
/** What the Results tab shows beside the findings. */
export type ResultsView = 'charts' | 'numbers' | 'theory' | 'traces';
export interface Highlight {
  fromS: number;
  toS: number;
  nodes: string[];
}

export interface RunSlice {
  runStatus: RunStatus;
  runError: string | null;
  /** The document of the run in flight or last started. */
  runDoc: ArchDocument | null;
  /** Finished runs, newest first. */
  runs: RunRecord[];
  /** The run whose results the dock shows. */
  shownRunId: string | null;
  compareIds: [string | null, string | null];
  dockTab: DockTab;
  highlight: Highlight | null;
  /** How many seeds "Replicate" runs, and on how many workers (null: one per core). */
  replications: number;
  batchWorkers: number | null;
  resultsView: ResultsView;
  /** The request trace open in the waterfall (an id from the shown result's traces). */
  traceId: number | null;
  /** A run waiting for the user to confirm: it is expected to take long, or may never finish. */
  runConfirm: RunConfirm | null;
  /** Live playback speed of the next run and of the run in flight. */
  liveSpeed: LiveSpeed;
  /** The run in flight is paused (a run also starts paused when this is set before it). */
  livePaused: boolean;
  /** Give the scenario a new random seed before each run (the document keeps the seed used). */
  randomSeed: boolean;
  /** Animate calls and nodes on the canvas while a run plays at a set speed. */
  liveAnimate: boolean;

  /** Start a run; one expected to take more than RUN_CONFIRM_S asks first (runConfirm) unless `confirmed`. */
  startRun: (opts?: { confirmed?: boolean }) => void;
  /** Run the design with `replications` seeds (scenario seed, +1, …) in parallel workers; long batches ask first. */
  startReplications: (opts?: { confirmed?: boolean }) => void;
  /** Start the run waiting in runConfirm. */
  confirmRun: () => void;
  dismissRunConfirm: () => void;
  setReplications: (n: number) => void;
  setBatchWorkers: (n: number | null) => void;
  setResultsView: (view: ResultsView) => void;
  /** Show a trace in the waterfall (Results tab, Traces view). */
  openTrace: (id: number | null) => void;
  cancelRun: () => void;
  showRun: (id: string) => void;
  setCompareIds: (ids: [string | null, string | null]) => void;
  setDockTab: (tab: DockTab) => void;
  setHighlight: (h: Highlight | null) => void;
  setLiveSpeed: (speed: LiveSpeed) => void;
  setLivePaused: (paused: boolean) => void;
  /** While paused: advance the run by one event or one simulated second. */
  stepRun: (by: 'event' | 'second') => void;
  /** Give the scenario a new random seed (one undo step). */
  newSeed: () => void;
  setRandomSeed: (on: boolean) => void;
  setLiveAnimate: (on: boolean) => void;
  /**
   * Steer the run in flight: `edit` rewrites the document at the run's simulated time (seconds,
   * to the ms), one undo step; the run then continues as the edited document's run.
   */
  intervene: (edit: (doc: ArchDocument, atS: number) => ArchDocument) => void;
}

const clock = (d: Date) => d.toLocaleTimeString('en-GB', { hour12: false });

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get, api) => {
  let client: SimClient | null = null;
  // The run key of the document the live run simulates (null: no single run in flight).
  let liveKey: string | null = null;
  // A document change during a live run restarts it from the new document, at the run's time;
  // opening another design ends the run.
  api.subscribe((s, prev) => {
    if (liveKey === null || s.runStatus !== 'running' || s.doc === prev.doc) return;
    if (s.openCount !== prev.openCount) {
      get().cancelRun();
      return;
    }
    const key = documentRunKey(s.doc);
    if (key === liveKey) return;
    liveKey = key;
    set({ runDoc: s.doc });
    client?.restart(s.doc);
  });
  let pool: SimPool | null = null;
  let counter = 0;
  // Live snapshots of the run in flight, shown at a rate the main thread can afford.
  let pacer: LivePacer<SimResult> | null = null;
  const pacerStop = (): void => {
    pacer?.cancel();
    pacer = null;
  };
  const finish = (doc: ArchDocument, result: SimResult, replication?: ReplicationSet): void => {
    pacerStop();
    liveKey = null;
    const prev = get().runs[0];
    const changes = prev ? documentChanges(prev.doc, doc) : [];
    const n = ++counter;
    const record: RunRecord = {
      id: `run-${n}`,
      label: `Run ${n}${replication ? ` · ${replication.seeds.length} seeds` : ''} · ${clock(new Date())}`,
      summary: documentSummary(doc),
      changes,
      doc,
      result,
      replication,
    };
    const runs = [record, ...get().runs].slice(0, RUNS_KEPT);
    set({
      runStatus: 'done',
      runs,
      shownRunId: record.id,
      compareIds: [prev && runs.includes(prev) ? prev.id : null, record.id],
      traceId: null,
    });
    useRunLive.setState({ live: null });
  };
  const failed = (message: string): void => {
    set({ runStatus: 'error', runError: message });
    get().showBanner({ id: 'run', tone: 'error', message: `The simulation could not run: ${message}` });
  };
  return {
    runStatus: 'idle',
    runError: null,
    runDoc: null,
    runs: [],
    shownRunId: null,
    compareIds: [null, null],
    dockTab: 'problems',
    highlight: null,
    replications: REPLICATIONS_DEFAULT,
    batchWorkers: null,
    resultsView: 'charts',
    traceId: null,
    runConfirm: null,
    liveSpeed: 'max',
    livePaused: false,
    randomSeed: false,
    liveAnimate: true,

    startRun: (opts) => {
      if (get().randomSeed && opts?.confirmed !== true) get().newSeed();
      const doc = get().doc;
      const ask = opts?.confirmed === true ? null : runConfirmNeeded(doc, 'run');
      set({ runConfirm: ask });
      if (ask) return;
      pool?.cancel();
      client ??= createSimClient();
      set({ runStatus: 'running', runError: null, runDoc: doc, dockOpen: true, dockTab: 'results', highlight: null });
      useRunLive.setState({ progress: null, clock: null, live: null, batch: null, scrubS: null, playing: false });
      get().dismissBanner('run');
      pacerStop();
      const live = (pacer = createLivePacer<SimResult>({
        apply: (result) => useRunLive.setState({ live: result }),
        interacting: canvasGestureActive,
      }));
      liveKey = documentRunKey(doc);
      liveFeed.reset();
      client.start(
        doc,
        { pace: paceOf(get().liveSpeed, get().livePaused) },
        {
          onProgress: (progress, clock) => useRunLive.setState({ progress, clock, clockAt: performance.now() }),
          onSnapshot: (result) => {
            liveFeed.push(result);
            live.push(result);
          },
          // The run's document is the one it ended on: interventions included.
          onDone: (result) => finish(get().runDoc ?? doc, result),
          onCancelled: (result) => {
            pacerStop();
            liveKey = null;
            set({ runStatus: 'cancelled' });
            useRunLive.setState({ live: result });
          },
          onError: (message) => {
            pacerStop();
            liveKey = null;
            failed(message);
          },
        },
      );
    },
    startReplications: (opts) => {
      const { doc, replications, batchWorkers } = get();
      const ask =
        opts?.confirmed === true
          ? null
          : runConfirmNeeded(doc, 'replications', Math.max(2, replications), batchWorkers ?? defaultWorkers());
      set({ runConfirm: ask });
      if (ask) return;
      if (client?.busy()) client.cancel();
      pacerStop();
      liveKey = null;
      pool ??= createSimPool();
      const p = pool;
      const seeds = Array.from({ length: Math.max(2, replications) }, (_, k) => doc.scenario.seed + k);
      set({ runStatus: 'running', runError: null, runDoc: doc, dockOpen: true, dockTab: 'results', highlight: null });
      useRunLive.setState({ progress: null, clock: null, live: null, batch: null, scrubS: null, playing: false });
      get().dismissBanner('run');
      p.run(
        seeds.map((seed) => ({ doc, seed })),
        {
          onProgress: (batch) => useRunLive.setState({ batch }),
          onDone: (results, wallMs) => {
            const workers = useRunLive.getState().batch?.workers ?? 1;
            p.summarize([results], true).then(
              ({ summaries, bands }) => finish(doc, results[0]!, { seeds, summary: summaries[0]!, bands: bands!, workers, wallMs }),
              (e: Error) => {
                if (e.message !== 'cancelled') failed(e.message);
              },
            );
          },
          onError: failed,
        },
        { workers: batchWorkers ?? undefined },
      );
    },
    confirmRun: () => {
      const pending = get().runConfirm;
      if (!pending) return;
      if (pending.kind === 'run') get().startRun({ confirmed: true });
      else if (pending.kind === 'sweep') {
        set({ runConfirm: null });
        get().startSweep(pending.sweep!.spec, { confirmed: true });
      } else get().startReplications({ confirmed: true });
    },
    dismissRunConfirm: () => set({ runConfirm: null }),
    cancelRun: () => {
      if (pool?.busy() || (get().runStatus === 'running' && !client?.busy())) {
        pool?.cancel();
        set({ runStatus: 'cancelled' });
        useRunLive.setState({ live: null });
        return;
      }
      client?.cancel();
    },
    setReplications: (n) => set({ replications: Math.max(2, Math.min(REPLICATIONS_MAX, Math.round(n) || REPLICATIONS_DEFAULT)) }),
    setBatchWorkers: (batchWorkers) => set({ batchWorkers }),
    setResultsView: (resultsView) => set({ resultsView }),
    openTrace: (traceId) =>
      set({ traceId, resultsView: traceId === null ? get().resultsView : 'traces', dockTab: 'results', dockOpen: true }),
    showRun: (shownRunId) => {
      set({ shownRunId, highlight: null, traceId: null });
      useRunLive.setState({ scrubS: null });
    },
    setCompareIds: (compareIds) => set({ compareIds }),
    setDockTab: (dockTab) => set({ dockTab }),
    setHighlight: (highlight) => set({ highlight }),
    setLiveSpeed: (liveSpeed) => {
      set({ liveSpeed });
      if (liveKey !== null) client?.pace(paceOf(liveSpeed, get().livePaused));
    },
    setLivePaused: (livePaused) => {
      set({ livePaused });
      if (liveKey !== null) client?.pace(paceOf(get().liveSpeed, livePaused));
    },
    stepRun: (by) => {
      if (liveKey !== null && get().livePaused) client?.step(by);
    },
    newSeed: () => {
      const { doc } = get();
      get().replaceScenario({ ...doc.scenario, seed: seedRandom() });
    },
    setRandomSeed: (randomSeed) => set({ randomSeed }),
    setLiveAnimate: (liveAnimate) => set({ liveAnimate }),
    intervene: (edit) => {
      if (liveKey === null || get().runStatus !== 'running') return;
      const { doc } = get();
      const next = edit(doc, interventionTime(liveNowS()));
      if (next !== doc) set({ doc: next });
    },
  };
};
