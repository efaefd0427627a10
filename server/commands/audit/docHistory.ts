import { parseDocName } from '../../../shared/docNames';
import { notFound } from '../../errors';
import type { Services } from '../../services';
import { listDocHistory, summarizeDocAuthors } from '../../store/docLog';
import { findDocStudy } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';

/**
 * Who changed a real-time document and when (author, time, bytes per logged update), plus a
 * per-author summary over the whole log. Leads and auditors of the document's study only
 * (auth/policy.ts `docs.history`); the update bytes themselves are not exposed.
 */
export async function docHistory(s: Services, actor: Actor, docName: string, page: { after: number; limit: number }) {
  const ref = parseDocName(docName);
  const found = ref ? await findDocStudy(s.db, ref) : null;
  if (!found) throw notFound('document');
  await authorizeStudy(s, actor, found.studyId, 'docs.history');
  const [authors, updates] = await Promise.all([summarizeDocAuthors(s.db, docName), listDocHistory(s.db, docName, page.after, page.limit)]);
  const last = updates[updates.length - 1];
  return { doc: docName, authors, updates, next: updates.length === page.limit && last ? last.id : null };
}
