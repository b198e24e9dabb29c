/** Each tier of the open design: what the brief's normal day asks of it (traffic equations) next to what it provides. */
import { useAppStore } from '../../store/useAppStore.ts';
import { envelopeBuild, TARGET_UTILIZATION } from '../../practice/envelope.ts';
import type { Problem } from '../../practice/types.ts';
import { rate } from './format.ts';
import { KIND_META } from '../canvas/kindMeta.ts';
import type { NodeKind } from '../../model/index.ts';

export function EnvelopeTable({ problem }: { problem: Problem }) {
  const doc = useAppStore((s) => s.doc);
  const env = envelopeBuild(problem, doc);
  if (!env.ok) return <p className="note">Your design’s tiers: {env.message}</p>;
  return (
    <table className="practice-table" data-testid="envelope">
      <caption>Your design on a normal day (sized for ≤ {Math.round(TARGET_UTILIZATION * 100)} % busy)</caption>
      <thead>
        <tr>
          <th>tier</th>
          <th>needs</th>
          <th>provides</th>
          <th>workers</th>
        </tr>
      </thead>
      <tbody>
        {env.tiers.map((t) => (
          <tr key={t.id} className={t.ok ? '' : 'bad'}>
            <td title={KIND_META[t.kind as NodeKind]?.name}>{t.label}</td>
            <td>{rate(t.needRps)}</td>
            <td>
              {t.capacityRps === null ? '—' : rate(t.capacityRps)}
              {t.utilization !== null && <span className="practice-how"> {Math.round(t.utilization * 100)} %</span>}
            </td>
            <td>{t.workersNeeded === null ? '—' : `${t.workers} (need ${t.workersNeeded})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
