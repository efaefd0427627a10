import type { Hono } from 'hono';
import { issueSetupToken } from '../../server/commands/accounts/setupToken';
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

/** Signed-in clients by app and e-mail (seedUsers fills it), so joinStudy can accept as the invitee. */
const signedIn = new WeakMap<Hono<any>, Map<string, ApiClient>>();
const remember = (api: ApiClient, email: string) => {
  let byEmail = signedIn.get(api.app);
  if (!byEmail) signedIn.set(api.app, (byEmail = new Map()));
  byEmail.set(email.toLowerCase(), api);
};

/**
 * Adds an existing account to a study the only way there is (issue 14 item 9): `by` (a lead or an
 * admin) invites the e-mail, and the account's owner accepts it from their own list. The invitee
 * acts through their client from seedUsers, else signs in with `<local part>-password`. Throws
 * unless both steps succeed; answers the acceptance.
 */
export async function joinStudy(by: ApiClient, studyId: string, email: string, role: string) {
  const invited = await by.post(`/api/studies/${studyId}/invitations`, { email, role });
  if (invited.status !== 201) throw new Error(`invite ${email}: ${invited.status} ${JSON.stringify(invited.json)}`);
  let invitee = signedIn.get(by.app)?.get(email.toLowerCase());
  if (!invitee) {
    invitee = new ApiClient(by.app);
    const r = await invitee.post('/api/auth/login', { email, password: `${email.split('@')[0]}-password` });
    if (r.status !== 200) throw new Error(`login as ${email}: ${r.status}`);
    remember(invitee, email);
  }
  const accepted = await invitee.post(`/api/me/invitations/${invited.json.invitation.id}/accept`);
  if (accepted.status !== 200) throw new Error(`accept as ${email}: ${accepted.status} ${JSON.stringify(accepted.json)}`);
  return accepted;
}

export function apiFor(s: Services) {
  const app = createApp(s);
  return { app, client: () => new ApiClient(app) };
}

/** A one-time setup token as an operator gets one: the function behind `concord setup-token`. */
export async function setupToken(s: Services): Promise<string> {
  const issued = await issueSetupToken(s, { replace: true });
  if (!issued) throw new Error('the instance has an account already');
  return issued.token;
}

/** Sets up an instance: an admin plus named users, each with a signed-in client. */
export async function seedUsers(s: Services, names: string[]) {
  const { client } = apiFor(s);
  const admin = client();
  const setup = await admin.post('/api/auth/setup', { email: 'admin@example.org', name: 'Admin', password: 'admin-password', setupToken: await setupToken(s) });
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.json)}`);
  const { createUser } = await import('../../server/commands/accounts/accounts');
  const users: Record<string, { id: string; email: string; api: ApiClient }> = {};
  for (const name of names) {
    const email = `${name}@example.org`;
    const u = await createUser(s, { email, name, password: `${name}-password`, isAdmin: false });
    const api = client();
    const r = await api.post('/api/auth/login', { email, password: `${name}-password` });
    if (r.status !== 200) throw new Error(`login failed for ${name}`);
    remember(api, email);
    users[name] = { id: u.id, email, api };
  }
  return { admin, users, client };
}
