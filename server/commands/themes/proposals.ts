import * as Y from 'yjs';
import { codebookDocName } from '../../../shared/docNames';
import { applyThemeChange, codebookChangeOf, PROPOSALS_SIGNAL_MAP, readThemeTree, type ThemeChange, type ThemeProposal } from '../../../shared/themes';
import { allowed } from '../../auth/policy';
import { conflict, notFound } from '../../errors';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { countOpenProposals, decideProposalRow, findProposal, insertProposal, listProposals } from '../../store/themeProposals';
import { withDoc } from '../../ydocs/withDoc';
import { type Actor, authorizeStudy } from '../access/actor';
import { authorizeCodebookChange } from './themeTree';

/** One coder's open proposals in a study; threat: a coder filling the lead's list and the database. */
export const MAX_OPEN_PROPOSALS_PER_CODER = 100;
/** The most proposals one list answers (newest first). */
export const PROPOSAL_LIST_LIMIT = 500;

/** Bumps the codebook's proposals signal so open clients fetch the list again (no content travels). */
const signal = (doc: Y.Doc, at: number) => doc.getMap(PROPOSALS_SIGNAL_MAP).set('rev', at);

/**
 * `POST /api/studies/:sid/themes/:themeId/proposals`: a coder proposes a change to a theme of the
 * shared codebook. The change is tried on a copy of the codebook first, so a proposal the model
 * would refuse (a cycle, a retired parent, a theme with live sub-themes) is refused now, not
 * when the lead accepts it. Audited with the theme's label as it was.
 */
export async function proposeThemeChange(s: Services, actor: Actor, studyId: string, themeId: string, body: { change: ThemeChange; rationale?: string }): Promise<ThemeProposal> {
  const { study } = await authorizeStudy(s, actor, studyId, 'codebook.propose');
  if (study.codebookPhase === 'final') throw conflict('the codebook is final; nothing can be proposed');
  const themeLabel = await withDoc(s, codebookDocName(studyId), (doc) => {
    const theme = readThemeTree(doc).byId.get(themeId);
    if (!theme) throw notFound('theme');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    applyThemeChange(copy, themeId, body.change);
    return theme.label;
  });
  const now = s.now();
  const proposal = await s.db.transaction().execute(async (trx) => {
    if ((await countOpenProposals(trx, studyId, actor.user.id)) >= MAX_OPEN_PROPOSALS_PER_CODER) {
      throw conflict(`you have ${MAX_OPEN_PROPOSALS_PER_CODER} open proposals; wait for the lead to decide some`);
    }
    const p = await insertProposal(trx, { id: newId(), studyId, themeId, proposerId: actor.user.id, change: body.change, rationale: body.rationale ?? '', createdAt: now });
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'theme.propose', target: `theme:${themeId}`, data: { proposalId: p.id, change: body.change, themeLabel, ...(p.rationale ? { rationale: p.rationale } : {}) }, at: now });
    return p;
  });
  await withDoc(s, codebookDocName(studyId), (doc) => signal(doc, now), actor.user.id);
  return proposal;
}

/** `GET /api/studies/:sid/theme-proposals`: every proposal for leads, auditors and admins; a coder's own for a coder. */
export async function listThemeProposals(s: Services, actor: Actor, studyId: string): Promise<{ proposals: ThemeProposal[] }> {
  const { acting } = await authorizeStudy(s, actor, studyId, 'study.read');
  const all = allowed('codebook.proposals.read', acting);
  return { proposals: await listProposals(s.db, studyId, { ...(all ? {} : { proposerId: actor.user.id }), limit: PROPOSAL_LIST_LIMIT }) };
}

/**
 * `POST /api/studies/:sid/theme-proposals/:pid/accept|decline`: a governor decides an open
 * proposal. Accepting applies the change through the governed path: decided by the same function
 * as every other codebook change (authorizeCodebookChange), written by the server through
 * withDoc (committed, then broadcast) and audited with the label as it was.
 */
export async function decideThemeProposal(s: Services, actor: Actor, studyId: string, proposalId: string, decision: 'accept' | 'decline', note?: string): Promise<ThemeProposal> {
  await authorizeStudy(s, actor, studyId, 'codebook.govern');
  const p = await findProposal(s.db, studyId, proposalId);
  if (!p) throw notFound('proposal');
  if (p.status !== 'open') throw conflict(`the proposal was already ${p.status}`);
  const now = s.now();
  let themeLabel: string | null = null;
  if (decision === 'accept') {
    await authorizeCodebookChange(s, actor, studyId, codebookChangeOf(p.change.kind));
    themeLabel = await withDoc(
      s,
      codebookDocName(studyId),
      (doc) => {
        const label = readThemeTree(doc).byId.get(p.themeId)?.label ?? null;
        applyThemeChange(doc, p.themeId, p.change);
        signal(doc, now);
        return label;
      },
      actor.user.id,
    );
  }
  const status = decision === 'accept' ? 'accepted' : 'declined';
  await s.db.transaction().execute(async (trx) => {
    if (!(await decideProposalRow(trx, studyId, proposalId, { status, by: actor.user.id, at: now, note: note ?? null }))) throw conflict('the proposal was decided meanwhile');
    await appendAudit(trx, {
      studyId,
      actorId: actor.user.id,
      action: `theme.proposal.${status}`,
      target: `theme:${p.themeId}`,
      data: { proposalId, proposerId: p.proposerId, change: p.change, ...(themeLabel !== null ? { themeLabel } : {}), ...(note ? { note } : {}) },
      at: now,
    });
  });
  if (decision === 'decline') await withDoc(s, codebookDocName(studyId), (doc) => signal(doc, now), actor.user.id);
  return { ...p, status, decidedBy: actor.user.id, decidedAt: now, decisionNote: note ?? null };
}
