import { codingView } from '../../../shared/coding';
import type { BrowseResponse, Extract } from '../../../shared/themes/browseTypes';
import { notFound } from '../../errors';
import type { Services } from '../../services';
import { listMembers } from '../../store/members';
import { listParticipants } from '../../store/participants';
import { findTranscript, listTranscripts } from '../../store/transcripts';
import { usersByIds } from '../../store/users';
import { type Actor, authorizeStudy } from '../access/actor';
import { readableLayers } from '../layers/readableLayers';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';
import { themeCounts } from './counts';

export interface BrowseOptions {
  /** Only this theme's extracts (counts always cover the whole tree). */
  theme?: string;
}

/**
 * The theme browser (issue 4 item 6): the tree with counts and every coded extract, computed
 * only from the layers the caller may read (readableLayers). In blind mode a coder therefore
 * sees their own extracts and counts until reveal, which is exactly what their workspace shows.
 * Counts and extracts come from the same extract list, so they can never disagree.
 */
export async function browseThemes(s: Services, actor: Actor, studyId: string, options: BrowseOptions = {}): Promise<BrowseResponse> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const ctx = viewerOf(access, actor.user.id);
  const tree = await loadThemeTree(s, studyId, ctx);
  if (options.theme && !tree.byId.has(options.theme)) throw notFound(`theme ${options.theme}`);
  const pseudonyms = new Map((await listParticipants(s.db, studyId)).map((p) => [p.id, p.pseudonym]));
  const names = new Map((await listMembers(s.db, studyId)).map((m) => [m.userId, m.name]));

  const extracts: Extract[] = [];
  let hiddenLayers = 0;
  let unknownThemes = 0;
  for (const meta of await listTranscripts(s.db, studyId)) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue; // deleted between the two queries
    const { layers, hidden } = await readableLayers(s, ctx, meta, row.text.length);
    hiddenLayers += hidden;
    if (layers.length === 0) continue;
    const lines = row.lines;
    for (const { source, layer } of layers) {
      for (const c of layer.codings) {
        const themeId = tree.resolve(c.themeId);
        if (!tree.byId.has(themeId)) {
          unknownThemes++;
          continue;
        }
        const view = codingView(c, row.text, lines);
        const coderId = source.kind === 'coder' ? source.coderId : null;
        extracts.push({
          codingId: c.id,
          themeId,
          codedThemeId: c.themeId,
          source: source.kind,
          transcriptId: meta.id,
          transcriptTitle: meta.title,
          participantId: meta.participantId,
          pseudonym: pseudonyms.get(meta.participantId) ?? '?',
          coderId,
          coderName: coderId === null ? 'Consensus' : (names.get(coderId) ?? coderId),
          start: c.start,
          end: c.end,
          lines: view.lines,
          lineRange: view.lineRange,
          quote: view.quote,
          ...(c.memo ? { memo: c.memo } : {}),
        });
      }
    }
  }
  // A former member's layer stays readable; name them from the users table.
  const strangers = [...new Set(extracts.map((e) => e.coderId).filter((id): id is string => id !== null && !names.has(id)))];
  if (strangers.length) {
    for (const u of await usersByIds(s.db, strangers)) names.set(u.id, u.name);
    for (const e of extracts) if (e.coderId && e.coderName === e.coderId) e.coderName = names.get(e.coderId) ?? e.coderId;
  }

  const counts = new Map(themeCounts(tree, extracts).map((r) => [r.themeId, r]));
  const shown = options.theme ? extracts.filter((e) => e.themeId === options.theme) : extracts;
  shown.sort((a, b) => cmp(a.pseudonym, b.pseudonym) || cmp(a.transcriptTitle, b.transcriptTitle) || a.start - b.start || a.end - b.end || cmp(a.coderName, b.coderName));
  return {
    levels: tree.levels,
    themes: tree.themes.map((t) => ({
      id: t.id,
      label: t.label,
      description: t.description,
      color: t.color,
      status: t.status,
      mergedInto: t.mergedInto,
      parentId: t.parentId,
      depth: t.depth,
      levelName: t.levelName,
      path: t.path,
      counts: counts.get(t.id)!.own,
      totals: counts.get(t.id)!.withDescendants,
    })),
    extracts: shown,
    scope: { hiddenLayers, unknownThemes },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
