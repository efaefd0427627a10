import { z } from 'zod';
import { parseDocName } from '../../../shared/docNames';
import { authorizeStudy } from '../../commands/access/actor';
import { notFound } from '../../errors';
import { listDocHistory, summarizeDocAuthors } from '../../store/docLog';
import { findTranscriptPhase } from '../../store/transcripts';
import { route } from '../route';

const HistoryQuery = z.strictObject({
  /** Return updates with a log id greater than this (paging). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/**
 * `GET /api/docs/:docName/history`: who changed a real-time document and when (author, time,
 * bytes per logged update), plus a per-author summary over the whole log. Leads and auditors of
 * the document's study only (auth/policy.ts `docs.history`); the update bytes themselves are not
 * exposed.
 */
export const docRoutes = () => [
  route({
    method: 'get',
    path: '/api/docs/:docName{.+}/history',
    summary: 'Change history of a real-time document: authors, times and sizes (leads, auditors)',
    tag: 'docs',
    auth: 'session',
    query: HistoryQuery,
    handler: async ({ s, actor, params, query }) => {
      const docName = params.docName ?? '';
      const ref = parseDocName(docName);
      if (!ref) throw notFound('document');
      let studyId: string;
      if (ref.kind === 'codebook' || ref.kind === 'privateCodebook' || ref.kind === 'journal') studyId = ref.studyId;
      else {
        const t = await findTranscriptPhase(s.db, ref.transcriptId);
        if (!t) throw notFound('document');
        studyId = t.studyId;
      }
      await authorizeStudy(s, actor!, studyId, 'docs.history');
      const [authors, updates] = await Promise.all([summarizeDocAuthors(s.db, docName), listDocHistory(s.db, docName, query.after, query.limit)]);
      const last = updates[updates.length - 1];
      return { doc: docName, authors, updates, next: updates.length === query.limit && last ? last.id : null };
    },
  }),
];
