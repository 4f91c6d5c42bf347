/**
 * The board's roster (R190): the chair, the 1st and 2nd vice chair, then the other members.
 * Whoever the policy lets keep the roster adds, changes (in place, on the member's row) and
 * removes members here; the member's phone and e-mail are those of their entry in the contact
 * directory, so the row links the entry rather than copying its numbers.
 */
import { useEffect, useState } from 'react';
import {
  BOARD_POSITIONS,
  BOARD_POSITION_LABEL,
  boardMembers,
  type BoardMember,
  type BoardPosition,
} from '../../../../shared/domain/board';
import { tableGet, tableValues } from '../../../../shared/domain/table';
import { useCityState, useMay } from '../../hooks';
import { Card, CmdButton, CmdForm, SelectField, TextField } from '../../components/kit';

interface Draft {
  name: string;
  position: BoardPosition;
  title: string;
  userId: string;
  contactId: string;
}

const draftOf = (m?: BoardMember): Draft => ({
  name: m?.name ?? '',
  position: m?.position ?? 'member',
  title: m?.title ?? '',
  userId: m?.userId ?? '',
  contactId: m?.contactId ?? '',
});

const sameDraft = (a: Draft, b: Draft) =>
  a.name === b.name &&
  a.position === b.position &&
  a.title === b.title &&
  a.userId === b.userId &&
  a.contactId === b.contactId;

/** The version of the member a change starts from (R190); a state kept before it had none. */
const seqOf = (m: BoardMember) => m.updatedSeq ?? 0;

/** The whole member as the command takes it: an omitted field is cleared (the event is whole). */
function payloadOf(d: Draft, base?: { memberId: string; baseSeq: number }) {
  return {
    ...(base ?? {}),
    name: d.name,
    position: d.position,
    ...(d.title.trim() ? { title: d.title } : {}),
    ...(d.userId ? { userId: d.userId } : {}),
    ...(d.contactId ? { contactId: d.contactId } : {}),
  };
}

function MemberFields({ d, set }: { d: Draft; set: (d: Draft) => void }) {
  const state = useCityState();
  const users = Object.values(state.users)
    .filter((u) => u.active || u.userId === d.userId)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const contacts = tableValues(state.alarm.contacts).sort((a, b) =>
    a.name.localeCompare(b.name, 'sv'),
  );
  return (
    <>
      <TextField label="Namn" value={d.name} onChange={(name) => set({ ...d, name })} required />
      <SelectField
        label="Uppdrag i nämnden"
        value={d.position}
        onChange={(position) => set({ ...d, position })}
        options={BOARD_POSITIONS.map((p) => [p, BOARD_POSITION_LABEL[p]] as const)}
      />
      <TextField
        label="Uppdrag i staden (t.ex. Borgarråd)"
        value={d.title}
        onChange={(title) => set({ ...d, title })}
      />
      <SelectField
        label="Konto i konsolen"
        value={d.userId}
        onChange={(userId) => set({ ...d, userId })}
        options={[['', 'Inget konto'] as const, ...users.map((u) => [u.userId, u.name] as const)]}
      />
      <SelectField
        label="Kontaktuppgifter (post i kontaktregistret)"
        value={d.contactId}
        onChange={(contactId) => set({ ...d, contactId })}
        options={[
          ['', 'Ingen post'] as const,
          ...contacts.map((c) => [c.id, c.title ? `${c.name}, ${c.title}` : c.name] as const),
        ]}
      />
    </>
  );
}

/**
 * The change starts from the member as the form last read them (R190). A change saved by
 * someone else meanwhile is taken in at once while nothing typed would be lost; otherwise the
 * form says so and the server refuses the save, until the person reads in the current values.
 */
function EditMember({ m }: { m: BoardMember }) {
  const [base, setBase] = useState(() => ({ seq: seqOf(m), draft: draftOf(m) }));
  const [d, setD] = useState(base.draft);
  const current = draftOf(m);
  const moved = seqOf(m) !== base.seq;
  const untouched = sameDraft(d, base.draft) || sameDraft(d, current);
  useEffect(() => {
    if (moved && untouched) {
      setBase({ seq: seqOf(m), draft: draftOf(m) });
      setD(draftOf(m));
    }
  }, [moved, untouched, m]);
  const reload = () => {
    setBase({ seq: seqOf(m), draft: current });
    setD(current);
  };
  return (
    <CmdForm
      origin={`board-edit-member:${m.id}`}
      title={`Ändra ${m.name}`}
      submitLabel="Spara ändringen"
      okText="Ändringen är sparad."
      testId={`board-edit-${m.id}`}
      onSubmit={() => ({
        type: 'board.saveMember',
        payload: payloadOf(d, { memberId: m.id, baseSeq: base.seq }),
      })}
    >
      {moved && !untouched && (
        <p className="ack ack-refused" role="alert" data-testid={`board-edit-stale-${m.id}`}>
          ▲ Ledamoten har {m.active ? 'ändrats' : 'tagits bort'} av {m.updatedBy ?? 'någon annan'}{' '}
          sedan du öppnade formuläret.{' '}
          <button type="button" className="btn-link" onClick={reload}>
            Läs in de nuvarande uppgifterna (det du ändrat försvinner)
          </button>
        </p>
      )}
      <MemberFields d={d} set={setD} />
    </CmdForm>
  );
}

function MemberRow({ m }: { m: BoardMember }) {
  const state = useCityState();
  const mayRemove = useMay('board.removeMember', { memberId: m.id });
  const mayEdit = useMay(
    'board.saveMember',
    payloadOf(draftOf(m), { memberId: m.id, baseSeq: seqOf(m) }),
  );
  const contact = m.contactId ? tableGet(state.alarm.contacts, m.contactId) : undefined;
  return (
    <li className="board-member" data-testid={`board-member-${m.id}`}>
      <span className="board-member-name">
        <strong>{m.name}</strong>
        <span className="board-position">{BOARD_POSITION_LABEL[m.position]}</span>
      </span>
      <span className="muted">
        {m.title ? `${m.title} · ` : ''}
        {m.userId ? 'konto i konsolen' : 'inget konto'} ·{' '}
        {contact ? `kontaktuppgifter: ${contact.name}` : 'inga kontaktuppgifter'}
      </span>
      {mayEdit && <EditMember m={m} />}
      {mayRemove && (
        <span className="actions">
          <CmdButton
            origin={`board-remove:${m.id}`}
            label={`Ta bort ${m.name} ur nämnden`}
            type="board.removeMember"
            payload={{ memberId: m.id }}
            className="btn-quiet"
            okText="Borttagen ur nämnden."
          />
        </span>
      )}
    </li>
  );
}

function AddMember() {
  const [d, setD] = useState(() => draftOf());
  const may = useMay('board.saveMember', { name: 'x', position: 'member' });
  if (!may) return null;
  return (
    <CmdForm
      origin="board-add-member"
      title="Lägg till ledamot"
      submitLabel="Spara ledamot"
      okText="Ledamoten är sparad."
      onSaved={() => setD(draftOf())}
      onSubmit={() => ({ type: 'board.saveMember', payload: payloadOf(d) })}
    >
      <MemberFields d={d} set={setD} />
    </CmdForm>
  );
}

export function Members() {
  const state = useCityState();
  const members = boardMembers(state);
  return (
    <Card title={`Ledamöter (${members.length})`} testId="board-members">
      {members.length === 0 ? (
        <p className="muted">Nämnden har inga registrerade ledamöter.</p>
      ) : (
        <ul className="plain board-members">
          {members.map((m) => (
            <MemberRow key={m.id} m={m} />
          ))}
        </ul>
      )}
      <AddMember />
    </Card>
  );
}
