import { useState, type FormEvent } from 'react';
import { login, type SignedIn } from '../api';
import { CheckedField } from '../components/fieldKit';

/** The two fields, named as the browser's password manager knows them. */
const CREDENTIALS = [
  { name: 'username', label: 'Användarnamn', autoComplete: 'username', autoFocus: true },
  { name: 'password', label: 'Lösenord', type: 'password', autoComplete: 'current-password' },
] as const;

export function Login({
  onSignedIn,
  message,
}: {
  onSignedIn: (s: SignedIn) => void;
  message?: string | null;
}) {
  const [credentials, setCredentials] = useState({ username: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(credentials.username, credentials.password));
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
        {CREDENTIALS.map(({ name, ...field }) => (
          <CheckedField
            key={name}
            id={name}
            name={name}
            {...field}
            required
            value={credentials[name]}
            onValue={(v) => setCredentials((c) => ({ ...c, [name]: v }))}
          />
        ))}
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
