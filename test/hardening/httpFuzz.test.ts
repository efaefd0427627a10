import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { allRoutes } from '../../server/http/app';
import { docRoutes } from '../../server/http/routes/docs';
import type { RunningServer } from '../../server/server';
import { type StudyFixture, seedStudy } from '../helpers/collab';
import { testDialects, testServer } from '../helpers/env';
import { tableDigest } from './digest';
import { prng } from './frames';
import { PATH_TRICKS, RAW_PATHS, randomJson, wrongTypeFor } from './hostileRequests';
import { type RawResponse, rawRequest } from './httpRequests';
import { logSink } from './logSink';

const SEED = 4242;
const VARIANTS = 14;

interface Operation {
  method: string;
  /** OpenAPI path template, e.g. /api/studies/{sid}/members. */
  path: string;
  params: string[];
  query: Array<{ name: string; schema?: { type?: string } }>;
  bodySchema: { properties?: Record<string, { type?: string }>; required?: string[] } | null;
}

type Actor = 'anonymous' | 'lead' | 'outsider';

/**
 * Export routes, subject-access archives included (issue 18 item 6), append an audit event for
 * every successful download (a read the caller may do); such rows are the only change a valid
 * GET may make.
 */
const exportAudit = (table: string, row: Record<string, unknown>) => table === 'audit_events' && /export|subject_access/.test(String(row.action));

for (const dialect of testDialects()) {
  describe(`HTTP fuzzer over every route of /api/openapi.json (${dialect})`, () => {
    const sink = logSink();
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect, { log: sink.log }));
      f = await seedStudy(server.services, 'open');
    });
    afterAll(async () => close());

    it('answers random JSON, wrong types, huge strings, unicode and path tricks with typed 4xx errors; stays up; changes nothing', async () => {
      const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema?: { type?: string } }>; requestBody?: { content: Record<string, { schema: Operation['bodySchema'] }> } }>> };
      const ops: Operation[] = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
        Object.entries(byMethod).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          params: [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!),
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, ...(p.schema ? { schema: p.schema } : {}) })),
          bodySchema: op.requestBody?.content['application/json']?.schema ?? null,
        })),
      );
      expect(ops.length).toBeGreaterThan(40);
      // The zod schemas behind the routes, to make sure every body sent is really invalid.
      const zodBody = new Map<string, z.ZodType>();
      for (const r of allRoutes(server.services, docRoutes())) if (r.body) zodBody.set(`${r.method.toUpperCase()} ${r.path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, '{$1}')}`, r.body as z.ZodType);

      const real: Record<string, string> = {
        sid: f.studyId,
        tid: f.transcriptId,
        pid: f.participantId,
        uid: f.users.owner!.id,
        userId: f.users.owner!.id,
        docName: `studies/${f.studyId}/codebook`,
      };
      const cookies: Record<Actor, string | null> = { anonymous: null, lead: f.cookie('lead'), outsider: f.cookie('outsider') };
      const before = await tableDigest(server.services.db, exportAudit);
      const rand = prng(SEED);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      const failures: string[] = [];
      let sent = 0;
      let invalidBodiesSkipped = 0;

      let typedRejections = 0;
      const check = (what: string, res: RawResponse) => {
        sent++;
        if (res.status >= 400 && res.status < 500 && /"error":\{"code":"[a-z_]+","message"/.test(res.body)) typedRejections++;
        if (res.status >= 500) failures.push(`${what} -> ${res.status} ${res.body.slice(0, 200)}`);
        else if (res.status >= 400 && res.status !== 404 && !/"error":\{"code":"[a-z_]+","message"/.test(res.body)) failures.push(`${what} -> ${res.status} untyped error ${res.body.slice(0, 120)}`);
        if (/root:x:0:0|"devDependencies"/.test(res.body)) failures.push(`${what} -> leaked a file`);
      };

      for (const op of ops) {
        const unsafe = op.method !== 'GET';
        const zod = zodBody.get(`${op.method} ${op.path}`);
        for (const actor of ['anonymous', 'lead', 'outsider'] as const) {
          // Signing out is not hostile input, and would end the fuzzer's own session.
          if (actor !== 'anonymous' && op.path === '/api/auth/logout') continue;
          const requests: Array<Promise<void>> = [];
          for (let v = 0; v < VARIANTS; v++) {
            // Real ids only where nothing can be written: reads, or bodies that cannot validate.
            const mayUseReal = !unsafe || op.bodySchema !== null;
            let path = op.path;
            for (const p of op.params) {
              const value = mayUseReal && rand() < 0.4 && real[p] ? real[p]! : rand() < 0.5 ? `zz${Math.floor(rand() * 1e9)}` : pick(PATH_TRICKS);
              path = path.replace(`{${p}}`, value);
            }
            if (op.query.length > 0) {
              const qs = op.query.filter(() => rand() < 0.7).map((q) => `${q.name}=${pick(PATH_TRICKS)}${rand() < 0.2 ? `&${q.name}=${pick(PATH_TRICKS)}` : ''}`);
              if (qs.length) path += `?${qs.join('&')}`;
            }
            const headers: Record<string, string> = { host: `localhost:${server.port}` };
            const cookie = cookies[actor];
            if (cookie) headers.cookie = cookie;
            if (unsafe) headers.origin = rand() < 0.9 ? server.url : 'http://evil.example';
            let body: string | undefined;
            if (op.bodySchema) {
              const shape = Math.floor(rand() * 6);
              let value: unknown;
              if (shape === 0) value = randomJson(rand);
              else if (shape <= 3) {
                // Every declared property present, one or more of the wrong type.
                const props = Object.entries(op.bodySchema.properties ?? {});
                value = Object.fromEntries(props.map(([k, s]) => [k, shape === 3 || rand() < 0.5 ? wrongTypeFor(s, rand) : randomJson(rand)]));
              } else if (shape === 4) {
                body = pick(['{', '{"a":', '\u0000', 'ü🙂', 'null'.repeat(3), '[' .repeat(10_000)]);
              } else {
                body = JSON.stringify({ blob: 'x'.repeat(300 * 1024) }); // over DEFAULT_MAX_BODY
              }
              if (body === undefined) {
                if (zod?.safeParse(value).success) {
                  invalidBodiesSkipped++;
                  continue;
                }
                body = JSON.stringify(value);
              }
              headers['content-type'] = rand() < 0.9 ? 'application/json' : pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=ü']);
            }
            const what = `${actor} ${op.method} ${path.slice(0, 160)} (${body?.length ?? 0} bytes)`;
            requests.push(rawRequest(server.port, op.method, path, headers, body).then((res) => check(what, res), (error: unknown) => void failures.push(`${what} -> transport error ${String(error)}`)));
          }
          await Promise.all(requests);
        }
      }
      for (const path of RAW_PATHS) {
        for (const cookie of [null, f.cookie('lead')]) {
          const res = await rawRequest(server.port, 'GET', path, { host: `localhost:${server.port}`, ...(cookie ? { cookie } : {}) });
          check(`GET ${path.slice(0, 80)}`, res);
        }
      }

      expect(failures, `seed ${SEED}`).toEqual([]);
      expect(sent).toBeGreaterThan(1500);
      expect(invalidBodiesSkipped).toBeLessThan(sent / 10);
      // Nothing reached the unhandled-error path (which would have logged `http_unhandled`).
      expect(sink.count('http_unhandled')).toBe(0);
      // Every typed refusal left one `http_rejected` line in the log.
      expect(typedRejections).toBeGreaterThan(1000);
      expect(sink.count('http_rejected')).toBe(typedRejections);
      expect(await tableDigest(server.services.db, exportAudit)).toEqual(before);
      // Still serving, and the fuzzed sessions still work.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect((await f.api('lead').get('/api/auth/me')).status).toBe(200);
    }, 120_000);
  });
}
