import { AuditExportQuery, ExportQuery } from '../../../shared/reconcile';
import { exportAuditTrail } from '../../commands/interchange/auditTrail';
import { logExportEvent } from '../../commands/interchange/exportEvent';
import { reconciliationRecord } from '../../commands/reconcile/record';
import { participantThemes, studyThemeTable } from '../../commands/themes/tableOfThemes';
import { CONTENT_TYPES, type ExportFile, fileStem } from '../../commands/interchange/render/exportFile';
import { renderCaseTable, renderRecord, renderThemeTable } from '../../commands/interchange/render/renderExport';
import { route } from '../route';

/** A download: the attachment name is built from letters, digits and dashes only (fileStem). */
function download(f: ExportFile): Response {
  return new Response(typeof f.body === 'string' ? f.body : new Blob([f.body as Uint8Array<ArrayBuffer>]), {
    headers: { 'content-type': f.contentType, 'content-disposition': `attachment; filename="${f.fileName}"`, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
  });
}

export const exportRoutes = () => [
  route({
    method: 'get',
    path: '/api/studies/:sid/themes/table',
    summary: 'Table of themes from the consensus layers: hierarchy x participants, extracts with line references, recurrence (json, md, csv, html, docx)',
    tag: 'reconciliation',
    auth: 'session',
    query: ExportQuery,
    handler: async ({ s, actor, params, query }) => {
      const data = await studyThemeTable(s, actor!, params.sid!);
      if (query.format === 'json') return data;
      await logExportEvent(s, actor!, params.sid!, 'table-of-themes', query.format);
      return download(await renderThemeTable(query.format, data, s.now()));
    },
  }),
  route({
    method: 'get',
    path: '/api/participants/:pid/themes',
    summary: "A participant's personal themes from the consensus layers (json, md, csv, html, docx)",
    tag: 'reconciliation',
    auth: 'session',
    query: ExportQuery,
    handler: async ({ s, actor, params, query }) => {
      const data = await participantThemes(s, actor!, params.pid!);
      if (query.format === 'json') return data;
      await logExportEvent(s, actor!, data.study.id, `participant-themes:${params.pid!}`, query.format);
      return download(await renderCaseTable(query.format, data.study.title, data.table, s.now()));
    },
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/reconciliation',
    summary: 'The reconciliation record: every disagreement, its discussion, resolution, rationale, decisions, who and when (leads, auditors)',
    tag: 'reconciliation',
    auth: 'session',
    query: ExportQuery,
    handler: async ({ s, actor, params, query }) => {
      const record = await reconciliationRecord(s, actor!, params.sid!);
      if (query.format === 'json') return record;
      await logExportEvent(s, actor!, params.sid!, 'reconciliation-record', query.format);
      return download(await renderRecord(query.format, record));
    },
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/audit/export',
    summary: 'The full audit trail as a file (json, csv), verifiable offline with `concord audit verify` (leads, auditors)',
    tag: 'audit',
    auth: 'session',
    query: AuditExportQuery,
    handler: async ({ s, actor, params, query }) => {
      const { json, csv } = await exportAuditTrail(s, actor!, params.sid!, query.format);
      const stem = `${fileStem(json.study.title)}-audit-trail`;
      return query.format === 'json'
        ? download({ body: `${JSON.stringify(json, null, 2)}\n`, contentType: CONTENT_TYPES.json, fileName: `${stem}.json` })
        : download({ body: csv, contentType: CONTENT_TYPES.csv, fileName: `${stem}.csv` });
    },
  }),
];
