import type { CoderLayer, Theme as AgreementTheme, TranscriptInput } from '../../../shared/agreement';
import { readLayer } from '../../../shared/coding';
import { docName } from '../../../shared/docNames';
import { type ThemeTree, readThemeTree } from '../../../shared/themes';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { layerOwners } from '../../store/layerDocs';
import { type TranscriptMeta, findTranscript } from '../../store/transcripts';
import { codebookDocName } from '../themes/themeTree';

export interface LoadedTranscript {
  meta: TranscriptMeta;
  input: TranscriptInput;
}

/** The agreement engine's view of a theme tree: effective parents and merges after the read rule. */
export function agreementThemes(tree: ThemeTree): AgreementTheme[] {
  return tree.themes.map((t) => ({ id: t.id, parentId: t.parentId, mergedInto: t.mergedInto }));
}

export async function loadThemeTree(s: Services, studyId: string): Promise<ThemeTree> {
  return withDoc(s, codebookDocName(studyId), (doc) => readThemeTree(doc));
}

/**
 * Reads a transcript and its coders' layers from the live documents (loaded through the
 * registry, so a reader sees exactly what connected clients see), as the engine's plain input.
 * Layer values that fail validation are skipped by readLayer and never reach the statistics.
 */
export async function loadTranscriptLayers(s: Services, transcriptId: string, coders?: readonly string[]): Promise<LoadedTranscript | null> {
  const row = await findTranscript(s.db, transcriptId);
  if (!row) return null;
  const owners = (await layerOwners(s.db, transcriptId)).filter((o) => !coders || coders.includes(o));
  const layers: CoderLayer[] = [];
  for (const owner of owners) {
    const codings = await withDoc(s, docName({ kind: 'layer', transcriptId, ownerId: owner }), (doc) => readLayer(doc, row.text.length).codings);
    layers.push({ coder: owner, codings: codings.map((c) => ({ start: c.start, end: c.end, themeId: c.themeId })) });
  }
  const { text, turns, lines, ...meta } = row;
  return {
    meta,
    input: {
      id: row.id,
      length: text.length,
      lines,
      turns: turns.filter((t): t is typeof t & { speaker: string } => t.speaker !== null),
      text,
      layers,
    },
  };
}
