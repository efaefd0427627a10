import { CODEBOOK_GOVERNORS } from '../../shared/access';
import type { Role } from '../../shared/domain';

/**
 * REST authorisation, decided in this one table (house style rule 7). Real-time documents are
 * decided by shared/access.ts. An instance admin who is not a member acts as a lead for study
 * governance (they run the instance), but gets no access to real-time documents.
 */
export const STUDY_ACTIONS = {
  'study.read': ['lead', 'coder', 'auditor', 'admin'],
  'study.update': ['lead', 'admin'],
  'members.manage': ['lead', 'admin'],
  'invitations.manage': ['lead', 'admin'],
  'participants.write': ['lead', 'admin'],
  'transcripts.write': ['lead', 'admin'],
  'transcripts.phase': ['lead', 'admin'],
  // The same list decides codebook changes over the socket (shared/access.ts).
  'codebook.govern': CODEBOOK_GOVERNORS,
  // Proposals to change governed themes (docs/theme-model.md): coders propose, governors decide;
  // everyone who reads the study's audit trail reads every proposal, a coder their own.
  'codebook.propose': ['coder'],
  'codebook.proposals.read': ['lead', 'auditor', 'admin'],
  'audit.read': ['lead', 'auditor', 'admin'],
  'docs.history': ['lead', 'auditor', 'admin'],
  // The lead's progress view (issue 4 item 7): counts only, no content, so it is safe in blind
  // mode; coders are left out because even counts of others' layers can anchor their own coding.
  'progress.read': ['lead', 'auditor', 'admin'],
  // Reconciliation (docs/reconciliation.md): leads decide, coders take part in the discussion,
  // auditors read only (their reads go through study.read / audit.read).
  'reconcile.resolve': ['lead', 'admin'],
  'reconcile.comment': ['lead', 'coder', 'admin'],
  // The codebook reconciliation view (issue 15 item 2): leads decide there, auditors read it; its
  // overlap figures are counts over every coder's layer, so coders are left out like progress.
  'codebook.reconcile': ['lead', 'auditor', 'admin'],
  // The write-up of the table of themes (issue 15 item 5): key quotes and the order of themes
  // are the study lead's analytic choices, so a study's leads only (not an instance admin who is
  // not a member); everyone who reads the table sees them.
  'writeup.edit': ['lead'],
  // Erasure (docs/privacy.md): a study's leads only. An instance admin who is not a member does
  // not erase research data; they erase user accounts (commands/privacy/eraseUser.ts).
  'privacy.erase': ['lead'],
  // The pseudonymisation key (original -> replacement): leads only, by every door. Not admins
  // who are not members, not auditors: it is the one place the participants' real names are.
  'pseudonyms.key': ['lead'],
  // Who read which transcript, layer or export, when, by which door (docs/privacy.md).
  'access_log.read': ['lead', 'auditor'],
  // A subject-access export of a participant (issue 18 item 6): every layer on their
  // transcripts, blind or not, and their key entries, so the key's readers only.
  'privacy.subject_access': ['lead'],
} as const satisfies Record<string, ReadonlyArray<Role | 'admin'>>;

export type StudyAction = keyof typeof STUDY_ACTIONS;

/** The role a user acts with in a study: their membership, or `admin` for a non-member admin. */
export function actingRole(role: Role | null, isAdmin: boolean): Role | 'admin' | null {
  return role ?? (isAdmin ? 'admin' : null);
}

export function allowed(action: StudyAction, role: Role | 'admin' | null): boolean {
  if (role === null) return false;
  return (STUDY_ACTIONS[action] as ReadonlyArray<Role | 'admin'>).includes(role);
}

/**
 * A subject-access export of a user account (issue 18 item 6): the user themself, or an instance
 * admin answering a request on their behalf. No one else, whatever their roles in shared studies.
 */
export function mayExportAccount(actor: { id: string; isAdmin: boolean }, userId: string): boolean {
  return actor.isAdmin || actor.id === userId;
}
