import { useState, type FormEvent } from 'react';
import { login, type SignedIn } from '../api';

export function Login({
  onSignedIn,
  message,
}: {
  onSignedIn: (s: SignedIn) => void;
  message?: string | null;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(username, password));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Inloggningen misslyckades.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login" id="main">
      <form className="login-box" onSubmit={submit} aria-labelledby="login-h">
        <h1 id="login-h">Lägesbild</h1>
        <p className="muted">Stockholms stad – krisledning</p>
        {message && (
          <p className="ack ack-queued" role="status">
            {message}
          </p>
        )}
        <div className="field">
          <label htmlFor="username">Användarnamn</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Lösenord</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p className="ack ack-refused" role="alert">
            ✗ {error}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? 'Loggar in…' : 'Logga in'}
        </button>
      </form>
    </main>
  );
}
