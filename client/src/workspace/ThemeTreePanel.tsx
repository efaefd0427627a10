import { useMemo, useState } from 'react';
import type { Theme, ThemeTree } from '../../../shared/themes';

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
}

/** The theme tree beside the transcript: apply by click, by search (Enter) or by number key. */
export function ThemeTreePanel(props: ThemeTreePanelProps) {
  const { tree, quick, canApply, canCreate, counts, onApply, onCreate, searchRef, onClose, meId, privateThemes } = props;
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
  const levelOf = (t: Theme) => t.levelName;
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
      <ul className="theme-list">
        {matches.map((t) => {
          const key = quick.indexOf(t.id);
          return (
            <li key={t.id} style={{ paddingLeft: `${(t.depth - 1) * 0.9}rem` }} className={t.orphaned ? 'orphaned' : undefined}>
              <button
                className="theme-item"
                disabled={!canApply}
                title={`${levelOf(t)}${t.description ? `: ${t.description}` : ''}${canApply ? ' — click to apply to the selection' : ''}`}
                onClick={() => onApply(t.id)}
                aria-label={`apply ${t.label}`}
              >
                <span className="swatch" style={{ background: t.color }} />
                <span className="label">{t.label}</span>
              </button>
              {t.owner !== null && <span className="private-tag small" title={t.owner === meId ? 'your private theme: nobody else sees it until the themes are revealed' : 'a coder’s own theme (not in the shared codebook)'}>{t.owner === meId ? 'private' : 'coder’s'}</span>}
              {key >= 0 && <kbd title={`key ${key + 1}`}>{key + 1}</kbd>}
              <span className="count" title="your codings with this theme">{counts.get(t.id) ?? ''}</span>
            </li>
          );
        })}
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
}
