import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Theme, ThemeTree } from '../../../shared/themes';
import { ProposalsList } from './themes/ProposalsList';
import { ThemeEditor } from './themes/ThemeEditor';
import { ThemeRow } from './themes/ThemeRow';
import { dropMove, keyboardMove, MOVE_KEYS } from './themes/themeMoves';
import { editable, routeOf } from './themes/themeRights';
import type { Proposals } from './themes/useProposals';
import type { ThemeEditing } from './themes/useThemeEditing';

export interface ThemeTreePanelProps {
  tree: ThemeTree | null;
  /** Theme ids bound to the keys 1..9, in this order (null: key unassigned). */
  quick: ReadonlyArray<string | null>;
  canApply: boolean;
  canCreate: boolean;
  counts: ReadonlyMap<string, number>;
  onApply: (themeId: string) => void;
  onCreate: (label: string, parentId: string | null) => Promise<void>;
  searchRef: React.RefObject<HTMLInputElement | null>;
  /** Closes the panel where it opens over the page (narrow windows). */
  onClose: () => void;
  meId: string;
  /** New themes go to the user's private codebook (independent themes). */
  privateThemes: boolean;
  /** Shown under the tree (the number-key editor). */
  children?: React.ReactNode;
  /** Codebook work within the user's rights (issue 16 item 5); null for readers. */
  editing: ThemeEditing | null;
  proposals: Proposals;
  /** The user governs the codebook (decides proposals). */
  governs: boolean;
  nameOf: (userId: string) => string;
  /** Codings naming each theme in every layer the user reads (retiring asks first when there are any). */
  codingsOf: ReadonlyMap<string, number>;
  /** What a change did (null: nothing to say), with an undo where it is the user's own. */
  onMessage: (message: string | null, undo?: () => void) => void;
}

/**
 * The theme tree beside the transcript: apply by click, by search (Enter) or by number key.
 * Memoised (the worksheet passes stable callbacks and deferred counts), so applying a coding
 * renders the transcript's frame without this panel; the panel follows after it.
 */
export const ThemeTreePanel = memo(function ThemeTreePanel(props: ThemeTreePanelProps) {
  const { tree, quick, canApply, canCreate, counts, onApply, onCreate, searchRef, onClose, meId, privateThemes, editing, onMessage } = props;
  const [editingId, setEditingId] = useState<string | null>(null);
  // A moved or edited theme keeps the keyboard focus once the tree shows it at its new place.
  const refocus = useRef<string | null>(null);
  const listRef = useRef<HTMLUListElement | null>(null);
  useEffect(() => {
    const id = refocus.current;
    if (!id) return;
    const row = listRef.current?.querySelector<HTMLButtonElement>(`[data-theme-id="${id}"] .theme-item`);
    if (row) {
      row.focus();
      refocus.current = null;
    }
  }, [tree, editingId]);
  const move = useCallback(
    (id: string, input: { parentId: string | null; afterId?: string | null } | null) => {
      const theme = tree?.byId.get(id);
      if (!theme || !input || !editing) return;
      refocus.current = id;
      editing.change(theme, { kind: 'move', ...input }).then(
        (m) => onMessage(m, theme.owner !== null ? (editing.undoPrivate ?? undefined) : undefined),
        (e: unknown) => onMessage(e instanceof Error ? e.message : 'could not move the theme'),
      );
    },
    [tree, editing, onMessage],
  );
  const onMoveKey = useCallback((id: string, key: string) => tree && MOVE_KEYS[key] && move(id, keyboardMove(tree, tree.byId.get(id)!, MOVE_KEYS[key])), [tree, move]);
  const onDrop = useCallback((dragged: string, target: string, into: boolean) => tree && move(dragged, dropMove(tree.byId.get(target)!, into)), [tree, move]);
  const onEdit = useCallback((id: string) => setEditingId(id), []);
  const [query, setQuery] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useMemo(() => (tree ? tree.themes.filter((t) => t.status !== 'retired') : []), [tree]);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? live.filter((t) => t.label.toLowerCase().includes(q)) : live;
  }, [live, query]);

  if (!tree) return <aside className="theme-panel">Loading themes…</aside>;
  return (
    <aside className="theme-panel" aria-label="themes">
      <div className="panel-head">
        <h2>Themes</h2>
        <button type="button" className="link small close-panel" onClick={onClose}>
          Close
        </button>
        <span className="muted small">{tree.levels.names.join(' › ')}</span>
      </div>
      <input
        ref={searchRef}
        className="theme-search"
        placeholder="Type to find a theme ( / )"
        aria-label="find a theme"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0] && canApply) {
            e.preventDefault();
            onApply(matches[0].id);
            setQuery('');
          }
          if (e.key === 'Escape') {
            if (query) setQuery('');
            else onClose();
          }
        }}
      />
      <ProposalsList proposals={props.proposals} tree={tree} governs={props.governs} nameOf={props.nameOf} />
      <ul className="theme-list" ref={listRef}>
        {matches.map((t) =>
          editingId === t.id && editing ? (
            <li key={t.id} style={{ paddingLeft: `${(t.depth - 1) * 0.9}rem` }}>
              <ThemeEditor
                theme={t}
                tree={tree}
                editing={editing}
                codings={props.codingsOf.get(t.id) ?? 0}
                onDone={(message, undo) => {
                  refocus.current = t.id;
                  setEditingId(null);
                  if (message) onMessage(message, undo);
                }}
              />
            </li>
          ) : (
            <ThemeRow
              key={t.id}
              theme={t}
              pinnedKey={quick.indexOf(t.id)}
              canApply={canApply}
              canEdit={Boolean(editing && editable(t, editing.rights))}
              canMove={Boolean(editing && routeOf(t, 'move', editing.rights))}
              count={counts.get(t.id)}
              meId={meId}
              onApply={onApply}
              onEdit={onEdit}
              onMoveKey={onMoveKey}
              onDrop={onDrop}
            />
          ),
        )}
      </ul>
      {props.children}
      {canCreate && (
        <form
          className="new-theme"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await onCreate(newLabel, parentId);
              setNewLabel('');
            } catch (err) {
              setError(err instanceof Error ? err.message : 'could not add the theme');
            }
          }}
        >
          <input placeholder="New theme" aria-label="new theme label" value={newLabel} onChange={(e) => setNewLabel(e.target.value)} required />
          <select aria-label="new theme parent" value={parentId ?? ''} onChange={(e) => setParentId(e.target.value || null)}>
            <option value="">at the top level ({tree.levels.names[0]})</option>
            {live
              // A private theme sits under a shared theme or one of the user's own.
              .filter((t) => t.depth < tree.levels.maxDepth && (t.owner === null || t.owner === meId))
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {'· '.repeat(t.depth - 1)}
                  {t.label}
                </option>
              ))}
          </select>
          <button type="submit">{privateThemes ? 'Add private theme' : 'Add theme'}</button>
          {error && <p className="error small">{error}</p>}
        </form>
      )}
    </aside>
  );
});
