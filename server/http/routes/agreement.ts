import { AgreementQuery, DisagreementQuery } from '../../../shared/api';
import { route } from '../route';

// The agreement computations (shared/agreement) load with the first request that needs them.
const agreement = () => import('../../commands/agreement/agreement');

export const agreementRoutes = () => [
  route({
    method: 'get',
    path: '/api/studies/:sid/agreement',
    summary: 'Agreement report from the stored layers: per theme, transcript, coder pair and overall (coders: revealed transcripts only)',
    tag: 'agreement',
    auth: 'session',
    query: AgreementQuery,
    handler: async ({ s, actor, params, query }) => (await agreement()).studyAgreement(s, actor, params.sid, query),
  }),
  route({
    method: 'get',
    path: '/api/transcripts/:tid/disagreements',
    summary: 'Disagreement regions of a transcript, longest first (only for callers who may read every layer)',
    tag: 'agreement',
    auth: 'session',
    query: DisagreementQuery,
    handler: async ({ s, actor, params, query }) => (await agreement()).transcriptDisagreements(s, actor, params.tid, query),
  }),
];
