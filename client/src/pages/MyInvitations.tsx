import { useEffect, useState } from 'react';
import { api } from '../api';
import { ErrorText } from '../components/Form';

interface OpenInvitation { id: string; studyId: string; studyTitle: string; role: 'lead' | 'coder' | 'auditor'; invitedBy: string; expiresAt: number }

/**
 * Invitations addressed to the signed-in account (issue 14 item 9): nobody joins a study without
 * accepting here (or through the invitation's link). Renders nothing when there are none.
 */
export function MyInvitations(props: { onJoined: () => void }) {
  const [invitations, setInvitations] = useState<OpenInvitation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = async () => setInvitations((await api<{ invitations: OpenInvitation[] }>('GET', '/api/me/invitations')).invitations);
  useEffect(() => {
    void load().catch(() => setInvitations([]));
  }, []);
  const answer = async (inv: OpenInvitation, verb: 'accept' | 'decline') => {
    setError(null);
    try {
      await api('POST', `/api/me/invitations/${inv.id}/${verb}`);
      await load();
      if (verb === 'accept') props.onJoined();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'failed');
    }
  };
  if (invitations.length === 0 && !error) return null;
  return (
    <section className="card" aria-label="invitations for you">
      <h2>Invitations for you</h2>
      <ul className="plain">
        {invitations.map((inv) => (
          <li key={inv.id} className="row">
            <span>
              <strong>{inv.studyTitle}</strong> as {inv.role}, from {inv.invitedBy}
              <span className="muted small"> · open until {new Date(inv.expiresAt).toLocaleDateString()}</span>
            </span>
            <span className="row" style={{ marginLeft: 'auto' }}>
              <button onClick={() => void answer(inv, 'accept')} aria-label={`accept ${inv.studyTitle}`}>Accept</button>
              <button className="secondary" onClick={() => void answer(inv, 'decline')} aria-label={`decline ${inv.studyTitle}`}>Decline</button>
            </span>
          </li>
        ))}
      </ul>
      <ErrorText error={error} />
    </section>
  );
}
