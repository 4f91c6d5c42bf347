/** The contact directory: the table of contacts, the form for one, and the CSV import. */
import { useId, useState, type FormEvent } from 'react';
import type { Contact } from '../../../../../shared/domain/alarm';
import { ROLES, ROLE_LABEL, type Role } from '../../../../../shared/domain/vocabulary';
import { AckLine } from '../../../components/AckLine';
import { SubmitActions } from '../../../components/SubmitActions';
import { Field } from '../../../components/bits';
import { useCityState } from '../../../hooks';
import { tableGet, tableValues } from '../../../../../shared/domain/table';
import { lookup } from '../../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../../submitOnce';
import { CsvImport } from './CsvImport';

function ContactForm({ edit, onDone }: { edit: Contact | null; onDone: () => void }) {
  const uid = useId();
  const state = useCityState();
  const det = edit ? tableGet(state.alarm.contactDetails, edit.id) : undefined;
  const { submit: send, ack } = useSubmitOnce('alarm-contact');
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

export function Contacts() {
  const state = useCityState();
  const [edit, setEdit] = useState<Contact | null>(null);
  const { submit: send, ack } = useSubmitOnce('alarm-contact-remove');
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
                      {c.districtId
                        ? (lookup(state.districts, c.districtId)?.name ?? c.districtId)
                        : '–'}
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
