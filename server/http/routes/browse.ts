import { z } from 'zod';
import { browseThemes } from '../../commands/themes/browser';
import { studyProgress } from '../../commands/studies/progress';
import { route } from '../route';

/** Strict like every query: an unknown parameter is a typo the caller should hear about. */
const BrowseQuery = z.strictObject({ theme: z.string().min(1).max(64).optional() });

export const browseRoutes = () => [
  route({
    method: 'get',
    path: '/api/studies/:sid/themes/browse',
    summary: 'Theme browser: the tree with counts per theme and every coded extract, from the layers the caller may read',
    tag: 'themes',
    auth: 'session',
    query: BrowseQuery,
    handler: async ({ s, actor, params, query }) => browseThemes(s, actor!, params.sid!, query.theme ? { theme: query.theme } : {}),
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/progress',
    summary: 'Coding progress per transcript and coder (leads, auditors, admins): counts only, no content',
    tag: 'studies',
    auth: 'session',
    handler: async ({ s, actor, params }) => studyProgress(s, actor!, params.sid!),
  }),
];
