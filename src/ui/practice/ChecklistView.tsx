/** The answer structure interviewers listen for: one note per item, saved with the design and exported with it. */
import { CHECKLIST_ITEMS, type ChecklistItem } from '../../model/index.ts';
import { useAppStore } from '../../store/useAppStore.ts';
import { TextField } from '../panels/fields/TextField.tsx';
import { editPracticeNote, notesDone } from './practiceActions.ts';

const ITEMS: Record<ChecklistItem, { label: string; prompt: string }> = {
  requirements: { label: 'Requirements', prompt: 'What must it do, and what must it never do? Which numbers matter?' },
  scale: { label: 'Scale assumptions', prompt: 'QPS, peak factor, data size, growth: the arithmetic behind the sizing.' },
  coreDesign: { label: 'Core design', prompt: 'The boxes and arrows, and why each one is there.' },
  dataLayer: { label: 'Data layer', prompt: 'What is stored where, keys, retention, consistency.' },
  failureHandling: {
    label: 'Failure handling',
    prompt: 'Timeouts, retries, idempotency, backpressure: what each drill does to the design.',
  },
  scalingPath: { label: 'Scaling path', prompt: 'What breaks first at 10× and what you would change.' },
  observability: { label: 'Observability', prompt: 'The metrics and alerts that would have caught each drill.' },
  tradeoffs: { label: 'Tradeoffs', prompt: 'What you chose not to do, and what a V1 defers.' },
};

export function ChecklistView() {
  const doc = useAppStore((s) => s.doc);
  if (!doc.practice) return null;
  const notes = doc.practice.notes;
  return (
    <div className="practice-body practice-checklist" data-testid="practice-checklist">
      <p className="note">
        {notesDone(doc)} of {CHECKLIST_ITEMS.length} covered. Notes are saved with the design and go with its file and share link.
      </p>
      {CHECKLIST_ITEMS.map((k) => (
        <div key={k} className="checklist-item">
          <TextField
            scope="practice"
            path={['notes', k]}
            label={ITEMS[k].label}
            value={notes[k]}
            multiline
            placeholder={ITEMS[k].prompt}
            onEdit={(_path, v) => editPracticeNote(k, String(v))}
          />
        </div>
      ))}
    </div>
  );
}
