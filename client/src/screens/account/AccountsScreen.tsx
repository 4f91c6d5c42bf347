/**
 * Accounts, for administrators (R112): who has an account, a new account with an initial
 * password, a new initial password for someone who lost theirs, and disabling or enabling an
 * account (R74, R114). Profiles are events in the log; passwords go only to the server.
 */
import { useId, useState, type FormEvent } from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import type { UserProfile } from '../../../../shared/domain/state';
import { ROLES, ROLE_LABEL, type Role } from '../../../../shared/domain/vocabulary';
import { CITY_UNITS } from '../../../../shared/domain/units';
import { PASSWORD_RULE_TEXT, passwordProblem } from '../../../../shared/domain/passwordRule';
import { createAccount, resetPassword } from '../../api';
import { AckLine } from '../../components/AckLine';
import { DataTable, LabelOptions, NameOptions } from '../../components/adminKit';
import { CheckedField, InputField } from '../../components/fieldKit';
import { useCommand, useMay } from '../../hooks';
import { useConsole } from '../../store/console';
import { plural } from '../../../../shared/text/plural';
import { lookup } from '../../../../shared/domain/keyed';
import type { ScreenProps } from '../common';
import './account.css';

/** A suggestion for an initial password: four short words and a number, easy to read out. */
const WORDS = ['hallon', 'kaj', 'slussen', 'regn', 'fyr', 'lavin', 'bro', 'gran', 'skär', 'moln'];
function suggestPassword(): string {
  const pick = () => WORDS[crypto.getRandomValues(new Uint32Array(1))[0] % WORDS.length];
  const n = crypto.getRandomValues(new Uint32Array(1))[0] % 100;
  return `${pick()}-${pick()}-${pick()}-${pick()}-${n}`;
}

type Result = { ok: true; text: string } | { ok: false; text: string } | null;

function ResultLine({ result }: { result: Result }) {
  if (!result) return null;
  return result.ok ? (
    <p className="ack ack-ok" role="status">
      ✓ {result.text}
    </p>
  ) : (
    <p className="ack ack-refused" role="alert">
      ✕ {result.text}
    </p>
  );
}

function NewAccount({ districts }: { districts: { id: string; name: string }[] }) {
  const uid = useId();
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('observer');
  const [districtId, setDistrictId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [initial, setInitial] = useState(suggestPassword);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const problem = initial ? passwordProblem(initial, userId) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      await createAccount({
        userId: userId.trim(),
        name,
        role,
        ...(role === 'district_officer' ? { districtId } : {}),
        ...(role === 'unit_officer' ? { unitId } : {}),
        initialPassword: initial,
      });
      setResult({
        ok: true,
        text: `Kontot ${userId.trim()} är skapat. Lämna engångslösenordet "${initial}" till personen; det måste bytas vid första inloggningen.`,
      });
      setUserId('');
      setName('');
      setInitial(suggestPassword());
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel account-form" onSubmit={submit} aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Nytt konto</h2>
      <InputField
        label="Användarnamn"
        id={`${uid}-id`}
        hint="a–z, 0–9, punkt, bindestreck och understreck."
        required
        autoComplete="off"
        value={userId}
        onValue={(v) => setUserId(v.toLowerCase())}
      />
      <InputField label="Namn" id={`${uid}-name`} required value={name} onValue={setName} />
      <div className="field">
        <label htmlFor={`${uid}-role`}>Roll</label>
        <select id={`${uid}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <LabelOptions values={ROLES} labels={ROLE_LABEL} />
        </select>
      </div>
      {role === 'district_officer' && (
        <div className="field">
          <label htmlFor={`${uid}-district`}>Stadsdelsområde</label>
          <select
            id={`${uid}-district`}
            required
            value={districtId}
            onChange={(e) => setDistrictId(e.target.value)}
          >
            <option value="">Välj…</option>
            <NameOptions items={districts} idOf={(d) => d.id} />
          </select>
        </div>
      )}
      {role === 'unit_officer' && (
        <div className="field">
          <label htmlFor={`${uid}-unit`}>Förvaltning eller bolag</label>
          <select
            id={`${uid}-unit`}
            required
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
          >
            <option value="">Välj…</option>
            <NameOptions items={CITY_UNITS} idOf={(u) => u.id} />
          </select>
        </div>
      )}
      <CheckedField
        label="Engångslösenord"
        id={`${uid}-pw`}
        hint={`Måste bytas vid första inloggningen. ${PASSWORD_RULE_TEXT}`}
        problem={problem}
        required
        autoComplete="off"
        value={initial}
        onValue={setInitial}
      >
        <button type="button" className="btn-quiet" onClick={() => setInitial(suggestPassword())}>
          Föreslå ett annat
        </button>
      </CheckedField>
      <ResultLine result={result} />
      <button type="submit" className="btn-primary" disabled={busy || problem !== null}>
        {busy ? 'Skapar…' : 'Skapa konto'}
      </button>
    </form>
  );
}

function AccountRow({ user, me }: { user: UserProfile; me: string }) {
  const uid = useId();
  const [initial, setInitial] = useState('');
  const [result, setResult] = useState<Result>(null);
  const [busy, setBusy] = useState(false);
  const toggle = useCommand(`account:${user.userId}`);
  const idp = user.userId.startsWith('idp-');
  const reset = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      await resetPassword(user.userId, initial);
      setResult({
        ok: true,
        text: `Nytt engångslösenord satt. ${user.name} har loggats ut överallt.`,
      });
      setInitial('');
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr className={user.active ? undefined : 'inactive'}>
      <td>
        <strong>{user.name}</strong>
        <br />
        {user.userId}
      </td>
      <td>{ROLE_LABEL[user.role]}</td>
      <td>{user.active ? 'Aktivt' : 'Inaktiverat'}</td>
      <td>
        {user.userId !== me && !idp && (
          <form className="accounts-reset" onSubmit={reset} aria-label={`Återställ ${user.name}`}>
            <label className="sr-only" htmlFor={`${uid}-pw`}>
              Nytt engångslösenord för {user.name}
            </label>
            <input
              id={`${uid}-pw`}
              placeholder="Nytt engångslösenord"
              autoComplete="off"
              value={initial}
              onChange={(e) => setInitial(e.target.value)}
            />
            <button
              type="button"
              className="btn-quiet"
              onClick={() => setInitial(suggestPassword())}
            >
              Föreslå
            </button>
            <button type="submit" className="btn-secondary" disabled={busy || !initial}>
              Återställ lösenord
            </button>
          </form>
        )}
        {user.userId !== me && (
          <button
            type="button"
            className="btn-quiet"
            onClick={() =>
              toggle.send(user.active ? 'user.disable' : 'user.enable', { userId: user.userId })
            }
          >
            {user.active ? 'Inaktivera kontot' : 'Aktivera kontot igen'}
          </button>
        )}
        <ResultLine result={result} />
        <AckLine
          ack={toggle.ack}
          okText={user.active ? 'Kontot är aktivt.' : 'Kontot är inaktiverat.'}
        />
      </td>
    </tr>
  );
}

export function AccountsScreen(_props: ScreenProps) {
  const users = useConsole((s) => lookup(s.spaces, REAL_SPACE)?.users);
  const districts = useConsole((s) => lookup(s.spaces, REAL_SPACE)?.division?.districts);
  const me = useConsole((s) => s.me?.userId ?? '');
  const may = useMay('user.register', { userId: 'xx', name: 'x', role: 'observer' });
  const list = Object.values(users ?? {}).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  if (!may) return <p className="panel">Endast en administratör hanterar konton.</p>;
  return (
    <div className="accounts-screen">
      <section className="panel" aria-labelledby="accounts-h">
        <h2 id="accounts-h">Konton</h2>
        <p className="muted">{plural(list.length, 'konto', 'konton')}</p>
        <DataTable
          className="accounts-table"
          cols={['Person', 'Roll', 'Status', 'Åtgärder']}
          rows={list}
          row={(u) => <AccountRow key={u.userId} user={u} me={me} />}
        />
      </section>
      <NewAccount districts={districts ?? []} />
    </div>
  );
}
