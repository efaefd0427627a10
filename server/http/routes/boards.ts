import { caseBoardView, groupBoardView } from '../../commands/themes/boards';
import { route } from '../route';

export const boardRoutes = () => [
  route({
    method: 'get',
    path: '/api/transcripts/:tid/boards/:uid',
    summary: "A coder's clustering board for a transcript: their statements as cards in the case's personal experiential themes (403 while blind)",
    tag: 'themes',
    auth: 'session',
    handler: async ({ s, actor, params }) => caseBoardView(s, actor, params.tid, params.uid),
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/boards/:scope',
    summary: 'The board across participants: personal experiential themes clustered into group experiential themes (scope: shared or a coder id)',
    tag: 'themes',
    auth: 'session',
    handler: async ({ s, actor, params }) => groupBoardView(s, actor, params.sid, params.scope),
  }),
];
