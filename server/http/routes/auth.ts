import { AcceptInvitationBody, LoginBody, PasswordBody, SetupBody } from '../../../shared/api';
import { changePassword, login, logout, setupInstance, type SignedIn } from '../../commands/accounts/accounts';
import { acceptInvitation, previewInvitation } from '../../commands/studies/invitations';
import { countUsers } from '../../store/users';
import { clearedSessionCookie, sessionCookie } from '../../auth/sessions';
import type { Services } from '../../services';
import { clientIp } from '../clientIp';
import { route } from '../route';
import type { Context } from 'hono';

function signIn(c: Context, s: Services, signed: Pick<SignedIn, 'token' | 'expiresAt'>) {
  c.header('Set-Cookie', sessionCookie(signed.token, signed.expiresAt, s.now(), s.config.secureCookies));
}

export const authRoutes = (_s: Services) => [
  route({
    method: 'get',
    path: '/api/auth/status',
    summary: 'Whether the instance still needs its first account',
    tag: 'auth',
    auth: 'none',
    handler: async ({ s }) => ({ needsSetup: (await countUsers(s.db)) === 0 }),
  }),
  route({
    method: 'post',
    path: '/api/auth/setup',
    summary: 'Create the first (admin) account with the one-time setup token; 403 setup_token_invalid without it, 409 once any account exists',
    tag: 'auth',
    auth: 'none',
    body: SetupBody,
    status: 201,
    handler: async ({ c, s, body }) => {
      const signed = await setupInstance(s, { ...body, ip: clientIp(c, s.config.trustProxyHops) });
      signIn(c, s, signed);
      return { user: signed.user };
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in; sets the concord_session cookie. 429 with Retry-After when rate limited',
    tag: 'auth',
    auth: 'none',
    body: LoginBody,
    handler: async ({ c, s, body }) => {
      const signed = await login(s, { ...body, ip: clientIp(c, s.config.trustProxyHops) });
      signIn(c, s, signed);
      return { user: signed.user };
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End this session (and its real-time connections)',
    tag: 'auth',
    auth: 'optional',
    status: 204,
    handler: async ({ c, s, actor }) => {
      if (actor) await logout(s, actor);
      c.header('Set-Cookie', clearedSessionCookie(s.config.secureCookies));
      return null;
    },
  }),
  route({
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user',
    tag: 'auth',
    auth: 'session',
    handler: async ({ actor }) => ({ user: actor.user }),
  }),
  route({
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change the password; every other session is invalidated',
    tag: 'auth',
    auth: 'session',
    body: PasswordBody,
    status: 204,
    handler: async ({ s, actor, body }) => {
      await changePassword(s, actor, body);
      return null;
    },
  }),
  route({
    method: 'get',
    path: '/api/invitations/:token',
    summary: 'What an invitation is for (study, email, role)',
    tag: 'auth',
    auth: 'none',
    handler: async ({ s, params }) => ({ invitation: await previewInvitation(s, params.token) }),
  }),
  route({
    method: 'post',
    path: '/api/invitations/:token/accept',
    summary: 'Accept an invitation: set name and password; signs in',
    tag: 'auth',
    auth: 'none',
    body: AcceptInvitationBody,
    status: 201,
    handler: async ({ c, s, params, body }) => {
      const accepted = await acceptInvitation(s, params.token, body);
      signIn(c, s, accepted);
      return { user: accepted.user, studyId: accepted.studyId };
    },
  }),
];
