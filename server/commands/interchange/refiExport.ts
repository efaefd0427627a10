import { buildExportProject, exportCodes, writeCodebook, writeProject, zipQdpx } from '../../../shared/refi';
import { fileStem } from '../../../shared/fileName';
import { conflict } from '../../errors';
import { CONTENT_TYPES, type ExportFile } from './render/exportFile';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadStudyExport } from './refiStudyData';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';
import { logRead } from '../access/readLog';
import type { AccessDoor } from '../../store/accessLog';

export type ProjectFormat = 'qdpx' | 'qde';

/**
 * The study as a REFI-QDA project (docs/interchange.md), for the `audit.read` set (leads,
 * auditors, admins). It holds the layers the exporter may read (loadStudyExport asks
 * decideAccess per layer), so it never shows more than the exporter's sockets would.
 */
export async function exportProject(s: Services, actor: Actor, studyId: string, format: ProjectFormat, door: AccessDoor = 'rest'): Promise<ExportFile<Uint8Array>> {
  const access = await authorizeStudy(s, actor, studyId, 'audit.read');
  const { study } = access;
  const input = await loadStudyExport(s, actor, access);
  const project = buildExportProject(input);
  const bytes = format === 'qdpx' ? zipQdpx(project) : new TextEncoder().encode(writeProject(project, { text: 'inline' }));
  const selections = project.sources.reduce((n, src) => n + src.selections.length, 0);
  await s.db.transaction().execute((trx) =>
    appendAudit(trx, { studyId, actorId: actor.user.id, action: 'study.export', target: `study:${studyId}`, data: { format, sources: project.sources.length, selections, users: project.users.length, bytes: bytes.length, ...(input.withheld ? { withheldLayers: input.withheld } : {}) }, at: s.now() }),
  );
  await logRead(s, { studyId, userId: actor.user.id, what: 'export', target: `export:project:${format}`, door });
  return { fileName: `${fileStem(study.title, 'study')}.${format}`, contentType: format === 'qdpx' ? CONTENT_TYPES.zip : CONTENT_TYPES.xml, body: bytes };
}

/** The codebook as a .qdc; every member reads the codebook, so every member may export it. */
export async function exportCodebook(s: Services, actor: Actor, studyId: string, door: AccessDoor = 'rest'): Promise<ExportFile<Uint8Array>> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const { study } = access;
  const codes = exportCodes(await loadThemeTree(s, studyId, viewerOf(access, actor.user.id)));
  if (codes.length === 0) throw conflict('the codebook is empty: a .qdc needs at least one code');
  const bytes = new TextEncoder().encode(writeCodebook(codes, 'Concord'));
  await s.db.transaction().execute((trx) =>
    appendAudit(trx, { studyId, actorId: actor.user.id, action: 'codebook.export', target: `study:${studyId}`, data: { format: 'qdc', codes: codes.length }, at: s.now() }),
  );
  await logRead(s, { studyId, userId: actor.user.id, what: 'export', target: 'export:codebook:qdc', door });
  return { fileName: `${fileStem(study.title, 'study')}.qdc`, contentType: CONTENT_TYPES.xml, body: bytes };
}
