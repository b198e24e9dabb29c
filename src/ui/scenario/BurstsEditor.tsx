/** A client's bursts: requests sent all at once at a moment, on top of its arrivals (a table of time and count). */
import { useMemo } from 'react';
import { clientParamsSchema, type NodeOf } from '../../model/index.ts';
import { editNode } from '../panels/editors.ts';
import { NumberField } from '../panels/fields/NumberField.tsx';
import { schemaFields } from '../panels/schemaFields.ts';
import { RemoveRowButton, nextRowAtS } from './listRows.tsx';

const BURSTS = schemaFields(clientParamsSchema, ['params']).find((f) => f.key === 'bursts');
const ITEM = Object.fromEntries((BURSTS?.type === 'array' ? BURSTS.item : []).map((f) => [f.key, f]));

/** `help`: show what a burst is above the table (the node inspector; the scenario tab lists every client and leaves it out). */
export function BurstsEditor({ node, durationS, help = true }: { node: NodeOf<'client'>; durationS: number; help?: boolean }) {
  const onEdit = useMemo(() => editNode(node.id), [node.id]);
  const { bursts, rateRps } = node.params;
  const scope = `bursts-${node.id}`;
  const add = () => {
    const atS = nextRowAtS(bursts.at(-1)?.atS, durationS, Math.round(durationS / 2));
    // One second of the client's traffic at once, at least 10 requests: a visible herd.
    onEdit(['params', 'bursts'], [...bursts, { atS, count: Math.max(10, Math.round(rateRps)) }]);
  };
  return (
    <div className="schedule" data-testid="bursts">
      {help && BURSTS?.help && <p className="field-hint bursts-help">{BURSTS.help}</p>}
      {bursts.length > 0 && (
        <table className="grid-table bursts-table">
          <thead>
            <tr>
              <th title={ITEM.atS?.help ?? undefined}>at (s)</th>
              <th title={ITEM.count?.help ?? undefined}>requests at once</th>
              <th>
                <span className="sr-only">remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bursts.map((b, i) => (
              <tr key={i} data-testid={`burst-${i}`}>
                <td>
                  <NumberField
                    compact
                    scope={scope}
                    path={['params', 'bursts', i, 'atS']}
                    label={`Burst ${i + 1} time (s)`}
                    unit="s"
                    value={b.atS}
                    onEdit={onEdit}
                  />
                </td>
                <td>
                  <NumberField
                    compact
                    scope={scope}
                    path={['params', 'bursts', i, 'count']}
                    label={`Burst ${i + 1} requests`}
                    unit={null}
                    integer
                    value={b.count}
                    onEdit={onEdit}
                  />
                </td>
                <td>
                  <RemoveRowButton what="burst" index={i} rows={bursts} onRows={(rows) => onEdit(['params', 'bursts'], rows)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {bursts.some((b) => b.atS >= durationS) && (
        <p className="note warn">A burst at or after the run’s end ({durationS} s) is not sent.</p>
      )}
      <button type="button" className="btn small" onClick={add} data-testid="burst-add">
        + Add burst
      </button>
    </div>
  );
}
