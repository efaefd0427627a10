import { memo, useState } from 'react';
import { NOTE_KINDS, type Note, type NoteKind } from '../../../../shared/coding';
import { CardEditForm } from './CardEditForm';
import { lineRangeValue, spanForRange } from './LineRangeFields';
import { useMarginEnv } from './MarginContext';
import { RecordCardHead } from './RecordCardHead';

/**
 * An exploratory note: its kind, full text (wrapping) and line range; editable in place by its
 * author. Another coder's note (open mode) is read-only and carries their name and colour.
 */
export const NoteCard = memo(function NoteCard({ note, canWrite, ownerId }: { note: Note; canWrite: boolean; ownerId: string | null }) {
  const env = useMarginEnv();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [kind, setKind] = useState<NoteKind>(note.kind);
  const [range, setRange] = useState(() => lineRangeValue(env.lines, note));
  const start = () => {
    setText(note.text);
    setKind(note.kind);
    setRange(lineRangeValue(env.lines, note));
    setEditing(true);
  };
  const save = () => {
    const span = spanForRange(env.lines, note, range);
    env.actions.updateNote(note.id, { text, kind, ...(span ?? {}) });
    setEditing(false);
  };
  const other = ownerId !== null;
  return (
    <div className={`note ${note.kind}${other ? ' other' : ''}`} data-testid={other ? 'other-note' : 'note'} data-id={note.id} style={other ? { borderLeftColor: env.colorOf(ownerId) } : undefined}>
      {editing ? (
        <CardEditForm what="note" text={text} setText={setText} range={range} setRange={setRange} maxLine={env.lines.length} onSave={save} onCancel={() => setEditing(false)}>
            <select aria-label="note kind" value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
              {NOTE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
        </CardEditForm>
      ) : (
        <>
          <RecordCardHead what="note" kind={note.kind} span={note} ownerId={ownerId} canWrite={canWrite} onEdit={start} onRemove={() => env.actions.removeNote(note.id)} />
          <p className="card-text">{note.text}</p>
        </>
      )}
    </div>
  );
});
