import { useEffect, useState } from 'react';
import { api, type Member, type Study } from '../api';
import { ErrorText, useSubmit } from '../components/Form';

type Role = Member['role'];
interface Invitation { id: string; email: string; role: Role; expiresAt: number; acceptedAt: number | null; declinedAt: number | null }

export function MembersPanel(props: { study: Study; members: Member[]; manage: boolean; onChange: () => Promise<void> }) {
  const { study, members, manage, onChange } = props;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('coder');
  const [link, setLink] = useState<string | null>(null);
  const [claim, setClaim] = useState('');
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [rowError, setRowError] = useState<string | null>(null);

  const loadInvitations = async () => {
    if (manage) setInvitations((await api<{ invitations: Invitation[] }>('GET', `/api/studies/${study.id}/invitations`)).invitations);
  };
  useEffect(() => {
    void loadInvitations();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [study.id, manage]);

  const invite = useSubmit(async () => {
    const r = await api<{ path: string }>('POST', `/api/studies/${study.id}/invitations`, { email, role, ...(claim ? { claimUserId: claim } : {}) });
    setClaim('');
    setLink(`${window.location.origin}${r.path}`);
    setEmail('');
    await loadInvitations();
  });
  const act = async (fn: () => Promise<unknown>) => {
    setRowError(null);
    try {
      await fn();
      await onChange();
    } catch (e) {
      setRowError(e instanceof Error ? e.message : 'failed');
    }
  };

  return (
    <section>
      <h2>Members</h2>
      <table className="grid" aria-label="members">
        <thead><tr><th>Name</th><th>Email</th><th>Role</th>{manage && <th />}</tr></thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>{m.name}{m.pending && <span className="muted small" title="Imported from another tool; invite someone to take this account over"> · pending</span>}</td>
              <td>{m.email}</td>
              <td>
                {manage ? (
                  <select aria-label={`role of ${m.name}`} value={m.role} onChange={(e) => act(() => api('PATCH', `/api/studies/${study.id}/members/${m.userId}`, { role: e.target.value }))}>
                    <option value="lead">lead</option>
                    <option value="coder">coder</option>
                    <option value="auditor">auditor</option>
                  </select>
                ) : (
                  m.role
                )}
              </td>
              {manage && (
                <td><button className="link danger" aria-label={`remove ${m.name}`} onClick={() => window.confirm(`Remove ${m.name} (${m.role}) from this study? They lose access at once.`) && act(() => api('DELETE', `/api/studies/${study.id}/members/${m.userId}`))}>Remove</button></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorText error={rowError} />
      {manage && (
        <form className="card inline-form" onSubmit={(e) => e.preventDefault()} aria-label="add member">
          <h3>Invite someone</h3>
          <label>Email <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
          <label>
            Role
            <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <option value="coder">coder: codes transcripts</option>
              <option value="auditor">auditor: reads everything, changes nothing</option>
              <option value="lead">lead: runs the study</option>
            </select>
          </label>
          {members.some((m) => m.pending) && (
            <label>
              Hand over an imported account (its codings become the invitee’s)
              <select name="claim" value={claim} onChange={(e) => setClaim(e.target.value)}>
                <option value="">no: a new account</option>
                {members.filter((m) => m.pending).map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
              </select>
            </label>
          )}
          <p className="muted small">Someone with an account here sees the invitation when they sign in; anyone can also use the link. Nobody joins without accepting.</p>
          <ErrorText error={invite.error} />
          <div className="row">
            <button onClick={invite.onSubmit} disabled={invite.busy}>Invite</button>
          </div>
          {link && (
            <p className="notice">
              One-time link (valid 7 days, shown only now): <code data-testid="invite-link">{link}</code>
            </p>
          )}
        </form>
      )}
      {manage && invitations.length > 0 && (
        <>
          <h3>Invitations</h3>
          <ul className="plain">
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email} as {i.role}: {i.acceptedAt ? 'accepted' : i.declinedAt ? 'declined' : Date.now() > i.expiresAt ? 'expired' : `open until ${new Date(i.expiresAt).toLocaleDateString()}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
