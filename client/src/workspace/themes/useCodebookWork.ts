import { useMemo } from 'react';
import type { Layer } from '../../../../shared/coding';
import type { Study } from '../../api';
import type { Layers } from '../useLayers';
import { type Proposals, useProposals } from './useProposals';
import type { EditRights } from './themeRights';
import { type ThemeEditing, useThemeEditing } from './useThemeEditing';

export interface CodebookWork {
  editing: ThemeEditing | null;
  proposals: Proposals;
  governs: boolean;
  codingsOf: ReadonlyMap<string, number>;
}

/** How many codings each theme has in these layers (by the theme id each coding names). */
export function codingsPerTheme(layers: readonly Layer[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const layer of layers) for (const c of layer.codings) m.set(c.themeId, (m.get(c.themeId) ?? 0) + 1);
  return m;
}

/** The theme panel's codebook work for this user: their rights, the proposals they see, and coding counts per theme. */
export function useCodebookWork(study: Study | null, meId: string, layers: Layers, counted: Pick<Layers, 'ownLayer' | 'otherLayers'> = layers): CodebookWork {
  const role = study?.role ?? null;
  const governs = role === 'lead';
  const rights = useMemo<EditRights>(
    () => ({ meId, role, codebookPhase: study?.codebookPhase ?? 'final', writesShared: layers.canWriteCodebook && layers.codebook.status !== 'forbidden', writesPrivate: layers.ownPrivateDoc !== null }),
    [meId, role, study?.codebookPhase, layers.canWriteCodebook, layers.codebook.status, layers.ownPrivateDoc],
  );
  const editing = useThemeEditing({ studyId: study?.id ?? null, tree: layers.tree, shared: layers.codebook.doc, ownPrivate: layers.ownPrivateDoc, rights });
  const proposals = useProposals(study?.id ?? null, layers.codebook.doc, role === 'lead' || role === 'coder');
  // Counted from `counted`: the worksheet passes the layers as of after the coder's frame, so a
  // coding shows in the transcript first and the panel follows.
  const { ownLayer, otherLayers } = counted;
  const codingsOf = useMemo(() => codingsPerTheme([ownLayer, ...otherLayers.map((o) => o.layer)]), [ownLayer, otherLayers]);
  const mayEdit = role === 'lead' || role === 'coder';
  const shownEditing = mayEdit ? editing : null;
  // One object while nothing changes: the theme panel is memoised on its parts.
  return useMemo(() => ({ editing: shownEditing, proposals, governs, codingsOf }), [shownEditing, proposals, governs, codingsOf]);
}
