/**
 * Steer the run while it plays: for the selected node, start or stop a failure (down, crash, hang,
 * slowdown, error rate), flush a cache, move a client's rate, cut a node's workers; for the selected call, a partition
 * or added latency. Each is written into the scenario's timeline at the simulated time it was
 * made (store/interventions.ts): undo takes it back, and a rerun or a share link replays it.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { liveNowS, useRunLive } from '../../store/runLive.ts';
import {
  clientRateAt,
  clientRateOf,
  failureInForce,
  failureStart,
  failuresStop,
  flushAt,
  nodeWorkers,
  workersAt,
  workersInForce,
  type FailureSpec,
} from '../../store/interventions.ts';
import type { ArchDocument, Failure } from '../../model/index.ts';
import { formatCount } from '../results/format.ts';
import './live.css';

interface FailureButton {
  label: string;
  title: string;
  spec: Omit<FailureSpec, 'target'>;
}

const DOWN: FailureButton = {
  label: 'Down',
  title: 'It refuses new calls at once (a refused connection); the work it holds still completes',
  spec: { kind: 'down', mode: 'failFast', effect: 'stopAccepting' },
};
const CRASH: FailureButton = {
  label: 'Crash',
  title: 'The process dies: the work it holds is lost (its callers get errors) and new calls are refused',
  spec: { kind: 'down', mode: 'failFast', effect: 'crash' },
};
const NODE_FAILURES: FailureButton[] = [
  DOWN,
  {
    label: 'Hang',
    title: 'It stops answering: callers wait for their timeouts',
    spec: { kind: 'down', mode: 'hang', effect: 'stopAccepting' },
  },
  { label: 'Slow ×5', title: 'Service time × 5', spec: { kind: 'slowdown', factor: 5 } },
  { label: 'Errors 50 %', title: 'Half of its requests fail', spec: { kind: 'errorRate', probability: 0.5 } },
];
const EDGE_FAILURES: FailureButton[] = [
  { label: 'Partition', title: 'Calls on it fail at once', spec: { kind: 'partition', mode: 'failFast' } },
  { label: 'Partition (hang)', title: 'Calls on it are lost: callers wait for their timeouts', spec: { kind: 'partition', mode: 'hang' } },
  { label: '+100 ms', title: 'Each call takes 100 ms longer', spec: { kind: 'latency', addedMs: 100 } },
];

const matches = (f: Failure | undefined, b: FailureButton): boolean =>
  !!f &&
  f.kind === b.spec.kind &&
  (b.spec.mode === undefined || f.mode === b.spec.mode) &&
  (b.spec.effect === undefined || f.effect === b.spec.effect);

/** The failure buttons of a node: a queue cannot crash (its messages are durable), the others can. */
function nodeFailures(kind: string): FailureButton[] {
  return kind === 'queue' ? NODE_FAILURES : [NODE_FAILURES[0]!, CRASH, ...NODE_FAILURES.slice(1)];
}

/** A range input that commits once, when the pointer or key is released (one undo step, one restart). */
function CommitRange(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit: string;
  testId: string;
  onCommit: (v: number) => void;
}) {
  const [draft, setDraft] = useState<number | null>(null);
  const commit = () => {
    if (draft !== null && draft !== props.value) props.onCommit(draft);
    setDraft(null);
  };
  const v = draft ?? props.value;
  return (
    <div className="steer-row">
      <label htmlFor={props.testId}>{props.label}</label>
      <output htmlFor={props.testId}>
        {formatCount(v)}
        {props.unit}
      </output>
      <input
        id={props.testId}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={Math.min(props.max, v)}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
        data-testid={props.testId}
      />
    </div>
  );
}

function FailureButtons({ target, buttons, doc, nowS }: { target: string; buttons: FailureButton[]; doc: ArchDocument; nowS: number }) {
  const intervene = useAppStore.getState().intervene;
  return (
    <div className="steer-actions">
      {buttons.map((b) => {
        const inForce = failureInForce(doc, target, b.spec.kind, nowS);
        const on = matches(inForce, b);
        return (
          <button
            key={b.label}
            type="button"
            className={`btn small${on ? ' on' : ''}`}
            aria-pressed={on}
            title={on ? `In force since ${inForce!.atS} s: click to end it now` : b.title}
            data-testid={`steer-${b.spec.kind}${b.spec.mode === 'hang' ? '-hang' : ''}${b.spec.effect === 'crash' ? '-crash' : ''}`}
            onClick={() =>
              intervene((d, t) => {
                // Its own failure in force: end it. Another of the kind (Down while it crashed): switch to this one.
                const f = failureInForce(d, target, b.spec.kind, t);
                if (f && matches(f, b)) return failuresStop(d, target, b.spec.kind, t);
                return failureStart(f ? failuresStop(d, target, b.spec.kind, t) : d, { target, ...b.spec }, t);
              })
            }
          >
            {b.label}
          </button>
        );
      })}
    </div>
  );
}

export function SteerPanel() {
  const live = useRunLive((s) => s.clock !== null);
  const { running, doc, nodeId, edgeId } = useAppStore(
    useShallow((s) => ({
      running: s.runStatus === 'running',
      doc: s.doc,
      nodeId: s.selectedNodeIds.length === 1 && s.selectedEdgeIds.length === 0 ? s.selectedNodeIds[0]! : null,
      edgeId: s.selectedEdgeIds.length === 1 && s.selectedNodeIds.length === 0 ? s.selectedEdgeIds[0]! : null,
    })),
  );
  // Re-render with the clock (≤ 10 Hz): a failure's state depends on the time.
  useRunLive((s) => s.progress);
  if (!running || !live) return null;
  const nowS = liveNowS();
  const node = nodeId ? doc.nodes.find((n) => n.id === nodeId) : undefined;
  const edge = edgeId ? doc.edges.find((e) => e.id === edgeId) : undefined;
  const intervene = useAppStore.getState().intervene;
  if (!node && !edge)
    return (
      <section className="steer" data-testid="steer">
        <h3>Steer the run</h3>
        <p className="steer-note">
          Select a card or a call to take it down, slow it, change a client’s rate or a node’s workers while it runs.
        </p>
      </section>
    );
  const rate = node ? clientRateOf(node, nowS) : null;
  const configured = node ? nodeWorkers(node) : null;
  return (
    <section className="steer" data-testid="steer" data-target={node?.id ?? edge?.id}>
      <h3>Steer {node ? node.label || node.id : edge!.label || `${edge!.source} → ${edge!.target}`}</h3>
      <p className="steer-at">at t = {nowS.toFixed(1)} s · recorded in the timeline</p>
      {node && node.kind !== 'client' && node.kind !== 'scheduler' && (
        <FailureButtons target={node.id} buttons={nodeFailures(node.kind)} doc={doc} nowS={nowS} />
      )}
      {node && node.kind === 'cache' && node.params.mode === 'keyspace' && (
        <div className="steer-actions">
          <button
            type="button"
            className="btn small"
            title="Empty the cache now: every key misses until it is fetched again (a deploy, a restart, an eviction storm)"
            data-testid="steer-flush"
            onClick={() => intervene((d, t) => flushAt(d, node.id, t))}
          >
            Flush
          </button>
        </div>
      )}
      {edge && <FailureButtons target={edge.id} buttons={EDGE_FAILURES} doc={doc} nowS={nowS} />}
      {node && rate !== null && (
        <CommitRange
          label="Rate"
          unit="/s"
          value={rate}
          min={0}
          max={Math.max(10, node.kind === 'client' ? node.params.rateRps * 4 : 0, rate)}
          step={1}
          testId="steer-rate"
          onCommit={(v) => intervene((d, t) => clientRateAt(d, node.id, t, v))}
        />
      )}
      {node && configured !== null && (
        <CommitRange
          label="Workers"
          unit={` of ${configured}`}
          value={workersInForce(doc, node, nowS) ?? configured}
          min={0}
          max={configured}
          step={1}
          testId="steer-workers"
          onCommit={(v) => intervene((d, t) => workersAt(d, node.id, t, v))}
        />
      )}
      <p className="steer-note">Undo (Ctrl+Z) takes an intervention back; the run replays up to now without it.</p>
    </section>
  );
}
