import { conflict } from '../../errors';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Participant, findParticipantByPseudonym, insertParticipant, listParticipants } from '../../store/participants';
import { type Actor, authorizeStudy } from '../access/actor';

export async function getParticipants(s: Services, actor: Actor, studyId: string) {
  await authorizeStudy(s, actor, studyId, 'study.read');
  return listParticipants(s.db, studyId);
}

export async function addParticipant(
  s: Services,
  actor: Actor,
  studyId: string,
  input: { pseudonym: string; attributes?: Participant['attributes'] },
): Promise<Participant> {
  await authorizeStudy(s, actor, studyId, 'participants.write');
  const now = s.now();
  const p: Participant = { id: newId(), studyId, pseudonym: input.pseudonym.trim(), attributes: input.attributes ?? {}, createdAt: now };
  await s.db.transaction().execute(async (trx) => {
    if (await findParticipantByPseudonym(trx, studyId, p.pseudonym)) throw conflict(`pseudonym ${p.pseudonym} is taken in this study`);
    await insertParticipant(trx, p);
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'participant.add', target: `participant:${p.id}`, data: { pseudonym: p.pseudonym }, at: now });
  });
  return p;
}
