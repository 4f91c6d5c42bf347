/**
 * Changing one's own password (R113), and the form a session signed in with an initial
 * password gets instead of the console (R112). The rule is the server's own
 * (shared/domain/passwordRule.ts), checked here only to say early what the server would say.
 */
import { useId, useState, type FormEvent } from 'react';
import type { UserProfile } from '../../../../shared/domain/state';
import { PASSWORD_RULE_TEXT, passwordProblem } from '../../../../shared/domain/passwordRule';
import { changePassword } from '../../api';
import { CheckedField } from '../../components/fieldKit';
import './account.css';

export function ChangePasswordForm({
  userId,
  forced,
  onChanged,
}: {
  userId: string;
  /** Signed in with an initial password: the console waits for this form. */
  forced: boolean;
  onChanged: (u: UserProfile) => void;
}) {
  const uid = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = next ? passwordProblem(next, userId) : null;
  const mismatch = again !== '' && again !== next;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const why =
      passwordProblem(next, userId) ??
      (next !== again ? 'De två nya lösenorden är inte lika.' : null);
    if (why) return setError(why);
    setBusy(true);
    setError(null);
    try {
      const user = await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
      onChanged(user);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Lösenordet kunde inte bytas.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="password-form" onSubmit={submit} aria-labelledby={`${uid}-h`} noValidate>
      <h2 id={`${uid}-h`}>Byt lösenord</h2>
      {forced ? (
        <p className="password-lead" role="status">
          Du har loggat in med ett engångslösenord. Välj ett eget lösenord innan du börjar arbeta –
          konsolen öppnas när det är bytt.
        </p>
      ) : (
        <p className="password-lead">
          När lösenordet är bytt loggas du ut på alla andra enheter där du är inloggad. Här
          fortsätter du som vanligt.
        </p>
      )}
      <CheckedField
        label={forced ? 'Engångslösenord' : 'Nuvarande lösenord'}
        id={`${uid}-cur`}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onValue={setCurrent}
      />
      <CheckedField
        label="Nytt lösenord"
        id={`${uid}-new`}
        hint={PASSWORD_RULE_TEXT}
        problem={problem}
        type="password"
        autoComplete="new-password"
        required
        value={next}
        onValue={setNext}
      />
      <CheckedField
        label="Nytt lösenord igen"
        id={`${uid}-again`}
        problem={mismatch ? 'De två nya lösenorden är inte lika.' : null}
        type="password"
        autoComplete="new-password"
        required
        value={again}
        onValue={setAgain}
      />
      {error && (
        <p className="ack ack-refused" role="alert">
          ✕ {error}
        </p>
      )}
      {done && !forced && (
        <p className="ack ack-ok" role="status">
          ✓ Lösenordet är bytt. Dina andra sessioner har avslutats.
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={busy || !current || !next}>
        {busy ? 'Byter…' : 'Byt lösenord'}
      </button>
    </form>
  );
}

/** The whole page for a session that must change its initial password (no console yet). */
export function ForcedPasswordChange({
  user,
  onChanged,
  onSignOut,
}: {
  user: UserProfile;
  onChanged: (u: UserProfile) => void;
  onSignOut: () => void;
}) {
  return (
    <main className="login" id="main">
      <div className="login-box password-box">
        <h1>Lägesbild</h1>
        <p className="muted">
          Inloggad som <strong>{user.name}</strong> ({user.userId})
        </p>
        <ChangePasswordForm userId={user.userId} forced onChanged={onChanged} />
        <button type="button" className="btn-quiet password-signout" onClick={onSignOut}>
          Logga ut
        </button>
      </div>
    </main>
  );
}

/** The console's own screen for it, reached from "Byt lösenord" in the header. */
export function PasswordScreen({ userId }: { userId: string }) {
  return (
    <section className="panel password-screen" aria-label="Byt lösenord">
      <ChangePasswordForm userId={userId} forced={false} onChanged={() => undefined} />
    </section>
  );
}
