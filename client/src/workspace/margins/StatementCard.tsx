import { memo, useState } from 'react';
import type { Statement } from '../../../../shared/coding';
import { CardEditForm } from './CardEditForm';
import { lineRangeValue, spanForRange } from './LineRangeFields';
import { useMarginEnv } from './MarginContext';
import { RecordCardHead } from './RecordCardHead';

/**
 * An experiential statement: full text (wrapping), line range and linked themes; editable in
 * place by its author. Another coder's statement (open mode) is read-only, in their colour.
 */
export const StatementCard = memo(function StatementCard({ statement, canWrite, ownerId }: { statement: Statement; canWrite: boolean; ownerId: string | null }) {
  const env = useMarginEnv();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(statement.text);
  const [range, setRange] = useState(() => lineRangeValue(env.lines, statement));
  const start = () => {
    setText(statement.text);
    setRange(lineRangeValue(env.lines, statement));
    setEditing(true);
  };
  const save = () => {
    const span = spanForRange(env.lines, statement, range);
    env.actions.updateStatement(statement.id, { text, ...(span ?? {}) });
    setEditing(false);
  };
  const other = ownerId !== null;
  const themes = statement.themeIds.map((id) => env.tree?.byId.get(env.tree.resolve(id))).filter((t) => t !== undefined);
  return (
    <div className={`statement${other ? ' other' : ''}`} data-testid={other ? 'other-statement' : 'statement'} data-id={statement.id} style={other ? { borderLeftColor: env.colorOf(ownerId) } : undefined}>
      {editing ? (
        <CardEditForm what="statement" text={text} setText={setText} range={range} setRange={setRange} maxLine={env.lines.length} onSave={save} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <RecordCardHead what="statement" kind="Statement" kindTitle="experiential statement" span={statement} ownerId={ownerId} canWrite={canWrite} onEdit={start} onRemove={() => env.actions.removeStatement(statement.id)} />
          <p className="card-text">{statement.text}</p>
          {themes.length > 0 && (
            <ul className="statement-themes" aria-label="linked themes">
              {themes.map((t) => (
                <li key={t.id}>
                  <span className="swatch" style={{ background: t.color }} /> {t.label}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
});
