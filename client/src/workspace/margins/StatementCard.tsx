import { memo, useState } from 'react';
import { ThemeOptions } from '../themes/ThemeOptions';
import type { Statement } from '../../../../shared/coding';
import { CardEditForm } from './CardEditForm';
import { lineRangeValue, spanForRange } from './LineRangeFields';
import { useMarginEnv } from './MarginContext';
import { RecordCardHead } from './RecordCardHead';

/**
 * An experiential statement: full text (wrapping), line range and linked themes; editable in
 * place by its author, who also links it to themes (any live theme of their tree) and unlinks
 * them here. Another coder's statement (open mode) is read-only, in their colour.
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
  const linked = new Set(themes.map((t) => t.id));
  const linkable = canWrite && !other && env.tree ? env.tree.themes.filter((t) => t.status !== 'retired' && !linked.has(t.id)) : [];
  // A link names the theme as stored; unlinking drops every stored id that reads as that theme.
  const setLinks = (themeIds: string[]) => env.actions.updateStatement(statement.id, { themeIds });
  const unlink = (themeId: string) => setLinks(statement.themeIds.filter((id) => env.tree?.resolve(id) !== themeId));
  const short = statement.text.length > 40 ? `${statement.text.slice(0, 40)}…` : statement.text;
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
                  {canWrite && !other && (
                    <button type="button" className="link small" aria-label={`unlink ${t.label}`} onClick={() => unlink(t.id)}>
                      ×
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {linkable.length > 0 && (
            <select className="statement-link" aria-label={`link “${short}” to a theme`} value="" onChange={(e) => e.target.value && setLinks([...statement.themeIds, e.target.value])}>
              <option value="">Link to a theme…</option>
              <ThemeOptions themes={linkable} />
            </select>
          )}
        </>
      )}
    </div>
  );
});
