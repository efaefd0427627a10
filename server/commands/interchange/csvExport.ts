import { csvText } from '../../../shared/csv';
import { fileStem } from '../../../shared/fileName';
import { lineRangeOf, quoteOf } from '../../../shared/transcript';
import type { ThemeTree } from '../../../shared/themes';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import type { AccessDoor } from '../../store/accessLog';
import { logRead } from '../access/readLog';
import { findStudy } from '../../store/studies';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadStudyExport } from './refiStudyData';
import { CONTENT_TYPES, type ExportFile } from './render/exportFile';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

/** Theme labels from the top level down, joined with " > ". */
export function themePath(tree: ThemeTree, themeId: string): string {
  const theme = tree.byId.get(tree.resolve(themeId));
  return theme ? theme.path.map((id) => tree.byId.get(id)?.label ?? id).join(' > ') : `(unknown theme ${themeId})`;
}

export const CODINGS_HEADER = ['study', 'participant', 'transcript', 'coder', 'theme path', 'start', 'end', 'lines', 'quote', 'memo', 'created'] as const;

/**
 * Every coding of the study, one row each, coders' layers and the consensus layer (coder
 * "Consensus"). `start`/`end` are Concord's offsets (UTF-16 code units of the frozen text, as in
 * the API); `lines` cites the frozen line numbers; a merged theme's codings name the theme it was
 * merged into. Like the project export it holds only the layers the exporter may read
 * (decideAccess per layer, in loadStudyExport) and needs the `audit.read` set.
 */
export async function exportCodingsCsv(s: Services, actor: Actor, studyId: string, door: AccessDoor = 'rest'): Promise<string> {
  const access = await authorizeStudy(s, actor, studyId, 'audit.read');
  const { study } = access;
  const data = await loadStudyExport(s, actor, access);
  const pseudonym = new Map(data.participants.map((p) => [p.id, p.pseudonym]));
  const rows: (string | number)[][] = [[...CODINGS_HEADER]];
  for (const t of data.transcripts) {
    const lines = t.lines;
    const layers = [...[...t.layers].map(([owner, layer]) => ({ coder: data.userNames.get(owner) ?? owner, layer })), ...(t.consensus ? [{ coder: 'Consensus', layer: t.consensus }] : [])];
    for (const { coder, layer } of layers) {
      for (const c of layer.codings) {
        const range = lineRangeOf(lines, c.start, c.end);
        rows.push([study.title, pseudonym.get(t.participantId) ?? '', t.title, coder, themePath(data.tree, c.themeId), c.start, c.end, range.first === range.last ? `${range.first}` : `${range.first}-${range.last}`, quoteOf(t.text, c.start, c.end), c.memo ?? '', new Date(c.createdAt).toISOString()]);
      }
    }
  }
  await audit(s, actor, studyId, 'codings', rows.length - 1, door, data.withheld);
  return csvText(rows);
}

export const THEMES_HEADER = ['id', 'path', 'label', 'level', 'level name', 'parent id', 'status', 'merged into', 'color', 'description', 'created'] as const;

/** The codebook, one row per theme in display order (merged and retired themes included, with their status). */
export async function exportThemesCsv(s: Services, actor: Actor, studyId: string, door: AccessDoor = 'rest'): Promise<string> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const tree = await loadThemeTree(s, studyId, viewerOf(access, actor.user.id));
  const rows: (string | number)[][] = [[...THEMES_HEADER]];
  for (const t of tree.themes) rows.push([t.id, t.path.map((id) => tree.byId.get(id)?.label ?? id).join(' > '), t.label, t.depth, t.levelName, t.parentId ?? '', t.status, t.mergedInto ?? '', t.color, t.description, new Date(t.createdAt).toISOString()]);
  await audit(s, actor, studyId, 'themes', rows.length - 1, door);
  return csvText(rows);
}

/** The codings or the themes of a study as a CSV download named after the study. */
export async function exportStudyCsv(s: Services, actor: Actor, studyId: string, what: 'codings' | 'themes'): Promise<ExportFile<string>> {
  const csv = what === 'codings' ? await exportCodingsCsv(s, actor, studyId) : await exportThemesCsv(s, actor, studyId);
  const title = (await findStudy(s.db, studyId))?.title ?? 'study';
  return { body: csv, contentType: CONTENT_TYPES.csv, fileName: `${fileStem(`${title}-${what}`, 'study')}.csv` };
}

/** An export is audited (who took what out) and, as a read, recorded in the access log with its door. */
async function audit(s: Services, actor: Actor, studyId: string, what: 'codings' | 'themes', rows: number, door: AccessDoor, withheldLayers = 0): Promise<void> {
  await s.db.transaction().execute((trx) => appendAudit(trx, { studyId, actorId: actor.user.id, action: 'study.export', target: `study:${studyId}`, data: { format: 'csv', what, rows, ...(withheldLayers ? { withheldLayers } : {}) }, at: s.now() }));
  await logRead(s, { studyId, userId: actor.user.id, what: 'export', target: `export:${what}:csv`, door });
}
