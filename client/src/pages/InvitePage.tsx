import { useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import { ErrorText, useSubmit } from '../components/Form';
import { navigate } from '../router';

export function InvitePage({ token, onDone }: { token: string; onDone: () => Promise<void> }) {
  const [invitation, setInvitation] = useState<{ email: string; role: string; studyTitle: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    api<{ invitation: { email: string; role: string; studyTitle: string } }>('GET', `/api/invitations/${token}`)
      .then((r) => setInvitation(r.invitation))
      .catch((e: unknown) => setLoadError(e instanceof ApiError ? e.message : 'This invitation cannot be opened.'));
  }, [token]);
  const { onSubmit, error, busy } = useSubmit(async () => {
    const r = await api<{ studyId: string }>('POST', `/api/invitations/${token}/accept`, { name, password });
    await onDone();
    navigate(`/studies/${r.studyId}`);
  });
  if (loadError) return <main className="centered"><p className="error">{loadError}</p></main>;
  if (!invitation) return <main className="centered">Loading…</main>;
  return (
    <main className="centered">
      <form className="card narrow" onSubmit={onSubmit}>
        <h1>Join “{invitation.studyTitle}”</h1>
        <p className="muted">
          You are invited as <strong>{invitation.role}</strong> with {invitation.email}. Choose your name and a password.
        </p>
        <label>
          Your name
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </label>
        <label>
          Password (at least 8 characters)
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} minLength={8} required />
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={busy}>Join the study</button>
      </form>
    </main>
  );
}
