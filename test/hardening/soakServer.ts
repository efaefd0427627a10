import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { DEFAULT_LINE_WIDTH, DEFAULT_RECURRENCE_RULE } from '../../shared/domain';
import { createSession } from '../../server/auth/sessions';
import { attachCollab } from '../../server/collab/attachCollab';
import { docRegistryFor } from '../../server/ydocs/withDoc';
import { newId } from '../../server/ids';
import { createApp } from '../../server/http/app';
import { docRoutes } from '../../server/http/routes/docs';
import type { Logger } from '../../server/log';
import { createServices } from '../../server/services';
import { insertMember } from '../../server/store/members';
import { insertStudy } from '../../server/store/studies';
import { insertUser } from '../../server/store/users';
import { type TestDialect, preparedTestEnv } from '../helpers/env';

/**
 * The server composed as server/server.ts composes it (same app, same collab door), except that
 * the document registry is created first with a short idle unload, so a soak can load and
 * unload a thousand documents within a test.
 */
export async function soakServer(dialect: TestDialect, log: Logger, docCount: number, idleUnloadMs = 5) {
  const env = await preparedTestEnv(dialect);
  const s = await createServices(env.config, { ...env.options, log, docs: { idleUnloadMs } });
  const registry = docRegistryFor(s);
  const http = createServer(getRequestListener(createApp(s, { routes: docRoutes() }).fetch));
  const attached = attachCollab(http, s);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const port = (http.address() as AddressInfo).port;

  // One lead with a session, leading `docCount` studies: their codebooks are the documents.
  const now = Date.now();
  const lead = await insertUser(s.db, { id: newId(), email: 'lead@example.org', name: 'Lead', passwordHash: 'unused', isAdmin: false, now });
  const { token } = await createSession(s.db, lead.id, now);
  const docNames: string[] = [];
  await s.db.transaction().execute(async (trx) => {
    for (let i = 0; i < docCount; i++) {
      const id = newId();
      await insertStudy(trx, { id, title: `Soak ${i}`, description: '', codingMode: 'open', terminology: { kind: '2022' }, lineWidth: DEFAULT_LINE_WIDTH, recurrenceRule: DEFAULT_RECURRENCE_RULE, codebookPhase: 'open', independentThemes: false, themesRevealedAt: null, tableNotes: 'none', createdBy: lead.id, createdAt: now, updatedAt: now });
      await insertMember(trx, { studyId: id, userId: lead.id, role: 'lead', now });
      docNames.push(`studies/${id}/codebook`);
    }
  });
  return {
    port,
    url: `http://localhost:${port}`,
    cookie: `concord_session=${token}`,
    docNames,
    registry,
    collab: attached.collab,
    close: async () => {
      await attached.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await s.close();
      await env.cleanup();
    },
  };
}
