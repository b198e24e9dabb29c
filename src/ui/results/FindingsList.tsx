/**
 * The engine's findings, most severe first. Clicking one selects its node(s) on the canvas,
 * highlights its time span on the charts and moves the canvas replay to it.
 */
import { useAppStore } from '../../store/useAppStore.ts';
import { setScrub } from '../../store/runLive.ts';
import type { Finding, SimResult } from '../../worker/protocol.ts';
import { formatSeconds } from './format.ts';

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Findings sorted by severity, then start time (stable for equal keys). */
export function findingsSorted(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.fromS - b.fromS);
}

export function FindingsList({ result }: { result: SimResult }) {
  const highlight = useAppStore((s) => s.highlight);
  const findings = findingsSorted(result.findings);
  const name = (id: string) => result.nodes[id]?.label ?? id;
  const open = (f: Finding) => {
    const s = useAppStore.getState();
    s.select(
      f.nodes.filter((id) => s.doc.nodes.some((n) => n.id === id)),
      [],
    );
    s.setHighlight({ fromS: f.fromS, toS: f.toS, nodes: f.nodes });
    setScrub((f.fromS + f.toS) / 2);
  };
  if (!findings.length) {
    return (
      <p className="empty" data-testid="findings-empty">
        {result.partial ? 'No findings so far.' : 'No findings: nothing in this run looks wrong.'}
      </p>
    );
  }
  return (
    <ol className="findings" data-testid="findings" data-count={findings.length}>
      {findings.map((f, i) => {
        const active = highlight && highlight.fromS === f.fromS && highlight.toS === f.toS && highlight.nodes.join() === f.nodes.join();
        return (
          <li key={i} className={`finding sev-${f.severity}${active ? ' active' : ''}`}>
            <button type="button" className="finding-main" onClick={() => open(f)} data-testid="finding" data-nodes={f.nodes.join(' ')}>
              <span className="finding-head">
                <span className={`sev sev-${f.severity}`}>{f.severity}</span>
                <span className="finding-where">{f.nodes.map(name).join(', ') || 'whole design'}</span>
                <span className="finding-when">
                  {formatSeconds(f.fromS)} – {formatSeconds(f.toS)}
                </span>
              </span>
              <span className="finding-msg">{f.message}</span>
              {f.suggestion && (
                <span className="finding-fix">
                  <b>Try:</b> {f.suggestion}
                </span>
              )}
            </button>
            {f.traceIds?.length && result.traces.some((t) => t.id === f.traceIds![0]) ? (
              <button
                type="button"
                className="link finding-trace"
                onClick={() => useAppStore.getState().openTrace(f.traceIds![0]!)}
                data-testid="open-trace"
                data-trace={f.traceIds[0]}
              >
                Open trace #{f.traceIds[0]} →
                {f.traceIds.length > 1 && <span className="finding-trace-more"> ({f.traceIds.length} traced)</span>}
              </button>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
