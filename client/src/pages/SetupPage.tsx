import { useState } from 'react';
import { api } from '../api';
import { ErrorText, useSubmit } from '../components/Form';

export function SetupPage({ onDone }: { onDone: () => Promise<void> }) {
  const [setupToken, setSetupToken] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { onSubmit, error, busy } = useSubmit(async () => {
    await api('POST', '/api/auth/setup', { setupToken: setupToken.trim(), name, email, password });
    await onDone();
  });
  return (
    <main className="centered">
      <form className="card narrow" onSubmit={onSubmit}>
        <h1>Welcome to Concord</h1>
        <p className="muted">Create the first account. It administers this instance.</p>
        <p className="muted" id="setup-token-help">
          To prove you run this server, enter the setup token it printed on its console when it started. Lost it, or more than 24 hours
          passed? Run <code>concord setup-token</code> on the server for a new one.
        </p>
        <label>
          Setup token
          <input
            name="setupToken"
            value={setupToken}
            onChange={(e) => setSetupToken(e.target.value)}
            aria-describedby="setup-token-help"
            autoComplete="off"
            spellCheck={false}
            required
            autoFocus
          />
        </label>
        <label>
          Your name
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Email
          <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password (at least 8 characters)
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} minLength={8} required />
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </form>
    </main>
  );
}
