import { CreateStudyBody, InvitationBody, ParticipantBody, PatchMemberBody, PatchStudyBody, TranscriptBody, TranscriptFileBody } from '../../../shared/api';
import { invalid } from '../../errors';
import { createInvitation, getInvitations } from '../../commands/studies/invitations';
import { acceptMyInvitation, declineMyInvitation, getMyInvitations } from '../../commands/studies/myInvitations';
import { changeMemberRole, getMembers, removeMember } from '../../commands/studies/members';
import { addParticipant, getParticipants } from '../../commands/studies/participants';
import { createStudy, getStudies, getStudy, patchStudy } from '../../commands/studies/studies';
import { addTranscript, getTranscripts } from '../../commands/transcripts/transcripts';
import { importTranscript, previewTranscriptFile } from '../../commands/transcripts/importTranscripts';
import { readAuditTrail } from '../../commands/audit/auditTrail';
import { route } from '../route';

const TRANSCRIPT_MAX_BODY = 10 * 1024 * 1024;
/** A 10 MiB file, base64-encoded, plus its JSON envelope. */
const FILE_MAX_BODY = 15 * 1024 * 1024;

function fileFrom(body: { name: string; data: string }) {
  return { name: body.name, bytes: new Uint8Array(Buffer.from(body.data, 'base64')) };
}

export const studyRoutes = () => [
  route({ method: 'get', path: '/api/studies', summary: 'Studies the user belongs to (all, for an admin)', tag: 'studies', auth: 'session', handler: async ({ s, actor }) => ({ studies: await getStudies(s, actor) }) }),
  route({ method: 'post', path: '/api/studies', summary: 'Create a study; the creator becomes its lead', tag: 'studies', auth: 'session', body: CreateStudyBody, status: 201, handler: async ({ s, actor, body }) => ({ study: await createStudy(s, actor, body) }) }),
  route({ method: 'get', path: '/api/studies/:sid', summary: 'A study and the caller role', tag: 'studies', auth: 'session', handler: async ({ s, actor, params }) => ({ study: await getStudy(s, actor, params.sid) }) }),
  route({ method: 'patch', path: '/api/studies/:sid', summary: 'Change study settings (leads)', tag: 'studies', auth: 'session', body: PatchStudyBody, handler: async ({ s, actor, params, body }) => ({ study: await patchStudy(s, actor, params.sid, body) }) }),

  route({ method: 'get', path: '/api/studies/:sid/members', summary: 'Members and roles', tag: 'members', auth: 'session', handler: async ({ s, actor, params }) => ({ members: await getMembers(s, actor, params.sid) }) }),
  route({ method: 'patch', path: '/api/studies/:sid/members/:userId', summary: 'Change a role; the last lead cannot be demoted', tag: 'members', auth: 'session', body: PatchMemberBody, handler: async ({ s, actor, params, body }) => ({ member: await changeMemberRole(s, actor, params.sid, params.userId, body.role) }) }),
  route({ method: 'delete', path: '/api/studies/:sid/members/:userId', summary: 'Remove a member; the last lead cannot be removed', tag: 'members', auth: 'session', status: 204, handler: async ({ s, actor, params }) => { await removeMember(s, actor, params.sid, params.userId); return null; } }),

  route({ method: 'get', path: '/api/studies/:sid/invitations', summary: 'Invitations of the study (leads)', tag: 'members', auth: 'session', handler: async ({ s, actor, params }) => ({ invitations: await getInvitations(s, actor, params.sid) }) }),
  route({ method: 'post', path: '/api/studies/:sid/invitations', summary: 'Add someone by e-mail: an invitation with a role and its one-time link (shown once); the same answer whether the address has an account or not', tag: 'members', auth: 'session', body: InvitationBody, status: 201, handler: async ({ s, actor, params, body }) => await createInvitation(s, actor, params.sid, body) }),

  // The signed-in account's own invitations (issue 14 item 9): an existing account joins a study only by accepting here.
  route({ method: 'get', path: '/api/me/invitations', summary: 'Open invitations addressed to my e-mail', tag: 'members', auth: 'session', handler: async ({ s, actor }) => ({ invitations: await getMyInvitations(s, actor) }) }),
  route({ method: 'post', path: '/api/me/invitations/:iid/accept', summary: 'Accept an invitation addressed to me: join the study with its role', tag: 'members', auth: 'session', handler: async ({ s, actor, params }) => await acceptMyInvitation(s, actor, params.iid) }),
  route({ method: 'post', path: '/api/me/invitations/:iid/decline', summary: 'Decline an invitation addressed to me', tag: 'members', auth: 'session', status: 204, handler: async ({ s, actor, params }) => { await declineMyInvitation(s, actor, params.iid); return null; } }),

  route({ method: 'get', path: '/api/studies/:sid/participants', summary: 'Participants (cases)', tag: 'participants', auth: 'session', handler: async ({ s, actor, params }) => ({ participants: await getParticipants(s, actor, params.sid) }) }),
  route({ method: 'post', path: '/api/studies/:sid/participants', summary: 'Add a participant; pseudonyms are unique per study', tag: 'participants', auth: 'session', body: ParticipantBody, status: 201, handler: async ({ s, actor, params, body }) => ({ participant: await addParticipant(s, actor, params.sid, body) }) }),

  route({ method: 'get', path: '/api/studies/:sid/transcripts', summary: 'Transcripts (without text)', tag: 'transcripts', auth: 'session', handler: async ({ s, actor, params }) => ({ transcripts: await getTranscripts(s, actor, params.sid) }) }),
  route({
    method: 'post',
    path: '/api/studies/:sid/transcripts',
    summary: 'Add a transcript: the text is frozen (NFC, \\n, wrapped at the study line width) and never changes',
    tag: 'transcripts',
    auth: 'session',
    body: TranscriptBody,
    maxBody: TRANSCRIPT_MAX_BODY,
    status: 201,
    handler: async ({ s, actor, params, body }) => {
      const { text: _text, turns: _turns, ...transcript } = await addTranscript(s, actor, params.sid, body);
      return { transcript };
    },
  }),

  route({
    method: 'post',
    path: '/api/studies/:sid/transcripts/preview',
    summary: 'Read a transcript file (.txt .md .docx .vtt .srt, base64) and show its numbered lines and speakers; stores nothing',
    tag: 'transcripts',
    auth: 'session',
    body: TranscriptFileBody,
    maxBody: FILE_MAX_BODY,
    handler: async ({ s, actor, params, body }) => previewTranscriptFile(s, actor, params.sid, fileFrom(body)),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/transcripts/import',
    summary: 'Import a transcript file for a participant (participantId, or a pseudonym found or created; default: the file name)',
    tag: 'transcripts',
    auth: 'session',
    body: TranscriptFileBody,
    maxBody: FILE_MAX_BODY,
    status: 201,
    handler: async ({ s, actor, params, body }) => {
      if (body.participantId && body.pseudonym) throw invalid('give participantId or pseudonym, not both');
      const participant = body.participantId ? { participantId: body.participantId } : body.pseudonym ? { pseudonym: body.pseudonym } : undefined;
      return importTranscript(s, actor, params.sid, fileFrom(body), { ...(participant ? { participant } : {}), ...(body.title ? { title: body.title } : {}), ...(body.pseudonymise ? { pseudonymise: body.pseudonymise } : {}) });
    },
  }),
  route({
    method: 'get',
    path: '/api/studies/:sid/audit',
    summary: 'The audit trail with its hash chain verified (leads, auditors)',
    tag: 'audit',
    auth: 'session',
    handler: async ({ s, actor, params }) => readAuditTrail(s, actor, params.sid),
  }),
];
