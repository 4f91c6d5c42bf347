/** The contact directory: the table of contacts, the form for one, and the CSV import. */
import { useId, useState } from 'react';
import type { Contact } from '../../../../../shared/domain/alarm';
import { ROLES, ROLE_LABEL, type Role } from '../../../../../shared/domain/vocabulary';
import { Field } from '../../../components/bits';
import {
  Check,
  DataTable,
  EditRemoveCell,
  EntryForm,
  LabelOptions,
  NameOptions,
  RegisterPage,
  type EntryWords,
} from '../../../components/adminKit';
import { InputField } from '../../../components/fieldKit';
import { useCityState } from '../../../hooks';
import { tableGet, tableValues } from '../../../../../shared/domain/table';
import { lookup } from '../../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../../submitOnce';
import { CsvImport } from './CsvImport';

const WORDS: EntryWords = {
  newTitle: 'Ny kontakt',
  save: 'Spara kontakten',
  saved: 'Kontakten är sparad.',
  startNew: 'Ny kontakt i stället',
};

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
  const submit = () =>
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
  return (
    <EntryForm words={WORDS} editing={edit?.name} onNew={onDone} ack={ack} onSubmit={submit}>
      <InputField label="Namn" id={`${uid}-n`} required value={name} onValue={setName} />
      <div className="row2">
        {/* How the contact is reached; the browser is not to fill in the administrator's own. */}
        {(
          [
            ['Telefon', 'p', 'tel', phone, setPhone],
            ['E-post', 'e', 'email', email, setEmail],
          ] as const
        ).map(([label, key, type, value, set]) => (
          <InputField
            key={key}
            label={label}
            id={`${uid}-${key}`}
            type={type}
            autoComplete="off"
            value={value}
            onValue={set}
          />
        ))}
      </div>
      <div className="row2">
        <InputField label="Titel/funktion" id={`${uid}-t`} value={title} onValue={setTitle} />
        <Field label="Roll" id={`${uid}-r`}>
          <select id={`${uid}-r`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="">Ingen</option>
            <LabelOptions values={ROLES} labels={ROLE_LABEL} />
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
            <NameOptions items={Object.values(state.districts)} idOf={(d) => d.districtId} />
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
      <Check checked={available} onChange={setAvailable}>
        Tillgänglig för larm
      </Check>
    </EntryForm>
  );
}

const CONTACT_COLS = [
  'Namn',
  'Titel',
  'Stadsdelsområde',
  'Telefon och e-post',
  'Konto',
  'Tillgänglig',
  'Listor',
];

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
    <RegisterPage
      headingId="contacts-h"
      title="Kontaktregister"
      count={contacts.length}
      ack={ack}
      removedText="Kontakten är borttagen."
      side={
        <div>
          <ContactForm key={edit?.id ?? 'new'} edit={edit} onDone={() => setEdit(null)} />
          <CsvImport />
        </div>
      }
    >
      <div className="table-wrap">
        <DataTable
          cols={CONTACT_COLS}
          actions="Åtgärder"
          rows={contacts}
          row={(c) => {
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
                <EditRemoveCell
                  name={c.name}
                  onEdit={() => setEdit(c)}
                  confirm={`Ta bort ${c.name} ur kontaktregistret?`}
                  onRemove={() => send('alarm.removeContact', { contactId: c.id })}
                />
              </tr>
            );
          }}
        />
      </div>
    </RegisterPage>
  );
}
