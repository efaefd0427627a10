import { DecideProposalBody, MergeThemeBody, ProposeThemeChangeBody, ThemeGovernanceBody } from '../../../shared/api';
import type { ThemeTree } from '../../../shared/themes';
import { decideThemeProposal, listThemeProposals, proposeThemeChange } from '../../commands/themes/proposals';
import { revealThemes } from '../../commands/themes/privateThemes';
import { getThemeTree } from '../../commands/themes/themeTree';
import { governTheme } from '../../commands/themes/governance';
import { route } from '../route';

const treeJson = (t: ThemeTree) => ({ levels: t.levels, themes: t.themes, problems: t.problems });

export const themeRoutes = () => [
  route({ method: 'get', path: '/api/studies/:sid/themes', summary: 'The theme tree (levels, themes with depth, path, status)', tag: 'themes', auth: 'session', handler: async ({ s, actor, params }) => treeJson(await getThemeTree(s, actor, params.sid)) }),
  route({
    method: 'post',
    path: '/api/studies/:sid/themes/reveal',
    summary: 'Reveal every coder\'s private themes to the study (leads); the first reveal stands; audited',
    tag: 'themes',
    auth: 'session',
    handler: async ({ s, actor, params }) => revealThemes(s, actor, params.sid),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/themes/:themeId/merge',
    summary: 'Merge a theme into another (leads): its codings count for the target from then on; audited',
    tag: 'themes',
    auth: 'session',
    body: MergeThemeBody,
    handler: async ({ s, actor, params, body }) => treeJson(await governTheme(s, actor, params.sid, { op: 'merge', themeId: params.themeId, into: body.into }, body)),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/themes/:themeId/retire',
    summary: 'Retire a theme (leads); audited',
    tag: 'themes',
    auth: 'session',
    body: ThemeGovernanceBody,
    handler: async ({ s, actor, params, body }) => treeJson(await governTheme(s, actor, params.sid, { op: 'retire', themeId: params.themeId }, body)),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/themes/:themeId/finalise',
    summary: 'Finalise a theme (leads); audited',
    tag: 'themes',
    auth: 'session',
    body: ThemeGovernanceBody,
    handler: async ({ s, actor, params, body }) => treeJson(await governTheme(s, actor, params.sid, { op: 'finalise', themeId: params.themeId }, body)),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/themes/:themeId/proposals',
    summary: 'Propose a change (rename, describe, recolour, move, retire) to a theme of the shared codebook (coders); audited',
    tag: 'themes',
    auth: 'session',
    body: ProposeThemeChangeBody,
    handler: async ({ s, actor, params, body }) => proposeThemeChange(s, actor, params.sid, params.themeId, body),
  }),
  route({ method: 'get', path: '/api/studies/:sid/theme-proposals', summary: 'Proposals to change themes: all of them for leads and auditors, a coder\'s own for a coder', tag: 'themes', auth: 'session', handler: async ({ s, actor, params }) => listThemeProposals(s, actor, params.sid) }),
  route({
    method: 'post',
    path: '/api/studies/:sid/theme-proposals/:pid/accept',
    summary: 'Accept a proposal (leads): the change is applied to the shared codebook; audited',
    tag: 'themes',
    auth: 'session',
    body: DecideProposalBody,
    handler: async ({ s, actor, params, body }) => decideThemeProposal(s, actor, params.sid, params.pid, 'accept', body.note),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/theme-proposals/:pid/decline',
    summary: 'Decline a proposal (leads); audited',
    tag: 'themes',
    auth: 'session',
    body: DecideProposalBody,
    handler: async ({ s, actor, params, body }) => decideThemeProposal(s, actor, params.sid, params.pid, 'decline', body.note),
  }),
];
