import { AuditExportQuery, ExportQuery, KeyQuoteRequest, TableCellQuery, TableExportQuery, WriteupOrderRequest } from '../../../shared/reconcile';
import { exportAuditTrail } from '../../commands/audit/auditTrail';
import { logExportEvent } from '../../commands/audit/exportEvent';
import { reconciliationRecord } from '../../commands/reconcile/record';
import { participantThemes, studyTableView } from '../../commands/themes/tableOfThemes';
import { tableCell } from '../../commands/themes/tableCell';
import { invalid } from '../../errors';
import { markKeyQuote, reorderWriteup } from '../../commands/reconcile/writeup';
import { fileStem } from '../../../shared/fileName';
import { CONTENT_TYPES } from '../../commands/interchange/render/exportFile';
import { download } from '../download';
import { renderCaseTable, renderRecord, renderThemeTable } from '../../commands/interchange/render/renderExport';
import { preparedJson } from '../preparedJson';
import { route } from '../route';

export const exportRoutes = () => [
  route({
    method: 'get',
    path: '/api/studies/:sid/themes/table',
    summary: 'Table of themes from the consensus layers: hierarchy (in the write-up order) x participants, extracts and statements with line references and key quotes, recurrence (json, md, csv, html, docx); evidence=all|key, unused=show|hide, notes=none|evidence (exploratory notes under the evidence whose lines they share; default: the study\'s tableNotes); perCell=K (json only: at most K extracts and K statements per cell, `moreExtracts` and `moreStatements` say how many more, the cell route gives them; counts and recurrence stay those of all the evidence)',
    tag: 'reconciliation',
    auth: 'session',
    query: TableExportQuery,
    handler: async ({ c, s, actor, params, query }) => {
      // Paging is the screen's: every export lists all the evidence.
      if (query.perCell !== undefined && query.format !== 'json') throw invalid('perCell pages the json answer only; exports list every extract');
      const data = await studyTableView(s, actor, params.sid, query);
      // The table object is kept per state of its inputs (commands/themes/tableOfThemes.ts), so its JSON is too.
      if (query.format === 'json') return preparedJson(data.table, JSON.stringify(data.study), () => data, c.req.header('accept-encoding'));
      await logExportEvent(s, actor, params.sid, 'table-of-themes', query.format);
      return download(await renderThemeTable(query.format, data, s.now()));
    },
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/themes/table/cell',
    summary: "The rest of one cell of the paged table of themes: the extracts of theme `themeId` for participant `participantId` from index `from` on and its statements from `statementsFrom` on, in the table's view (evidence, notes); read as the table is",
    tag: 'reconciliation',
    auth: 'session',
    query: TableCellQuery,
    handler: async ({ s, actor, params, query }) => tableCell(s, actor, params.sid, query),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/themes/table/key-quotes',
    summary: "Marks or unmarks an extract or a statement of a theme as a key quote for the write-up (the study's leads; audited)",
    tag: 'reconciliation',
    auth: 'session',
    body: KeyQuoteRequest,
    handler: async ({ s, actor, params, body }) => markKeyQuote(s, actor, params.sid, body),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/themes/table/order',
    summary: 'Moves a theme within its parent in the write-up order every export of the table uses (the study\'s leads; audited)',
    tag: 'reconciliation',
    auth: 'session',
    body: WriteupOrderRequest,
    handler: async ({ s, actor, params, body }) => reorderWriteup(s, actor, params.sid, body),
  }),
  route({
    method: 'get',
    path: '/api/participants/:pid/themes',
    summary: "A participant's personal themes from the consensus layers (json, md, csv, html, docx)",
    tag: 'reconciliation',
    auth: 'session',
    query: ExportQuery,
    handler: async ({ s, actor, params, query }) => {
      const data = await participantThemes(s, actor, params.pid);
      if (query.format === 'json') return data;
      await logExportEvent(s, actor, data.study.id, `participant-themes:${params.pid}`, query.format);
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
      const record = await reconciliationRecord(s, actor, params.sid);
      if (query.format === 'json') return record;
      await logExportEvent(s, actor, params.sid, 'reconciliation-record', query.format);
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
      const { json, csv } = await exportAuditTrail(s, actor, params.sid, query.format);
      const stem = `${fileStem(json.study.title)}-audit-trail`;
      return query.format === 'json'
        ? download({ body: `${JSON.stringify(json, null, 2)}\n`, contentType: CONTENT_TYPES.json, fileName: `${stem}.json` })
        : download({ body: csv, contentType: CONTENT_TYPES.csv, fileName: `${stem}.csv` });
    },
  }),
];
