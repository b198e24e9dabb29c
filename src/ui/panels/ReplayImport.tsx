/** A client's "Replay arrivals": import a CSV of recorded arrivals, embedded in the document (docs/SEMANTICS.md, "Traffic"). */
import { useState } from 'react';
import type { NodeOf } from '../../model/index.ts';
import { parseArrivalsCsv } from '../../model/arrivalsCsv.ts';
import type { FieldPath } from './schemaFields.ts';

export function ReplayImport({ node, onEdit }: { node: NodeOf<'client'>; onEdit: (path: FieldPath, value: unknown) => string | null }) {
  const [message, setMessage] = useState<string | null>(null);
  const r = node.params.replay;
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const p = parseArrivalsCsv(await file.text(), file.name);
    if (!p.ok) {
      setMessage(p.message);
      return;
    }
    const err = onEdit(['params'], { ...node.params, arrival: 'replay', replay: { source: file.name, atS: p.atS } });
    setMessage(
      err ??
        `Imported ${p.atS.length.toLocaleString('en-US')} arrivals (${p.format === 'rates' ? 'per-second rates' : 'timestamps'}) from ${file.name}`,
    );
  };
  return (
    <div className="replay-import">
      <label className="btn small">
        Import CSV…
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-label="Replay arrivals from a CSV"
          hidden
          onChange={(e) => {
            void onFile(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <div className="field-help" data-testid="replay-status">
        {message ??
          (r.atS.length
            ? `${r.atS.length.toLocaleString('en-US')} recorded arrivals${r.source ? ` from ${r.source}` : ''}${node.params.arrival === 'replay' ? '' : ' (set arrival to replay to use them)'}`
            : 'A timestamp (s) per line, or second,rps lines; the arrivals are embedded in the design')}
      </div>
    </div>
  );
}
