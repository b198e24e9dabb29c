/** A client's open-loop rate schedule: a table of step/ramp points and its chart. */
import { useMemo } from 'react';
import { schedulePointSchema, type NodeOf } from '../../model/index.ts';
import { editNode } from '../panels/editors.ts';
import { NumberField } from '../panels/fields/NumberField.tsx';
import { schemaFields, optionLabel } from '../panels/schemaFields.ts';
import { ScheduleChart } from './ScheduleChart.tsx';
import { KIND_META } from '../canvas/kindMeta.ts';
import { RemoveRowButton, nextRowAtS } from './listRows.tsx';

const POINT = Object.fromEntries(schemaFields(schedulePointSchema).map((f) => [f.key, f]));

export function ScheduleEditor({ node, durationS }: { node: NodeOf<'client'>; durationS: number }) {
  const onEdit = useMemo(() => editNode(node.id), [node.id]);
  const { schedule, rateRps } = node.params;
  const scope = `sched-${node.id}`;
  const addPoint = () => {
    const last = schedule.at(-1);
    const atS = nextRowAtS(last?.atS, durationS, Math.round(durationS / 3));
    onEdit(['params', 'schedule'], [...schedule, { atS, rateRps: (last?.rateRps ?? rateRps) * 2, shape: 'step' }]);
  };
  const shapeField = POINT.shape;
  return (
    <div className="schedule">
      <ScheduleChart
        baseRps={rateRps}
        schedule={schedule}
        bursts={node.params.bursts}
        durationS={durationS}
        color={KIND_META.client.color}
      />
      <table className="grid-table">
        <thead>
          <tr>
            <th>at (s)</th>
            <th>rate (req/s)</th>
            <th>shape</th>
            <th>
              <span className="sr-only">remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="muted-row">
            <td>0 s</td>
            <td>{rateRps.toLocaleString('en-US')} req/s</td>
            <td>start</td>
            <td />
          </tr>
          {schedule.map((p, i) => (
            <tr key={i}>
              <td>
                <NumberField
                  compact
                  scope={scope}
                  path={['params', 'schedule', i, 'atS']}
                  label={`Point ${i + 1} time (s)`}
                  unit="s"
                  value={p.atS}
                  onEdit={onEdit}
                />
              </td>
              <td>
                <NumberField
                  compact
                  scope={scope}
                  path={['params', 'schedule', i, 'rateRps']}
                  label={`Point ${i + 1} rate (req/s)`}
                  unit="req/s"
                  value={p.rateRps}
                  onEdit={onEdit}
                />
              </td>
              <td>
                <select
                  className="input"
                  aria-label={`Point ${i + 1} shape`}
                  value={p.shape}
                  onChange={(e) => onEdit(['params', 'schedule', i, 'shape'], e.target.value)}
                >
                  {shapeField?.type === 'enum' &&
                    shapeField.options.map((o) => (
                      <option key={o} value={o}>
                        {optionLabel(o)}
                      </option>
                    ))}
                </select>
              </td>
              <td>
                <RemoveRowButton what="point" index={i} rows={schedule} onRows={(rows) => onEdit(['params', 'schedule'], rows)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn small" onClick={addPoint}>
        + Add point
      </button>
    </div>
  );
}
