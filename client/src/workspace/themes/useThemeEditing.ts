import { useCallback, useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { applyThemeChange, CODEBOOK_MAPS, describeThemeChange, type Theme, type ThemeChange, type ThemeTree } from '../../../../shared/themes';
import { api } from '../../api';
import { type EditRights, routeOf } from './themeRights';

export interface ThemeEditing {
  rights: EditRights;
  /** Makes the change where the user may (own or shared codebook) or proposes it to the lead; resolves with what happened. */
  change: (theme: Theme, change: ThemeChange) => Promise<string>;
  /** Undoes the user's last change to their private codebook (a retirement, a rename, a move). */
  undoPrivate: (() => void) | null;
}

/** What a change did, for the toast ("“Loss” renamed to “Grief”."). */
function done(label: string, c: ThemeChange, labelOf: (id: string) => string): string {
  switch (c.kind) {
    case 'rename':
      return `“${label}” renamed to “${c.label}”.`;
    case 'describe':
      return `“${label}”: description saved.`;
    case 'recolour':
      return `“${label}” recoloured.`;
    case 'move':
      return `“${label}” moved ${c.parentId ? `under “${labelOf(c.parentId)}”` : 'to the top level'}.`;
    case 'retire':
      return `“${label}” retired.`;
  }
}

/**
 * Codebook work within the user's rights (issue 16 item 5): one entry point for every change
 * the theme panel offers, routed by themeRights.routeOf. Direct changes are Yjs edits with the
 * theme model's operations (validated; the server judges each update again with
 * decideCodebookChange); proposals go to REST. Edits of the private codebook can be undone
 * (Yjs' UndoManager over its themes, local edits only).
 */
export function useThemeEditing(opts: { studyId: string | null; tree: ThemeTree | null; shared: Y.Doc | null; ownPrivate: Y.Doc | null; rights: EditRights }): ThemeEditing {
  const { studyId, tree, shared, ownPrivate, rights } = opts;
  const [undoer, setUndoer] = useState<Y.UndoManager | null>(null);
  useEffect(() => {
    if (!ownPrivate) return;
    const m = new Y.UndoManager(ownPrivate.getMap(CODEBOOK_MAPS.themes), { captureTimeout: 0 });
    setUndoer(m);
    return () => {
      m.destroy();
      setUndoer(null);
    };
  }, [ownPrivate]);
  const change = useCallback(
    async (theme: Theme, c: ThemeChange): Promise<string> => {
      const route = routeOf(theme, c.kind, rights);
      const what = describeThemeChange(c, (id) => tree?.byId.get(id)?.label ?? 'a theme');
      if (route === 'own' && ownPrivate) {
        applyThemeChange(ownPrivate, theme.id, c, shared ?? undefined);
        return done(theme.label, c, (id) => tree?.byId.get(id)?.label ?? 'a theme');
      }
      if (route === 'shared' && shared) {
        applyThemeChange(shared, theme.id, c);
        return done(theme.label, c, (id) => tree?.byId.get(id)?.label ?? 'a theme');
      }
      if (route === 'propose' && studyId) {
        await api('POST', `/api/studies/${studyId}/themes/${theme.id}/proposals`, { change: c });
        return `Proposed to the lead: “${theme.label}”, ${what}.`;
      }
      throw new Error(`You may not change “${theme.label}” that way.`);
    },
    [rights, tree, ownPrivate, shared, studyId],
  );
  const undoPrivate = useMemo(() => (undoer ? () => void undoer.undo() : null), [undoer]);
  // One object while nothing changes: the theme panel is memoised on it.
  return useMemo(() => ({ rights, change, undoPrivate }), [rights, change, undoPrivate]);
}
