import { useState } from 'react';
import { api } from '../api';
import { ErrorText, useSubmit } from '../components/Form';

export function LoginPage({ onDone }: { onDone: () => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { onSubmit, error, busy } = useSubmit(async () => {
    await api('POST', '/api/auth/login', { email, password });
    await onDone();
  });
  return (
    <main className="centered">
      <form className="card narrow" onSubmit={onSubmit}>
        <h1>Sign in to Concord</h1>
        <label>
          Email
          <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
