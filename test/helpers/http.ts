import type { Hono } from 'hono';
import { createApp } from '../../server/http/app';
import type { Services } from '../../server/services';

const ORIGIN = 'http://localhost';

/**
 * A cookie-keeping client over `app.request()`: real routing, middleware and handlers,
 * without a socket. Unsafe requests carry a same-origin Origin header, as a browser would.
 */
export class ApiClient {
  cookie: string | null = null;
  constructor(readonly app: Hono<any>) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { host: 'localhost', ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (method !== 'GET' && !('origin' in headers)) h.origin = ORIGIN;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.app.request(`${ORIGIN}${path}`, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /concord_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `concord_session=${m[1]}` : null;
    }
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  }
  get = (p: string) => this.call('GET', p);
  post = (p: string, b?: unknown, h?: Record<string, string>) => this.call('POST', p, b ?? {}, h);
  patch = (p: string, b: unknown) => this.call('PATCH', p, b);
  delete = (p: string) => this.call('DELETE', p);
}

export function apiFor(s: Services) {
  const app = createApp(s);
  return { app, client: () => new ApiClient(app) };
}

/** Sets up an instance: an admin plus named users, each with a signed-in client. */
export async function seedUsers(s: Services, names: string[]) {
  const { client } = apiFor(s);
  const admin = client();
  const setup = await admin.post('/api/auth/setup', { email: 'admin@example.org', name: 'Admin', password: 'admin-password' });
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.json)}`);
  const { createUser } = await import('../../server/commands/accounts/accounts');
  const users: Record<string, { id: string; email: string; api: ApiClient }> = {};
  for (const name of names) {
    const email = `${name}@example.org`;
    const u = await createUser(s, { email, name, password: `${name}-password`, isAdmin: false });
    const api = client();
    const r = await api.post('/api/auth/login', { email, password: `${name}-password` });
    if (r.status !== 200) throw new Error(`login failed for ${name}`);
    users[name] = { id: u.id, email, api };
  }
  return { admin, users, client };
}
