import { buildExportProject, exportCodes, writeCodebook, writeProject, zipQdpx } from '../../../shared/refi';
import { conflict } from '../../errors';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadStudyExport } from './refiStudyData';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

export type ProjectFormat = 'qdpx' | 'qde';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A file name from the study title: letters, digits, dashes; never a path. */
export function exportFileName(title: string, ext: string): string {
  const base = title.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'study';
  return `${base}.${ext}`;
}

/**
 * The study as a REFI-QDA project (docs/interchange.md), for the `audit.read` set (leads,
 * auditors, admins). It holds the layers the exporter may read (loadStudyExport asks
 * decideAccess per layer), so it never shows more than the exporter's sockets would.
 */
export async function exportProject(s: Services, actor: Actor, studyId: string, format: ProjectFormat): Promise<ExportedFile> {
  const access = await authorizeStudy(s, actor, studyId, 'audit.read');
  const { study } = access;
  const input = await loadStudyExport(s, actor, access);
  const project = buildExportProject(input);
  const bytes = format === 'qdpx' ? zipQdpx(project) : new TextEncoder().encode(writeProject(project, { text: 'inline' }));
  const selections = project.sources.reduce((n, src) => n + src.selections.length, 0);
  await s.db.transaction().execute((trx) =>
    appendAudit(trx, { studyId, actorId: actor.user.id, action: 'study.export', target: `study:${studyId}`, data: { format, sources: project.sources.length, selections, users: project.users.length, bytes: bytes.length, ...(input.withheld ? { withheldLayers: input.withheld } : {}) }, at: s.now() }),
  );
  return { fileName: exportFileName(study.title, format), contentType: format === 'qdpx' ? 'application/zip' : 'application/xml', bytes };
}

/** The codebook as a .qdc; every member reads the codebook, so every member may export it. */
export async function exportCodebook(s: Services, actor: Actor, studyId: string): Promise<ExportedFile> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const { study } = access;
  const codes = exportCodes(await loadThemeTree(s, studyId, viewerOf(access, actor.user.id)));
  if (codes.length === 0) throw conflict('the codebook is empty: a .qdc needs at least one code');
  const bytes = new TextEncoder().encode(writeCodebook(codes, 'Concord'));
  await s.db.transaction().execute((trx) =>
    appendAudit(trx, { studyId, actorId: actor.user.id, action: 'codebook.export', target: `study:${studyId}`, data: { format: 'qdc', codes: codes.length }, at: s.now() }),
  );
  return { fileName: exportFileName(study.title, 'qdc'), contentType: 'application/xml', bytes };
}
