/**
 * The board's roster (R190): the chair, the 1st and 2nd vice chair, then the other members.
 * An administrator or the administrative function adds and removes members here.
 */
import { useState } from 'react';
import {
  BOARD_POSITIONS,
  BOARD_POSITION_LABEL,
  boardMembers,
  type BoardMember,
  type BoardPosition,
} from '../../../../shared/domain/board';
import { useCityState, useMay } from '../../hooks';
import { Card, CmdButton, CmdForm, SelectField, TextField } from '../../components/kit';

function MemberRow({ m }: { m: BoardMember }) {
  const mayRemove = useMay('board.removeMember', { memberId: m.id });
  return (
    <li className="board-member" data-testid={`board-member-${m.id}`}>
      <span className="board-member-name">
        <strong>{m.name}</strong>
        <span className="board-position">{BOARD_POSITION_LABEL[m.position]}</span>
      </span>
      <span className="muted">
        {m.title ? `${m.title} · ` : ''}
        {m.userId ? 'konto i konsolen' : 'inget konto'}
      </span>
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
  const state = useCityState();
  const [name, setName] = useState('');
  const [position, setPosition] = useState<BoardPosition>('member');
  const [title, setTitle] = useState('');
  const [userId, setUserId] = useState('');
  const may = useMay('board.saveMember', { name: 'x', position: 'member' });
  if (!may) return null;
  const users = Object.values(state.users)
    .filter((u) => u.active)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <CmdForm
      origin="board-add-member"
      title="Lägg till ledamot"
      submitLabel="Spara ledamot"
      okText="Ledamoten är sparad."
      onSaved={() => {
        setName('');
        setTitle('');
        setUserId('');
      }}
      onSubmit={() => ({
        type: 'board.saveMember',
        payload: {
          name,
          position,
          ...(title.trim() ? { title } : {}),
          ...(userId ? { userId } : {}),
        },
      })}
    >
      <TextField label="Namn" value={name} onChange={setName} required />
      <SelectField
        label="Uppdrag i nämnden"
        value={position}
        onChange={setPosition}
        options={BOARD_POSITIONS.map((p) => [p, BOARD_POSITION_LABEL[p]] as const)}
      />
      <TextField label="Uppdrag i staden (t.ex. Borgarråd)" value={title} onChange={setTitle} />
      <SelectField
        label="Konto i konsolen"
        value={userId}
        onChange={setUserId}
        options={[['', 'Inget konto'] as const, ...users.map((u) => [u.userId, u.name] as const)]}
      />
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
