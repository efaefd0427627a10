import { AppError, forbidden, notFound } from '../../errors';
import type { Services } from '../../services';
import { deleteLayerSnapshotsOf, studyIdsOfMember, tombstoneUser, transcriptIdsOfStudy } from '../../store/erasureRows';
import { findDepartedLayers } from '../../store/erasures';
import { deleteOpenProposalsOf } from '../../store/themeProposals';
import { findUserById } from '../../store/users';
import type { Actor } from '../access/actor';
import { type ErasureReport, runErasure } from './runErasure';

/**
 * Erases a user account (admins; issue 18 item 2). The account becomes a tombstone under a
 * pseudonym ("Former member 3f2a1c"): no e-mail, no name, no password, no sessions, no
 * memberships. In each study they belonged to, their layers and private codebook are kept
 * under that pseudonym or deleted, as the study decided (`departedLayers`); where they are deleted,
 * the account's open theme proposals are withdrawn too (decided ones stay, as the lead's record). Audit events whose
 * data holds their e-mail or name (invitations) lose their data.
 */
export async function eraseUser(s: Services, actor: Actor, userId: string, req: { reason: string }): Promise<ErasureReport> {
  if (!actor.user.isAdmin) throw forbidden('only an instance admin may erase an account');
  if (userId === actor.user.id) throw new AppError('conflict', 'an admin cannot erase their own account; ask another admin');
  const user = await findUserById(s.db, userId);
  if (!user) throw notFound('user');
  const studies = await studyIdsOfMember(s.db, userId);
  const deleting: Array<{ studyId: string; tids: string[] }> = [];
  for (const studyId of studies) {
    if ((await findDepartedLayers(s.db, studyId)) === 'delete') deleting.push({ studyId, tids: (await transcriptIdsOfStudy(s.db, studyId)).map((t) => t.id) });
  }
  const pseudonym = `Former member ${userId.slice(0, 6)}`;
  return runErasure(s, actor, {
    kind: 'user',
    target: `user:${userId}`,
    reason: req.reason,
    chains: studies,
    studyId: null,
    docPrefixes: deleting.flatMap(({ studyId, tids }) => [...tids.map((tid) => `transcripts/${tid}/layers/${userId}`), `studies/${studyId}/codebook/${userId}`]),
    ids: [],
    values: [user.email, user.name],
    deleteRows: async (trx) => {
      let layerSnapshots = 0;
      for (const { tids } of deleting) layerSnapshots += await deleteLayerSnapshotsOf(trx, userId, tids);
      const withdrawnProposals = await deleteOpenProposalsOf(trx, userId, deleting.map((d) => d.studyId));
      await tombstoneUser(trx, userId, pseudonym);
      return { layerSnapshots, withdrawnProposals, studies: studies.length, studiesDeletingLayers: deleting.length };
    },
    rights: [{ kind: 'user', userId }, ...studies.map((studyId) => ({ kind: 'study' as const, studyId }))],
    consequences: [],
  });
}
