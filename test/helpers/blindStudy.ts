import type { Services } from '../../server/services';
import { type ApiClient, joinStudy, seedUsers } from './http';

/** Six numbered lines of one participant's interview. */
export const BLIND_TEXT = Array.from({ length: 6 }, (_, i) => `P1: line ${i + 1} of the interview`).join('\n');

export type BlindMember = 'lead' | 'alice' | 'bob' | 'auditor';

export interface BlindStudy {
  api: Record<BlindMember, ApiClient>;
  ids: Record<string, string>;
  sid: string;
  tid: string;
}

/**
 * A blind study run by `lead` with coders alice and bob and an auditor (each joined by invitation
 * and acceptance), one participant and one transcript of BLIND_TEXT: the private-theme doors and
 * the codebook reconciliation start from it.
 */
export async function seedBlindStudy(s: Services): Promise<BlindStudy> {
  const seeded = await seedUsers(s, ['lead', 'alice', 'bob', 'auditor']);
  const ids = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.id]));
  const api = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.api])) as Record<BlindMember, ApiClient>;
  const sid = (await api.lead.post('/api/studies', { title: 'Blind', codingMode: 'blind' })).json.study.id as string;
  for (const [email, role] of [['alice@example.org', 'coder'], ['bob@example.org', 'coder'], ['auditor@example.org', 'auditor']] as const) await joinStudy(api.lead, sid, email, role);
  const p = (await api.lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P1' })).json.participant;
  const tid = (await api.lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'Interview', text: BLIND_TEXT })).json.transcript.id as string;
  return { api, ids, sid, tid };
}
