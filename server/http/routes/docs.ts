import { z } from 'zod';
import { docHistory } from '../../commands/audit/docHistory';
import { route } from '../route';

const HistoryQuery = z.strictObject({
  /** Return updates with a log id greater than this (paging). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** `GET /api/docs/:docName/history`: who changed a real-time document and when (commands/audit/docHistory.ts). */
export const docRoutes = () => [
  route({
    method: 'get',
    path: '/api/docs/:docName{.+}/history',
    summary: 'Change history of a real-time document: authors, times and sizes (leads, auditors)',
    tag: 'docs',
    auth: 'session',
    query: HistoryQuery,
    handler: async ({ s, actor, params, query }) => docHistory(s, actor, params.docName, query),
  }),
];
