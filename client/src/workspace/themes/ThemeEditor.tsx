import { useState } from 'react';
import type { Theme, ThemeChange, ThemeTree } from '../../../../shared/themes';
import { routeOf } from './themeRights';
import { ThemeOptions } from './ThemeOptions';
import type { ThemeEditing } from './useThemeEditing';

export interface ThemeEditorProps {
  theme: Theme;
  tree: ThemeTree;
  editing: ThemeEditing;
  /** Codings (the user's and those they may read) naming the theme: retiring them asks first. */
  codings: number;
  onDone: (message: string | null, undo?: () => void) => void;
}

/**
 * Rename, describe, recolour, re-parent or retire one theme, in place in the theme panel. Each
 * field goes where the user's rights send it (themeRights.routeOf): written, or proposed to the
 * lead; the button says which. Escape cancels.
 */
export function ThemeEditor({ theme, tree, editing, codings, onDone }: ThemeEditorProps) {
  const [label, setLabel] = useState(theme.label);
  const [description, setDescription] = useState(theme.description);
  const [color, setColor] = useState(theme.color);
  const [parentId, setParentId] = useState<string | null>(theme.parentId);
  const [error, setError] = useState<string | null>(null);
  const route = (k: ThemeChange['kind']) => routeOf(theme, k, editing.rights);
  const proposesAll = (['rename', 'describe', 'recolour', 'move'] as const).every((k) => route(k) !== 'own' && route(k) !== 'shared');
  const own = theme.owner !== null;
  const parents = tree.themes.filter((t) => t.status !== 'retired' && t.id !== theme.id && !t.path.includes(theme.id) && t.depth < tree.levels.maxDepth && (t.owner === null || t.owner === theme.owner));

  const run = async (changes: ThemeChange[], undo?: () => void) => {
    setError(null);
    const said: string[] = [];
    try {
      for (const c of changes) said.push(await editing.change(theme, c));
      onDone(said.join(' ') || null, undo);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'could not change the theme');
    }
  };
  const save = () => {
    const changes: ThemeChange[] = [];
    if (label.trim() !== theme.label) changes.push({ kind: 'rename', label: label.trim() });
    if (description !== theme.description) changes.push({ kind: 'describe', description });
    if (color !== theme.color) changes.push({ kind: 'recolour', color });
    if (parentId !== theme.parentId) changes.push({ kind: 'move', parentId });
    return run(changes.filter((c) => route(c.kind) !== null), own ? (editing.undoPrivate ?? undefined) : undefined);
  };
  const retire = () => {
    const proposing = route('retire') === 'propose';
    if (codings > 0 && !proposing && !window.confirm(`Retire “${theme.label}”? ${codings} coding${codings === 1 ? '' : 's'} name it; they keep it, but it leaves the tree.`)) return;
    return run([{ kind: 'retire' }], own ? (editing.undoPrivate ?? undefined) : undefined);
  };
  const field = (k: ThemeChange['kind']) => route(k) === null;

  return (
    <form
      className="theme-editor"
      aria-label={`edit ${theme.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onDone(null))}
    >
      <label>
        Name
        <input aria-label="theme name" value={label} disabled={field('rename')} onChange={(e) => setLabel(e.target.value)} autoFocus required maxLength={200} />
      </label>
      <label>
        Description
        <textarea aria-label="theme description" value={description} disabled={field('describe')} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={5000} />
      </label>
      <label className="inline">
        Colour
        <input type="color" aria-label="theme colour" value={color} disabled={field('recolour')} onChange={(e) => setColor(e.target.value)} />
      </label>
      <label>
        Under
        <select aria-label="theme parent" value={parentId ?? ''} disabled={field('move')} onChange={(e) => setParentId(e.target.value || null)}>
          <option value="">the top level</option>
          <ThemeOptions themes={parents} />
        </select>
      </label>
      <div className="editor-actions">
        <button type="submit">{proposesAll ? 'Propose to the lead' : 'Save'}</button>
        {route('retire') !== null && (
          <button type="button" className="secondary danger" onClick={() => void retire()}>
            {route('retire') === 'propose' ? 'Propose retiring' : 'Retire'}
          </button>
        )}
        <button type="button" className="link small" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      {proposesAll && <p className="muted small">This theme is governed by the lead: your changes are sent as proposals.</p>}
      {error && <p className="error small" role="alert">{error}</p>}
    </form>
  );
}
