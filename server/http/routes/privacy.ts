import { z } from 'zod';
import { EraseBody, KeyTermsBody, RetentionEraseBody, StudyPrivacyBody } from '../../../shared/privacyApi';
import { addKeyTerms, eraseKey, exportKey } from '../../commands/privacy/pseudonymKey';
import { exportAccessLog } from '../../commands/privacy/accessLog';
import { eraseParticipant, eraseStudy, eraseTranscript } from '../../commands/privacy/erase';
import { eraseUser } from '../../commands/privacy/eraseUser';
import { getErasures, getStudyPrivacy, setStudyPrivacy } from '../../commands/privacy/studyPrivacy';
import type { Actor } from '../../commands/access/actor';
import type { Services } from '../../services';
import { CONTENT_TYPES } from '../../commands/interchange/render/exportFile';
import { download } from '../download';
import { route } from '../route';

// The archive builders (zip, REFI-QDA export) load with the first export, not at start.
const exportThenErase = () => import('../../commands/retention/exportThenErase');

/** A study's record served as JSON, or as a CSV download with `?format=csv`. */
function studyDownload(path: '/api/studies/:sid/pseudonym-key' | '/api/studies/:sid/access-log', summary: string, fileName: string, read: (s: Services, actor: Actor, studyId: string, format: 'json' | 'csv') => Promise<{ json: unknown; csv: string }>) {
  return route({
    method: 'get',
    path,
    summary,
    tag: 'privacy',
    auth: 'session',
    query: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
    handler: async ({ s, actor, params, query }) => {
      const { json, csv } = await read(s, actor, params.sid, query.format);
      if (query.format === 'json') return json;
      return download({ body: csv, contentType: CONTENT_TYPES.csv, fileName });
    },
  });
}

/** Erasure, the pseudonymisation key, the access log and privacy settings (docs/privacy.md). */
export const privacyRoutes = () => [
  route({ method: 'post', path: '/api/participants/:pid/erase', summary: 'Erase a participant with their transcripts and everything on them (leads); 409 confirmation_required when a final analysis changes', tag: 'privacy', auth: 'session', body: EraseBody, handler: async ({ s, actor, params, body }) => ({ erasure: await eraseParticipant(s, actor, params.pid, body) }) }),
  route({ method: 'post', path: '/api/transcripts/:tid/erase', summary: 'Erase a transcript with every layer, note, statement, discussion and consensus coding on it (leads)', tag: 'privacy', auth: 'session', body: EraseBody, handler: async ({ s, actor, params, body }) => ({ erasure: await eraseTranscript(s, actor, params.tid, body) }) }),
  route({ method: 'post', path: '/api/studies/:sid/erase', summary: 'Erase a whole study (leads); the instance keeps a record of the erasure without content', tag: 'privacy', auth: 'session', body: EraseBody, handler: async ({ s, actor, params, body }) => ({ erasure: await eraseStudy(s, actor, params.sid, body) }) }),
  route({ method: 'post', path: '/api/users/:uid/erase', summary: 'Erase a user account (admins); layers kept under a pseudonym or deleted, per study', tag: 'privacy', auth: 'session', body: EraseBody.pick({ reason: true }), handler: async ({ s, actor, params, body }) => ({ erasure: await eraseUser(s, actor, params.uid, body) }) }),
  route({ method: 'get', path: '/api/studies/:sid/erasures', summary: 'Erasures in this study: who, when, why, counts, backups that predate them (leads, auditors)', tag: 'privacy', auth: 'session', handler: async ({ s, actor, params }) => ({ erasures: await getErasures(s, actor, params.sid) }) }),
  route({ method: 'get', path: '/api/studies/:sid/privacy', summary: 'Privacy settings of a study', tag: 'privacy', auth: 'session', handler: async ({ s, actor, params }) => ({ privacy: await getStudyPrivacy(s, actor, params.sid) }) }),
  route({ method: 'patch', path: '/api/studies/:sid/privacy', summary: "Change privacy settings (leads): a departed coder's layers kept or deleted; the retention end date", tag: 'privacy', auth: 'session', body: StudyPrivacyBody, handler: async ({ s, actor, params, body }) => ({ privacy: await setStudyPrivacy(s, actor, params.sid, body) }) }),

  studyDownload('/api/studies/:sid/pseudonym-key', 'The pseudonymisation key, original -> replacement (leads only; every read is audited); json or csv', 'pseudonym-key.csv', async (s, actor, sid, format) => {
    const { entries, csv } = await exportKey(s, actor, sid, format);
    return { json: { entries }, csv };
  }),
  studyDownload('/api/studies/:sid/access-log', 'Who read which transcript, layer or export, when, through which door (leads, auditors); json or csv', 'access-log.csv', async (s, actor, sid) => {
    const { entries, csv, retentionDays } = await exportAccessLog(s, actor, sid);
    return { json: { entries, retentionDays }, csv };
  }),
  route({ method: 'post', path: '/api/studies/:sid/pseudonym-key/terms', summary: "Add the lead's own terms to the key (real names, clinics, towns); later imports propose them", tag: 'privacy', auth: 'session', body: KeyTermsBody, handler: async ({ s, actor, params, body }) => await addKeyTerms(s, actor, params.sid, body.terms) }),
  route({ method: 'get', path: '/api/participants/:pid/subject-access', summary: "Subject-access export: everything Concord holds about a participant, as one zip with README and manifest (the study's leads; audited and logged)", tag: 'privacy', auth: 'session', handler: async ({ s, actor, params }) => download(await (await import('../../commands/privacy/subjectAccess')).exportParticipantData(s, actor, params.pid, 'rest')) }),
  route({ method: 'get', path: '/api/users/:uid/subject-access', summary: 'Subject-access export: everything Concord holds about a user account, as one zip with README and manifest (the user themself or an admin; audited and logged)', tag: 'privacy', auth: 'session', handler: async ({ s, actor, params }) => download(await (await import('../../commands/privacy/userAccess')).exportUserData(s, actor, params.uid, 'rest')) }),
  route({
    method: 'post',
    path: '/api/studies/:sid/retention/export',
    summary: 'Export then erase, step 1 (leads): the final export of the study as one zip (REFI-QDA project, table of themes, reconciliation record, audit trail, access log); its id in the x-concord-export-id header',
    tag: 'privacy',
    auth: 'session',
    handler: async ({ s, actor, params }) => {
      const { exportId, ...file } = await (await exportThenErase()).takeFinalExport(s, actor, params.sid);
      const res = download(file);
      res.headers.set('x-concord-export-id', exportId);
      return res;
    },
  }),
  route({ method: 'post', path: '/api/studies/:sid/retention/erase', summary: "Export then erase, step 2 (leads): erase the study, given the final export's id and the SHA-256 of the downloaded file; refused (409) when the hash differs, the export is older than a day or the study changed since", tag: 'privacy', auth: 'session', body: RetentionEraseBody, handler: async ({ s, actor, params, body }) => ({ erasure: await (await exportThenErase()).eraseAfterExport(s, actor, params.sid, body) }) }),
  route({ method: 'post', path: '/api/studies/:sid/pseudonym-key/erase', summary: 'Delete the pseudonymisation key on its own (leads), as an erasure', tag: 'privacy', auth: 'session', body: EraseBody.pick({ reason: true }), handler: async ({ s, actor, params, body }) => ({ erasure: await eraseKey(s, actor, params.sid, body.reason) }) }),
];
