import type * as Y from 'yjs';
import { useCallback, useMemo, useRef } from 'react';
import { accessContext, decideAccess, themesArePrivate } from '../../../shared/access';
import { type Layer, readLayer } from '../../../shared/coding';
import { docName } from '../../../shared/docNames';
import { addTheme, type ThemeTree } from '../../../shared/themes';
import type { Member, Study, User } from '../api';
import { coderColor } from './colors';
import { sameLayer } from './sameLayer';
import type { LoadedTranscript } from './useTranscript';
import { type LiveDoc, useDoc, useDocs } from './useDoc';
import { useThemeTree } from './useThemeTree';

export const EMPTY_LAYER: Layer = { codings: [], notes: [], statements: [], problems: [] };

export interface OtherLayer {
  ownerId: string;
  layer: Layer;
}

export interface Layers {
  own: LiveDoc;
  codebook: LiveDoc;
  tree: ThemeTree | null;
  ownLayer: Layer;
  /** The layers of other coders this user may read (open mode, or after coding). */
  otherLayers: OtherLayer[];
  /** Whether this user codes at all (lead or coder). */
  codes: boolean;
  canWriteOwn: boolean;
  canWriteCodebook: boolean;
  /** The user's own private codebook, when they may write it (independent themes). */
  ownPrivateDoc: Y.Doc | null;
  /** The user's own private codebook as a live document (status, unsaved edits); it also holds their number keys. */
  ownPrivateLive: LiveDoc;
  /** Whether this user may create themes, and where they go (their private codebook under independent themes). */
  canCreateTheme: boolean;
  createTheme: (label: string, parentId: string | null) => string | null;
  /** This user's new themes are private until reveal (a coder under independent themes; a lead's are shared). */
  privateThemes: boolean;
  /** Members who code (leads and coders), in member order: their colours follow this order. */
  coders: Member[];
  colorOf: (userId: string) => string;
  nameOf: (userId: string) => string;
}

/**
 * The documents the worksheet works on: the coder's own layer, the study's codebook (with the
 * coder's private codebook and the others' this user may read on top) and the other coders'
 * layers this user may read. Other documents are opened only where the access rule lets this
 * user read them; the server refuses the rest anyway (blind mode is enforced there, not here).
 */
export function useLayers(transcriptId: string, me: User, data: LoadedTranscript | null, study: Study | null, members: Member[]): Layers {
  const role = study?.role ?? null;
  const ctx = study && data ? accessContext(study, me.id, role, data.transcript.phase) : null;
  const codes = role === 'lead' || role === 'coder';
  const ownName = ctx && codes ? docName({ kind: 'layer', transcriptId, ownerId: me.id }) : null;
  const coders = useMemo(() => members.filter((m) => m.role !== 'auditor'), [members]);
  const otherNames = useMemo(
    () => (ctx ? coders.filter((m) => m.userId !== me.id && decideAccess({ kind: 'layer', transcriptId, ownerId: m.userId }, ctx) !== 'none').map((m) => docName({ kind: 'layer', transcriptId, ownerId: m.userId })) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [coders, me.id, transcriptId, ctx?.codingMode, ctx?.transcriptPhase, ctx?.role],
  );

  const own = useDoc(ownName, me.id);
  const { codebook, ownPrivate, ownPrivateLive, tree } = useThemeTree(study, members, me.id);
  const others = useDocs(otherNames);
  const textLength = data?.text.length ?? 0;

  // Each read keeps the previous lists where their records are the same ones (readLayer keeps an
  // unchanged record's identity): a coding then changes the codings list only, and another
  // coder's change leaves this coder's layer (and everything derived from it) as it was.
  const previous = useRef(new Map<string, Layer>());
  const stable = (key: string, next: Layer): Layer => {
    const kept = sameLayer(previous.current.get(key), next);
    previous.current.set(key, kept);
    return kept;
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ownLayer = useMemo(() => (own.doc && data ? stable('', readLayer(own.doc, textLength)) : EMPTY_LAYER), [own.doc, own.version, data, textLength]);
  const otherLayers = useMemo(() => {
    if (!data) return [];
    return otherNames.map((name) => {
      const ownerId = name.split('/').pop()!;
      const conn = others.docs.get(name);
      // A refused document may still hold what it had before rights changed: show nothing of it.
      const layer = conn && conn.status() !== 'forbidden' ? stable(name, readLayer(conn.doc, textLength)) : EMPTY_LAYER;
      return { ownerId, layer };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [others.docs, others.version, otherNames, data, textLength]);

  const canWriteOwn = Boolean(ctx && ownName && decideAccess({ kind: 'layer', transcriptId, ownerId: me.id }, ctx) === 'write') && own.status !== 'forbidden';
  const canWriteCodebook = Boolean(ctx && study && decideAccess({ kind: 'codebook', studyId: study.id }, ctx) === 'write');
  const privateThemes = Boolean(study && themesArePrivate(study)) && role !== 'lead';
  const canCreateTheme = privateThemes
    ? Boolean(ctx && study && ownPrivate && ownPrivate.status() !== 'forbidden' && decideAccess({ kind: 'privateCodebook', studyId: study.id, ownerId: me.id }, ctx) === 'write')
    : canWriteCodebook;
  const createTheme = useCallback(
    (label: string, parentId: string | null): string | null => {
      // A lead's themes are the shared codebook (a-priori or agreed themes); a coder's are private.
      if (privateThemes) return ownPrivate && codebook.doc ? addTheme(ownPrivate.doc, { label, parentId, createdBy: me.id, createdAt: Date.now() }, codebook.doc) : null;
      return codebook.doc ? addTheme(codebook.doc, { label, parentId, createdBy: me.id, createdAt: Date.now() }) : null;
    },
    [privateThemes, ownPrivate, codebook.doc, me.id],
  );
  const colorOf = useCallback((userId: string) => coderColor(Math.max(0, coders.findIndex((m) => m.userId === userId))), [coders]);
  const nameOf = useCallback((userId: string) => members.find((m) => m.userId === userId)?.name ?? 'someone', [members]);
  const writesPrivate = Boolean(ctx && study && ownPrivate && ownPrivate.status() !== 'forbidden' && decideAccess({ kind: 'privateCodebook', studyId: study.id, ownerId: me.id }, ctx) === 'write');
  const ownPrivateDoc = writesPrivate ? ownPrivate!.doc : null;
  return { own, codebook, tree, ownLayer, otherLayers, codes, canWriteOwn, canWriteCodebook, ownPrivateDoc, ownPrivateLive, canCreateTheme, createTheme, privateThemes, coders, colorOf, nameOf };
}
