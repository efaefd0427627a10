import { useMemo } from 'react';
import { accessContext, decideAccess } from '../../../shared/access';
import { codebookMapDocName, docName } from '../../../shared/docNames';
import { mappingOf, readCodebookMap } from '../../../shared/reconcile/codebookMap';
import { type CodebookOverlay, readThemeTree, type ThemeTree } from '../../../shared/themes';
import type { Member, Study } from '../api';
import { type LiveDoc, useDoc, useDocs } from './useDoc';
import type { DocConnection } from '../collab/connectDoc';

export interface LiveThemeTree {
  codebook: LiveDoc;
  /** The user's own private codebook connection, when they may have one. */
  ownPrivate: DocConnection | undefined;
  /** The same as a live document (status, unsaved edits), for the pinned keys and the save badge. */
  ownPrivateLive: LiveDoc;
  tree: ThemeTree | null;
}

/**
 * The theme tree as this user may see it, live: the study's shared codebook with the private
 * codebooks (docs/theme-model.md) the access rule lets the user read on top: their own, every
 * coder's once the themes are revealed (or when they are not private), all of them for auditors.
 * The server refuses the others anyway; this only avoids asking.
 */
export function useThemeTree(study: Study | null, members: readonly Member[], meId: string | null): LiveThemeTree {
  const ctx = study && meId ? accessContext(study, meId, study.role) : null;
  const privateNames = useMemo(
    () =>
      ctx && study
        ? members
            .filter((m) => m.role !== 'auditor' && decideAccess({ kind: 'privateCodebook', studyId: study.id, ownerId: m.userId }, ctx) !== 'none')
            .map((m) => docName({ kind: 'privateCodebook', studyId: study.id, ownerId: m.userId }))
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [members, meId, study?.id, ctx?.independentThemes, ctx?.themesRevealed, ctx?.role],
  );
  const codebook = useDoc(study ? docName({ kind: 'codebook', studyId: study.id }) : null);
  // The user's own private codebook keeps its unsaved edits in IndexedDB like the layer (docs/workspace.md).
  const ownName = study && meId ? docName({ kind: 'privateCodebook', studyId: study.id, ownerId: meId }) : null;
  const mine = useDoc(ownName && privateNames.includes(ownName) && study?.role !== 'auditor' ? ownName : null, meId ?? undefined);
  const privates = useDocs(useMemo(() => privateNames.filter((n) => n !== ownName), [privateNames, ownName]));
  // The lead's codebook reconciliation (docs/reconciliation.md): read as the private themes'
  // lifecycle, so codings and statements of a mapped theme count for its target, live.
  const mayReadMap = ctx && study ? decideAccess({ kind: 'codebookMap', studyId: study.id }, ctx) !== 'none' : false;
  const map = useDoc(study && mayReadMap ? codebookMapDocName(study.id) : null);
  const tree = useMemo(() => {
    if (!codebook.doc) return null;
    const overlays: CodebookOverlay[] = [];
    for (const name of privateNames) {
      const conn = name === ownName ? (mine.conn ?? undefined) : privates.docs.get(name);
      // A refused document may still hold what it had before rights changed: leave it out.
      if (conn && conn.status() !== 'forbidden') overlays.push({ ownerId: name.split('/').pop()!, doc: conn.doc });
    }
    const decisions = map.doc && map.status !== 'forbidden' ? readCodebookMap(map.doc).decisions : null;
    return readThemeTree(codebook.doc, overlays, decisions?.size ? mappingOf(decisions) : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codebook.doc, codebook.version, privates.docs, privates.version, privateNames, mine.conn, mine.version, map.doc, map.version, map.status]);
  return { codebook, ownPrivate: mine.conn ?? undefined, ownPrivateLive: mine, tree };
}
