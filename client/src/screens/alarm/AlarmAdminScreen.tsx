/**
 * Administration of alarm and call-in (R40): the contact directory (with CSV export/import and
 * its rejected-rows report, R56), call lists with order, reserves, quota and timeout, message
 * templates and alarm plans per level. For administrators and the administrative function.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  CHANNEL_KINDS,
  CHANNEL_LABEL,
  type CallList,
  type ChannelKind,
  type Contact,
  type ListTarget,
} from '../../../../shared/domain/alarm';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  LEVELS,
  LEVEL_LABEL,
  ROLES,
  ROLE_LABEL,
  type CklFunction,
  type Level,
  type Role,
} from '../../../../shared/domain/vocabulary';
import { AckLine } from '../../components/AckLine';
import { SubmitActions } from '../../components/SubmitActions';
import { Field } from '../../components/bits';
import { useCityState, useCommand, useMay } from '../../hooks';
import { useConsole } from '../../store/console';
import type { ScreenProps } from '../common';
import { targetLabel } from './views';
import './alarm.css';
import { tableGet, tableValues } from '../../../../shared/domain/table';
import { plural } from '../../../../shared/text/plural';

type Tab = 'contacts' | 'lists' | 'templates' | 'plans';
const TABS: { id: Tab; label: string }[] = [
  { id: 'contacts', label: 'Kontakter' },
  { id: 'lists', label: 'Larmlistor' },
  { id: 'templates', label: 'Meddelandemallar' },
  { id: 'plans', label: 'Larmplaner' },
];

// ------------------------------------------------------------------------------- contacts

interface ImportResult {
  imported: number;
  valid: number;
  rejected: { line: number; reason: string }[];
  dryRun: boolean;
}

function CsvImport() {
  const uid = useId();
  const space = useConsole((s) => s.currentSpace);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(
        `/api/alarm/contacts/import?space=${encodeURIComponent(space)}${dryRun ? '&dryRun=1' : ''}`,
        {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'text/csv' },
          body: await file.text(),
        },
      );
      const body = (await res.json()) as ImportResult & { error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `Servern svarade ${res.status}.`);
      setResult(body);
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>CSV</h3>
      <p>
        <a href={`/api/alarm/contacts.csv?space=${encodeURIComponent(space)}`} download>
          Exportera kontakter (CSV)
        </a>
      </p>
      <Field
        label="Importera kontakter från CSV"
        id={`${uid}-f`}
        hint="Kolumner: id;namn;telefon;epost;roll;titel;stadsdelsomrade;enhet;konto;tillganglig"
      >
        <input
          id={`${uid}-f`}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${uid}-f-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
          }}
        />
      </Field>
      <div className="actions">
        <button
          type="button"
          className="btn-secondary"
          disabled={!file || busy}
          onClick={() => void upload(true)}
        >
          Granska filen
        </button>
        <button
          type="button"
          className="btn-primary"
          disabled={!file || busy}
          onClick={() => void upload(false)}
        >
          Importera
        </button>
      </div>
      {error && (
        <p className="ack ack-refused" role="alert">
          ✗ {error}
        </p>
      )}
      {result && (
        <div className="import-report" data-testid="import-report">
          <p role="status">
            {result.dryRun
              ? `Granskning: ${result.valid} rader kan importeras.`
              : `✓ ${result.imported} kontakter importerade.`}{' '}
            {result.rejected.length === 0
              ? 'Inga rader avvisades.'
              : `${plural(result.rejected.length, 'rad', 'rader')} avvisades:`}
          </p>
          {result.rejected.length > 0 && (
            <table className="data" role="alert" aria-label="Avvisade rader">
              <thead>
                <tr>
                  <th scope="col">Rad</th>
                  <th scope="col">Varför</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.map((r) => (
                  <tr key={`${r.line}-${r.reason}`}>
                    <td>{r.line}</td>
                    <td>
                      <span aria-hidden="true">✕</span> {r.reason}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

function ContactForm({ edit, onDone }: { edit: Contact | null; onDone: () => void }) {
  const uid = useId();
  const state = useCityState();
  const det = edit ? tableGet(state.alarm.contactDetails, edit.id) : undefined;
  const { send, ack } = useCommand('alarm-contact');
  const [name, setName] = useState(edit?.name ?? '');
  const [title, setTitle] = useState(edit?.title ?? '');
  const [role, setRole] = useState<Role | ''>(edit?.role ?? '');
  const [districtId, setDistrictId] = useState(edit?.districtId ?? '');
  const [userId, setUserId] = useState(edit?.userId ?? '');
  const [phone, setPhone] = useState(det?.phone ?? '');
  const [email, setEmail] = useState(det?.email ?? '');
  const [available, setAvailable] = useState(edit?.available ?? true);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send('alarm.saveContact', {
      ...(edit ? { contactId: edit.id } : {}),
      name,
      available,
      ...(title.trim() ? { title } : {}),
      ...(role ? { role } : {}),
      ...(districtId ? { districtId } : {}),
      ...(userId ? { userId } : {}),
      ...(phone.trim() ? { phone } : {}),
      ...(email.trim() ? { email } : {}),
    });
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{edit ? `Ändra ${edit.name}` : 'Ny kontakt'}</h3>
      <Field label="Namn" id={`${uid}-n`}>
        <input id={`${uid}-n`} required value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="row2">
        <Field label="Telefon" id={`${uid}-p`}>
          <input
            id={`${uid}-p`}
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        </Field>
        <Field label="E-post" id={`${uid}-e`}>
          <input
            id={`${uid}-e`}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
      </div>
      <div className="row2">
        <Field label="Titel/funktion" id={`${uid}-t`}>
          <input id={`${uid}-t`} value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field label="Roll" id={`${uid}-r`}>
          <select id={`${uid}-r`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="">Ingen</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row2">
        <Field label="Stadsdelsområde" id={`${uid}-d`}>
          <select
            id={`${uid}-d`}
            value={districtId}
            onChange={(e) => setDistrictId(e.target.value)}
          >
            <option value="">Inget</option>
            {Object.values(state.districts).map((d) => (
              <option key={d.districtId} value={d.districtId}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Konto i Lägesbild" id={`${uid}-u`}>
          <select id={`${uid}-u`} value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Inget (svarar via länk)</option>
            {Object.values(state.users).map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name} ({u.userId})
              </option>
            ))}
          </select>
        </Field>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={available}
          onChange={(e) => setAvailable(e.target.checked)}
        />{' '}
        Tillgänglig för larm
      </label>
      <SubmitActions label="Spara kontakten" ack={ack} okText="Kontakten är sparad.">
        {edit && (
          <button type="button" className="btn-quiet" onClick={onDone}>
            Ny kontakt i stället
          </button>
        )}
      </SubmitActions>
    </form>
  );
}

function Contacts() {
  const state = useCityState();
  const [edit, setEdit] = useState<Contact | null>(null);
  const { send, ack } = useCommand('alarm-contact-remove');
  const contacts = tableValues(state.alarm.contacts).sort((a, b) =>
    a.name.localeCompare(b.name, 'sv'),
  );
  const inLists = (id: string) =>
    Object.values(state.alarm.lists).filter((l) => l.members.includes(id)).length;
  return (
    <div className="admin-grid">
      <section aria-labelledby="contacts-h">
        <h2 id="contacts-h">Kontaktregister ({contacts.length})</h2>
        <AckLine ack={ack} okText="Kontakten är borttagen." />
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Titel</th>
                <th scope="col">Stadsdelsområde</th>
                <th scope="col">Telefon och e-post</th>
                <th scope="col">Konto</th>
                <th scope="col">Tillgänglig</th>
                <th scope="col">Listor</th>
                <th scope="col">
                  <span className="sr-only">Åtgärder</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => {
                const d = tableGet(state.alarm.contactDetails, c.id) ?? {};
                return (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td>{c.title ?? (c.role ? ROLE_LABEL[c.role] : '–')}</td>
                    <td>
                      {c.districtId ? (state.districts[c.districtId]?.name ?? c.districtId) : '–'}
                    </td>
                    <td className="contact-ways">
                      {d.phone ?? 'Inget telefonnummer'}
                      <br />
                      {d.email ?? 'Ingen e-post'}
                    </td>
                    <td>{c.userId ?? '–'}</td>
                    <td>{c.available ? '✓ Ja' : '✕ Nej'}</td>
                    <td>{inLists(c.id)}</td>
                    <td className="row-actions">
                      <button type="button" className="btn-quiet" onClick={() => setEdit(c)}>
                        Ändra<span className="sr-only"> {c.name}</span>
                      </button>
                      <button
                        type="button"
                        className="btn-quiet"
                        onClick={() => {
                          if (window.confirm(`Ta bort ${c.name} ur kontaktregistret?`))
                            send('alarm.removeContact', { contactId: c.id });
                        }}
                      >
                        Ta bort<span className="sr-only"> {c.name}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <div>
        <ContactForm key={edit?.id ?? 'new'} edit={edit} onDone={() => setEdit(null)} />
        <CsvImport />
      </div>
    </div>
  );
}

// ------------------------------------------------------------------------------- lists

const targetKey = (t: ListTarget): string =>
  t.kind === 'ckl' ? `ckl:${t.fn}` : t.kind === 'ckl_lead' ? 'ckl_lead' : t.kind;

function ListForm({ edit, onDone }: { edit: CallList | null; onDone: () => void }) {
  const uid = useId();
  const state = useCityState();
  const { send, ack } = useCommand('alarm-list');
  const [name, setName] = useState(edit?.name ?? '');
  const [target, setTarget] = useState(edit ? targetKey(edit.target) : 'ckl:analysis');
  const [districtId, setDistrictId] = useState(
    edit && 'districtId' in edit.target ? (edit.target.districtId ?? '') : '',
  );
  const [members, setMembers] = useState<string[]>(edit?.members ?? []);
  const [quota, setQuota] = useState(String(edit?.quota ?? 1));
  const [timeoutMin, setTimeoutMin] = useState(String((edit?.timeoutSeconds ?? 600) / 60));
  const [channels, setChannels] = useState<ChannelKind[]>(
    edit?.channels ?? ['sms', 'email', 'console'],
  );
  const [adding, setAdding] = useState('');
  const q = Number(quota) || 0;
  const move = (i: number, d: -1 | 1) =>
    setMembers((m) => {
      const n = [...m];
      [n[i], n[i + d]] = [n[i + d], n[i]];
      return n;
    });
  const buildTarget = (): ListTarget =>
    target.startsWith('ckl:')
      ? { kind: 'ckl', fn: target.slice(4) as CklFunction }
      : target === 'ckl_lead'
        ? { kind: 'ckl_lead' }
        : target === 'district'
          ? { kind: 'district', districtId }
          : districtId
            ? { kind: 'crisis_support', districtId }
            : { kind: 'crisis_support' };
  const free = tableValues(state.alarm.contacts).filter((c) => !members.includes(c.id));
  return (
    <form
      className="card"
      aria-labelledby={`${uid}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        send('alarm.saveList', {
          ...(edit ? { listId: edit.id } : {}),
          name,
          target: buildTarget(),
          members,
          quota: q,
          timeoutSeconds: Math.round(Number(timeoutMin) * 60),
          channels,
        });
      }}
    >
      <h3 id={`${uid}-h`}>{edit ? `Ändra ${edit.name}` : 'Ny larmlista'}</h3>
      <Field label="Namn" id={`${uid}-n`}>
        <input id={`${uid}-n`} required value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="row2">
        <Field label="Bemannar" id={`${uid}-t`}>
          <select id={`${uid}-t`} value={target} onChange={(e) => setTarget(e.target.value)}>
            {CKL_FUNCTIONS.map((f) => (
              <option key={f} value={`ckl:${f}`}>
                CKL {CKL_FUNCTION_LABEL[f]}
              </option>
            ))}
            <option value="ckl_lead">Stabschef CKL</option>
            <option value="district">Stadsdelsområdets krisorganisation</option>
            <option value="crisis_support">Krisstöd (POSOM)</option>
          </select>
        </Field>
        {(target === 'district' || target === 'crisis_support') && (
          <Field label="Stadsdelsområde" id={`${uid}-d`}>
            <select
              id={`${uid}-d`}
              required={target === 'district'}
              value={districtId}
              onChange={(e) => setDistrictId(e.target.value)}
            >
              <option value="">{target === 'district' ? 'Välj…' : 'Centralt'}</option>
              {Object.values(state.districts).map((d) => (
                <option key={d.districtId} value={d.districtId}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <div className="row2">
        <Field label="Kvot (hur många behövs)" id={`${uid}-q`}>
          <input
            id={`${uid}-q`}
            type="number"
            min={1}
            required
            value={quota}
            onChange={(e) => setQuota(e.target.value)}
          />
        </Field>
        <Field
          label="Svarstid (minuter)"
          id={`${uid}-to`}
          hint="Tystnad så länge ger en påminnelse, lika länge till ersätter med reserv."
        >
          <input
            id={`${uid}-to`}
            type="number"
            min={1}
            step="any"
            required
            value={timeoutMin}
            aria-describedby={`${uid}-to-hint`}
            onChange={(e) => setTimeoutMin(e.target.value)}
          />
        </Field>
      </div>
      <fieldset>
        <legend>Kanaler</legend>
        {CHANNEL_KINDS.filter((c) => c !== 'outbox').map((c) => (
          <label className="check inline" key={c}>
            <input
              type="checkbox"
              checked={channels.includes(c)}
              onChange={(e) =>
                setChannels((cs) => (e.target.checked ? [...cs, c] : cs.filter((x) => x !== c)))
              }
            />{' '}
            {CHANNEL_LABEL[c]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Personer i larmordning</legend>
        <ol className="member-order">
          {members.map((id, i) => (
            <li key={id}>
              <span className="member-name">{tableGet(state.alarm.contacts, id)?.name ?? id}</span>{' '}
              <span className={i < q ? 'tag tag-first' : 'tag tag-reserve'}>
                {i < q ? 'Larmas först' : `Reserv ${i - q + 1}`}
              </span>
              <span className="member-actions">
                <button
                  type="button"
                  className="btn-quiet"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Flytta upp ${tableGet(state.alarm.contacts, id)?.name ?? id}`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn-quiet"
                  disabled={i === members.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Flytta ned ${tableGet(state.alarm.contacts, id)?.name ?? id}`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn-quiet"
                  onClick={() => setMembers((m) => m.filter((x) => x !== id))}
                  aria-label={`Ta bort ${tableGet(state.alarm.contacts, id)?.name ?? id} ur listan`}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
        <div className="inline-form">
          <label htmlFor={`${uid}-add`} className="sr-only">
            Lägg till person
          </label>
          <select id={`${uid}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Lägg till person…</option>
            {free.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.available ? '' : ' (ej tillgänglig)'}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn-secondary"
            disabled={!adding}
            onClick={() => {
              setMembers((m) => [...m, adding]);
              setAdding('');
            }}
          >
            Lägg till
          </button>
        </div>
      </fieldset>
      <SubmitActions label="Spara larmlistan" ack={ack} okText="Larmlistan är sparad.">
        {edit && (
          <button type="button" className="btn-quiet" onClick={onDone}>
            Ny lista i stället
          </button>
        )}
      </SubmitActions>
    </form>
  );
}

function Lists() {
  const state = useCityState();
  const [edit, setEdit] = useState<CallList | null>(null);
  const { send, ack } = useCommand('alarm-list-remove');
  const lists = Object.values(state.alarm.lists).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <div className="admin-grid">
      <section aria-labelledby="lists-h">
        <h2 id="lists-h">Larmlistor ({lists.length})</h2>
        <AckLine ack={ack} okText="Larmlistan är borttagen." />
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Bemannar</th>
              <th scope="col">Kvot</th>
              <th scope="col">Larmordning</th>
              <th scope="col">Svarstid</th>
              <th scope="col">Kanaler</th>
              <th scope="col">
                <span className="sr-only">Åtgärder</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => (
              <tr key={l.id}>
                <th scope="row">{l.name}</th>
                <td>{targetLabel(state, l.target)}</td>
                <td>
                  {l.quota} av {l.members.length}
                </td>
                <td>
                  {l.members.map((id, i) => (
                    <span key={id} className="order-name">
                      {i + 1}. {tableGet(state.alarm.contacts, id)?.name ?? id}
                      {i >= l.quota ? ' (reserv)' : ''}
                    </span>
                  ))}
                </td>
                <td>{Math.round((l.timeoutSeconds / 60) * 10) / 10} min</td>
                <td>{l.channels.map((c) => CHANNEL_LABEL[c]).join(', ')}</td>
                <td className="row-actions">
                  <button type="button" className="btn-quiet" onClick={() => setEdit(l)}>
                    Ändra<span className="sr-only"> {l.name}</span>
                  </button>
                  <button
                    type="button"
                    className="btn-quiet"
                    onClick={() => {
                      if (window.confirm(`Ta bort larmlistan ${l.name}?`))
                        send('alarm.removeList', { listId: l.id });
                    }}
                  >
                    Ta bort<span className="sr-only"> {l.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ListForm key={edit?.id ?? 'new'} edit={edit} onDone={() => setEdit(null)} />
    </div>
  );
}

// ------------------------------------------------------------------------------- templates, plans

function Templates() {
  const uid = useId();
  const state = useCityState();
  const { send, ack } = useCommand('alarm-template');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const templates = Object.values(state.alarm.templates);
  return (
    <div className="admin-grid">
      <section aria-labelledby="tpl-h">
        <h2 id="tpl-h">Meddelandemallar ({templates.length})</h2>
        <ul className="plain">
          {templates.map((t) => (
            <li key={t.id} className="card">
              <strong>{t.name}</strong>
              <p>{t.text}</p>
              <button
                type="button"
                className="btn-quiet"
                onClick={() => {
                  setId(t.id);
                  setName(t.name);
                  setText(t.text);
                }}
              >
                Ändra<span className="sr-only"> {t.name}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <form
        className="card"
        aria-labelledby={`${uid}-h`}
        onSubmit={(e) => {
          e.preventDefault();
          send('alarm.saveTemplate', { ...(id ? { templateId: id } : {}), name, text });
        }}
      >
        <h3 id={`${uid}-h`}>{id ? `Ändra ${name}` : 'Ny mall'}</h3>
        <Field label="Namn" id={`${uid}-n`}>
          <input id={`${uid}-n`} required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field
          label="Text"
          id={`${uid}-t`}
          hint="{namn}, {lista} och {rubrik} fylls i. Svarslänken läggs till automatiskt."
        >
          <textarea
            id={`${uid}-t`}
            rows={4}
            required
            maxLength={600}
            value={text}
            aria-describedby={`${uid}-t-hint`}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        <SubmitActions label="Spara mallen" ack={ack} okText="Mallen är sparad.">
          {id && (
            <button
              type="button"
              className="btn-quiet"
              onClick={() => {
                setId('');
                setName('');
                setText('');
              }}
            >
              Ny mall i stället
            </button>
          )}
        </SubmitActions>
      </form>
    </div>
  );
}

function PlanForm({ level }: { level: Level }) {
  const uid = useId();
  const state = useCityState();
  const plan = state.alarm.plans[level];
  const { send, ack } = useCommand(`alarm-plan-${level}`);
  const [listIds, setListIds] = useState<string[]>(plan?.listIds ?? []);
  const [templateId, setTemplateId] = useState(plan?.templateId ?? '');
  return (
    <form
      className="card"
      aria-labelledby={`${uid}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        send('alarm.savePlan', { level, listIds, ...(templateId ? { templateId } : {}) });
      }}
    >
      <h3 id={`${uid}-h`}>Larmplan: {LEVEL_LABEL[level]}</h3>
      <fieldset>
        <legend>Listor som larmas</legend>
        {Object.values(state.alarm.lists).map((l) => (
          <label className="check" key={l.id}>
            <input
              type="checkbox"
              checked={listIds.includes(l.id)}
              onChange={(e) =>
                setListIds((ids) =>
                  e.target.checked ? [...ids, l.id] : ids.filter((x) => x !== l.id),
                )
              }
            />{' '}
            {l.name}
          </label>
        ))}
      </fieldset>
      <Field label="Mall" id={`${uid}-t`}>
        <select id={`${uid}-t`} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          <option value="">Ingen</option>
          {Object.values(state.alarm.templates).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <SubmitActions
        label="Spara larmplanen"
        disabled={listIds.length === 0}
        ack={ack}
        okText="Larmplanen är sparad."
      />
    </form>
  );
}

function Plans() {
  return (
    <section aria-labelledby="plans-h">
      <h2 id="plans-h">Larmplaner per nivå</h2>
      <div className="plan-grid">
        {LEVELS.map((l) => (
          <PlanForm key={l} level={l} />
        ))}
      </div>
    </section>
  );
}

export function AlarmAdminScreen(_props: ScreenProps) {
  const [tab, setTab] = useState<Tab>('contacts');
  const may = useMay('alarm.saveTemplate', { name: 'x', text: 'x' });
  if (!may)
    return (
      <p className="muted panel-hint">
        Endast en administratör eller administrativa funktionen kan ändra kontakter och larmlistor.
      </p>
    );
  return (
    <div className="page admin-page" aria-label="Larmadministration">
      <div className="tabs" role="tablist" aria-label="Larmadministration">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'contacts' ? (
          <Contacts />
        ) : tab === 'lists' ? (
          <Lists />
        ) : tab === 'templates' ? (
          <Templates />
        ) : (
          <Plans />
        )}
      </div>
    </div>
  );
}
