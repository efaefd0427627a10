import { memo, useState } from 'react';
import type { Theme } from '../../../../shared/themes';

export interface ThemeRowProps {
  theme: Theme;
  pinnedKey: number;
  canApply: boolean;
  /** The user may change or propose changes to this theme. */
  canEdit: boolean;
  /** The user may move it (or propose a move): it can be dragged and moved with Alt+arrows. */
  canMove: boolean;
  count: number | undefined;
  meId: string;
  onApply: (id: string) => void;
  onEdit: (id: string) => void;
  /** Alt+arrow on the row's button. */
  onMoveKey: (id: string, key: string) => void;
  onDrop: (draggedId: string, targetId: string, into: boolean) => void;
}

const DRAG_TYPE = 'application/x-concord-theme';

/**
 * One theme in the panel: click (or Enter) applies it; F2 or "Edit" opens its editor; Alt+arrows
 * move it (up, down, in under the theme above, out beside its parent); dragging it onto another
 * theme places it after that theme, or into it when dropped on the right part of the row.
 */
export const ThemeRow = memo(function ThemeRow(p: ThemeRowProps) {
  const { theme: t } = p;
  const [drop, setDrop] = useState<'after' | 'into' | null>(null);
  const intoAt = (e: React.DragEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return e.clientX - r.left > r.width * 0.6;
  };
  return (
    <li
      style={{ paddingLeft: `${(t.depth - 1) * 0.9}rem` }}
      className={[t.orphaned ? 'orphaned' : '', drop ? `drop-${drop}` : ''].join(' ').trim() || undefined}
      data-theme-id={t.id}
      draggable={p.canMove}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, t.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        setDrop(intoAt(e) ? 'into' : 'after');
      }}
      onDragLeave={() => setDrop(null)}
      onDrop={(e) => {
        const dragged = e.dataTransfer.getData(DRAG_TYPE);
        setDrop(null);
        if (!dragged || dragged === t.id) return;
        e.preventDefault();
        p.onDrop(dragged, t.id, intoAt(e));
      }}
    >
      <button
        className="theme-item"
        disabled={!p.canApply && !p.canEdit}
        aria-disabled={!p.canApply}
        title={`${t.levelName}${t.description ? `: ${t.description}` : ''}${p.canApply ? ' — click to apply to the selection' : ''}${p.canMove ? ' — Alt+arrows or drag to move' : ''}`}
        onClick={() => p.canApply && p.onApply(t.id)}
        onKeyDown={(e) => {
          if (e.key === 'F2' && p.canEdit) {
            e.preventDefault();
            p.onEdit(t.id);
          } else if (e.altKey && e.key.startsWith('Arrow') && p.canMove) {
            e.preventDefault();
            p.onMoveKey(t.id, e.key);
          }
        }}
        aria-label={`apply ${t.label}`}
        aria-keyshortcuts={p.canEdit ? 'F2 Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight' : undefined}
      >
        <span className="swatch" style={{ background: t.color }} />
        <span className="label">{t.label}</span>
      </button>
      {t.owner !== null && (
        <span className="private-tag small" title={t.owner === p.meId ? 'your private theme: nobody else sees it until the themes are revealed' : 'a coder’s own theme (not in the shared codebook)'}>
          {t.owner === p.meId ? 'private' : 'coder’s'}
        </span>
      )}
      {p.pinnedKey >= 0 && <kbd title={`key ${p.pinnedKey + 1}`}>{p.pinnedKey + 1}</kbd>}
      <span className="count" title="your codings with this theme">
        {p.count ?? ''}
      </span>
      {p.canEdit && (
        <button type="button" className="link small edit-theme" aria-label={`edit ${t.label}`} onClick={() => p.onEdit(t.id)}>
          Edit
        </button>
      )}
    </li>
  );
});
