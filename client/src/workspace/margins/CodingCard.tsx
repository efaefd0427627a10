import { memo, useState } from 'react';
import type { Coding } from '../../../../shared/coding';
import { useMarginEnv } from './MarginContext';

/** A coding in the right margin: its theme, lines and memo; the memo is editable by its author. */
export const CodingCard = memo(function CodingCard({ coding, canWrite, ownerId }: { coding: Coding; canWrite: boolean; ownerId: string | null }) {
  const env = useMarginEnv();
  const [editing, setEditing] = useState(false);
  const [memo, setMemo] = useState(coding.memo ?? '');
  const theme = env.tree?.byId.get(env.tree.resolve(coding.themeId));
  const label = theme?.label ?? 'unknown theme';
  const other = ownerId !== null;
  return (
    <div className={`coding-card${other ? ' other' : ''}`} style={{ borderLeftColor: theme?.color ?? '#888' }} data-testid={other ? 'other-coding' : 'coding'} data-id={coding.id}>
      <div className="card-head">
        <span className="theme-label">{label}</span>
        <span className="cite">{env.cite(coding)}</span>
        {other && <span className="owner" style={{ color: env.colorOf(ownerId) }}>{env.nameOf(ownerId)}</span>}
        {canWrite && (
          <span className="card-actions">
            <button className="link small" onClick={() => { setMemo(coding.memo ?? ''); setEditing((v) => !v); }} aria-label={`memo for coding ${label}`}>memo</button>
            <button className="link small" aria-label={`delete coding ${label}`} onClick={() => env.actions.removeCoding(coding.id)}>delete</button>
          </span>
        )}
      </div>
      {coding.memo && !editing && <p className="card-text memo">{coding.memo}</p>}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            env.actions.updateCoding(coding.id, { memo: memo.trim() ? memo : null });
            setEditing(false);
          }}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        >
          <input aria-label={`memo for ${label}`} value={memo} onChange={(e) => setMemo(e.target.value)} autoFocus />
        </form>
      )}
    </div>
  );
});
