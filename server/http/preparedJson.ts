import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

interface Prepared {
  body: string;
  gzipped: Promise<Uint8Array<ArrayBuffer>> | null;
}

const prepared = new WeakMap<object, Map<string, Prepared>>();

/**
 * A JSON answer serialised once, and gzipped once (off the event loop) for clients that accept
 * it, per `source` object and `variant`: for large read models kept per state of their inputs
 * (the table of themes is 2.7 MB of JSON on a 16-participant study), whose object stays the same
 * until an input changes. `variant` names whatever else goes into the body (the study's title, a
 * view), so a change of it is a new body; a new `source` object drops the old bodies with it.
 */
export async function preparedJson(source: object, variant: string, value: () => unknown, acceptEncoding: string | undefined): Promise<Response> {
  let bodies = prepared.get(source);
  if (!bodies) prepared.set(source, (bodies = new Map()));
  let p = bodies.get(variant);
  if (!p) bodies.set(variant, (p = { body: JSON.stringify(value()), gzipped: null }));
  const headers = { 'content-type': 'application/json', vary: 'accept-encoding' };
  if (!/\bgzip\b/.test(acceptEncoding ?? '')) return new Response(p.body, { headers });
  const entry = p;
  entry.gzipped ??= gzipAsync(entry.body, { level: 6 }).then((b) => new Uint8Array(b), (e: unknown) => {
    entry.gzipped = null;
    throw e;
  });
  return new Response(await entry.gzipped, { headers: { ...headers, 'content-encoding': 'gzip' } });
}
