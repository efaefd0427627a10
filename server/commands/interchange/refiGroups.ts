import { type StudyGroup, guidFor, readSets } from '../../../shared/refi';
import type { Services } from '../../services';
import { findCarriedProject, listCarriedSources } from '../../store/interchange';
import { listTranscripts } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

/**
 * The Sets of the file a study was imported from, as groups of the study's themes and
 * transcripts (issue 17 item 2): read-only, for every member (they see the codebook and the
 * transcript list anyway). The Sets themselves are carried as the file wrote them and go back
 * out with the export unchanged; a study made in Concord has none.
 */
export async function listStudyGroups(s: Services, actor: Actor, studyId: string): Promise<{ groups: StudyGroup[] }> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const section = (await findCarriedProject(s.db, studyId))?.sections?.Sets;
  if (!section) return { groups: [] };
  const tree = await loadThemeTree(s, studyId, viewerOf(access, actor.user.id));
  const carriedSources = await listCarriedSources(s.db, studyId);
  const titles = new Map((await listTranscripts(s.db, studyId)).map((t) => [t.id, t.title]));
  const transcriptOf = new Map<string, string>();
  for (const [transcriptId, source] of carriedSources) transcriptOf.set(guidFor('source', source.guid), transcriptId);
  const groups = readSets(section).map((set): StudyGroup => {
    const themes = set.codeGuids.flatMap((g) => {
      const theme = tree.byId.get(guidFor('code', g));
      return theme ? [{ id: theme.id, label: theme.label }] : [];
    });
    const transcripts = set.sourceGuids.flatMap((g) => {
      const id = transcriptOf.get(g);
      const title = id === undefined ? undefined : titles.get(id);
      return id !== undefined && title !== undefined ? [{ id, title }] : [];
    });
    const missing = set.codeGuids.length - themes.length + set.sourceGuids.length - transcripts.length;
    return { guid: set.guid, name: set.name, description: set.description, themes, transcripts, notes: set.noteGuids.length, missing };
  });
  return { groups };
}
