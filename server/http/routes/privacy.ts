import { EraseBody, StudyPrivacyBody } from '../../../shared/privacyApi';
import { eraseParticipant, eraseStudy, eraseTranscript } from '../../commands/privacy/erase';
import { eraseUser } from '../../commands/privacy/eraseUser';
import { getErasures, getStudyPrivacy, setStudyPrivacy } from '../../commands/privacy/studyPrivacy';
import { route } from '../route';

/** Erasure and privacy settings (docs/privacy.md). */
export const privacyRoutes = () => [
  route({ method: 'post', path: '/api/participants/:pid/erase', summary: 'Erase a participant with their transcripts and everything on them (leads); 409 confirmation_required when a final analysis changes', tag: 'privacy', auth: 'session', body: EraseBody, handler: async ({ s, actor, params, body }) => ({ erasure: await eraseParticipant(s, actor!, params.pid!, body) }) }),
  route({ method: 'post', path: '/api/transcripts/:tid/erase', summary: 'Erase a transcript with every layer, note, statement, discussion and consensus coding on it (leads)', tag: 'privacy', auth: 'session', body: EraseBody, handler: async ({ s, actor, params, body }) => ({ erasure: await eraseTranscript(s, actor!, params.tid!, body) }) }),
  route({ method: 'post', path: '/api/studies/:sid/erase', summary: 'Erase a whole study (leads); the instance keeps a record of the erasure without content', tag: 'privacy', auth: 'session', body: EraseBody, handler: async ({ s, actor, params, body }) => ({ erasure: await eraseStudy(s, actor!, params.sid!, body) }) }),
  route({ method: 'post', path: '/api/users/:uid/erase', summary: 'Erase a user account (admins); layers kept under a pseudonym or deleted, per study', tag: 'privacy', auth: 'session', body: EraseBody.pick({ reason: true }), handler: async ({ s, actor, params, body }) => ({ erasure: await eraseUser(s, actor!, params.uid!, body) }) }),
  route({ method: 'get', path: '/api/studies/:sid/erasures', summary: 'Erasures in this study: who, when, why, counts, backups that predate them (leads, auditors)', tag: 'privacy', auth: 'session', handler: async ({ s, actor, params }) => ({ erasures: await getErasures(s, actor!, params.sid!) }) }),
  route({ method: 'get', path: '/api/studies/:sid/privacy', summary: 'Privacy settings of a study', tag: 'privacy', auth: 'session', handler: async ({ s, actor, params }) => ({ privacy: await getStudyPrivacy(s, actor!, params.sid!) }) }),
  route({ method: 'patch', path: '/api/studies/:sid/privacy', summary: "Change privacy settings (leads): whether a departed coder's layers are kept or deleted", tag: 'privacy', auth: 'session', body: StudyPrivacyBody, handler: async ({ s, actor, params, body }) => ({ privacy: await setStudyPrivacy(s, actor!, params.sid!, body) }) }),
];
