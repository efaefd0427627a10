import { CodebookImportBody, CsvExportQuery, ProjectExportQuery, ProjectImportBody, REFI_UPLOAD_BASE64_MAX, RefiFileBody } from '../../../shared/refi/interchangeApi';
import { download } from '../download';
import { route } from '../route';

/** The base64 file plus its JSON envelope; beyond it the body limit answers 413 before parsing. */
const UPLOAD_MAX_BODY = REFI_UPLOAD_BASE64_MAX + 4096;

const bytesOf = (data: string) => new Uint8Array(Buffer.from(data, 'base64'));

// The interchange commands (REFI-QDA's XML and zip code) load with the first request that needs
// them, not at start: a server that never imports or exports keeps them out of its memory.
const refiImport = () => import('../../commands/interchange/refiImport');
const refiExport = () => import('../../commands/interchange/refiExport');

export const interchangeRoutes = () => [
  route({
    method: 'post',
    path: '/api/import/project',
    summary: 'Import a REFI-QDA project (.qdpx or .qde, base64) as a new study led by the caller; `users` maps file users (name or GUID) to existing accounts by e-mail, the others become pending coders; answers the study and a report of what was imported and skipped',
    tag: 'interchange',
    auth: 'session',
    body: ProjectImportBody,
    maxBody: UPLOAD_MAX_BODY,
    status: 201,
    handler: async ({ s, actor, body }) => await (await refiImport()).importProject(s, actor, { name: body.name, bytes: bytesOf(body.data) }, body.users ? { users: body.users } : {}),
  }),
  route({
    method: 'post',
    path: '/api/import/project/preview',
    summary: 'Read a REFI-QDA project without storing anything: the report an import would give and the users with work to map',
    tag: 'interchange',
    auth: 'session',
    body: RefiFileBody,
    maxBody: UPLOAD_MAX_BODY,
    handler: async ({ s, body }) => (await refiImport()).previewProject(await (await refiImport()).planProjectUpload(s, { name: body.name, bytes: bytesOf(body.data) })),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/codebook/import',
    summary: 'Preview (merge: false) or merge (merge: true, codebook open) a REFI-QDA codebook (.qdc, base64) into the study codebook (leads)',
    tag: 'interchange',
    auth: 'session',
    body: CodebookImportBody,
    maxBody: UPLOAD_MAX_BODY,
    handler: async ({ s, actor, params, body }) => await (await import('../../commands/interchange/refiCodebook')).importCodebook(s, actor, params.sid, bytesOf(body.data), { merge: body.merge, fileName: body.name }),
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/export/project',
    summary: 'The study as a REFI-QDA project: .qdpx (zip with project.qde and sources/) or a standalone .qde (leads, auditors)',
    tag: 'interchange',
    auth: 'session',
    query: ProjectExportQuery,
    handler: async ({ s, actor, params, query }) => download(await (await refiExport()).exportProject(s, actor, params.sid, query.format)),
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/export/codebook',
    summary: 'The codebook as a REFI-QDA codebook file (.qdc)',
    tag: 'interchange',
    auth: 'session',
    handler: async ({ s, actor, params }) => download(await (await refiExport()).exportCodebook(s, actor, params.sid)),
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/groups',
    summary: "The Sets of the file the study was imported from, as read-only groups of its themes and transcripts (members)",
    tag: 'interchange',
    auth: 'session',
    handler: async ({ s, actor, params }) => await (await import('../../commands/interchange/refiGroups')).listStudyGroups(s, actor, params.sid),
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/export/csv',
    summary: 'CSV: every coding (what=codings; leads, auditors) or the themes (what=themes; members)',
    tag: 'interchange',
    auth: 'session',
    query: CsvExportQuery,
    handler: async ({ s, actor, params, query }) => download(await (await import('../../commands/interchange/csvExport')).exportStudyCsv(s, actor, params.sid, query.what)),
  }),
];
