import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Services, createServices } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { listStudies } from '../../server/store/studies';
import { type ChildServer, startChildServer } from '../collab/childServer';
import { prng } from '../collab/frames';
import { type TestEnv, testDialects, preparedTestEnv } from '../helpers/env';
import { seedUsers } from '../helpers/http';
import { bigProjectXml } from './bigProject';
import { studyContent } from './studyContent';

const ROUNDS = 6;
const SHAPE = { title: 'Crash import', transcripts: 48, coders: 3, themes: 40, codingsPerLayer: 30 };

for (const dialect of testDialects()) {
  describe(`project import under SIGKILL (${dialect})`, () => {
    let env: TestEnv;
    let childEnv: Record<string, string>;
    let lead: { id: string; cookie: string };
    const data = Buffer.from(bigProjectXml(SHAPE)).toString('base64');

    beforeAll(async () => {
      env = await preparedTestEnv(dialect);
      const s = await createServices(env.config, env.options);
      const { users } = await seedUsers(s, ['lead']);
      lead = { id: users.lead!.id, cookie: users.lead!.api.cookie! };
      await s.close();
      childEnv = { DATA_DIR: env.dataDir, ...(env.config.databaseUrl ? { DATABASE_URL: env.config.databaseUrl } : {}), ...(env.options.pgSchema ? { CONCORD_PG_SCHEMA: env.options.pgSchema } : {}) };
    });
    afterAll(async () => env.cleanup());

    const postImport = (child: ChildServer) =>
      fetch(`${child.server.url}/api/import/project`, {
        method: 'POST',
        headers: { cookie: lead.cookie, origin: child.server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'crash.qde', data }),
      });

    /** Every imported study is whole: rows, codebook, every layer and the import's audit event. */
    async function importedStudies(s: Services) {
      const studies = (await listStudies(s.db, lead.id, false)).filter((x) => x.title === SHAPE.title);
      const shapes = [];
      for (const study of studies) {
        const content = await studyContent(s, study.id);
        const events = await listAudit(s.db, study.id);
        shapes.push({
          transcripts: content.transcripts.length,
          themes: content.tree.themes.length,
          layers: content.transcripts.reduce((n, t) => n + t.layers.size, 0),
          codings: content.transcripts.reduce((n, t) => n + [...t.layers.values()].reduce((m, l) => m + l.codings.length, 0), 0),
          importEvents: events.filter((e) => e.action === 'project.import').length,
        });
      }
      return shapes;
    }
    const WHOLE = { transcripts: SHAPE.transcripts, themes: SHAPE.themes, layers: SHAPE.transcripts * SHAPE.coders, codings: SHAPE.transcripts * SHAPE.coders * SHAPE.codingsPerLayer, importEvents: 1 };

    it(`leaves either the whole study or nothing, across ${ROUNDS} kills at random moments of an import`, async () => {
      const rand = prng(1414);
      let child = await startChildServer(childEnv);
      // One import to its end: how long the window is on this machine.
      const started = performance.now();
      expect((await postImport(child)).status).toBe(201);
      const duration = performance.now() - started;
      let expected = 1;
      for (let round = 0; round < ROUNDS; round++) {
        const killAfter = Math.floor(rand() * duration);
        const answer = postImport(child).then(
          (r) => r.status,
          () => null,
        );
        await new Promise((resolve) => setTimeout(resolve, killAfter)); // the crash moment, not a synchronisation
        child.child.kill('SIGKILL');
        await child.exited;
        // An import the server answered 201 must be there; one it never answered may or may not be.
        if ((await answer) === 201) expected++;
        const s = await createServices(env.config, env.options);
        try {
          const shapes = await importedStudies(s);
          expect({ round, killAfter, shapes }).toEqual({ round, killAfter, shapes: shapes.map(() => WHOLE) });
          expect(shapes.length).toBeGreaterThanOrEqual(expected);
          expected = shapes.length;
        } finally {
          await s.close();
        }
        child = await startChildServer(childEnv);
      }
      child.child.kill('SIGKILL');
      await child.exited;
    }, 180_000);
  });
}
