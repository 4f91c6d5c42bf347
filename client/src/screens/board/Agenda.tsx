/**
 * The agenda of the meeting at hand (R193, R194): each item dealt with becomes the protocol's
 * next paragraph with its outcome and words; a matter that came up later is added here.
 */
import { useState } from 'react';
import {
  AGENDA_KIND_LABEL,
  ITEM_OUTCOME_LABEL,
  type AgendaItem,
  type BoardMeeting,
  type ItemOutcome,
} from '../../../../shared/domain/board';
import { OUTCOMES } from '../../../../shared/commands/board/items';
import { useCityState, useMay } from '../../hooks';
import { CmdForm, SelectField, TextField } from '../../components/kit';
import { addableMatters } from './views';
import { MeetingForm } from './meetingCommands';

function ResolveForm({ meeting, item }: { meeting: BoardMeeting; item: AgendaItem }) {
  const outcomes = OUTCOMES[item.kind];
  const [outcome, setOutcome] = useState<ItemOutcome>(outcomes[0] ?? 'decided');
  const [text, setText] = useState('');
  const needsReason = outcome === 'remitted' || outcome === 'rejected';
  return (
    <CmdForm
      origin={`board-item:${item.id}`}
      title="Behandla ärendet"
      submitLabel="För till protokollet"
      okText="Ärendet är behandlat."
      testId={`resolve-${item.id}`}
      onSubmit={() => ({
        type: 'board.resolveItem',
        payload: {
          meetingId: meeting.id,
          itemId: item.id,
          outcome,
          ...(text.trim() ? { text } : {}),
        },
      })}
    >
      <SelectField
        label="Utfall"
        value={outcome}
        onChange={setOutcome}
        options={outcomes.map((o) => [o, ITEM_OUTCOME_LABEL[o]] as const)}
      />
      <TextField
        label={needsReason ? 'Motivering (obligatorisk)' : 'Beslutstext i protokollet'}
        hint={needsReason ? undefined : 'Tom: konsolen skriver protokollets standardtext.'}
        value={text}
        onChange={setText}
        rows={3}
        required={needsReason}
      />
    </CmdForm>
  );
}

function Item({ meeting, item }: { meeting: BoardMeeting; item: AgendaItem }) {
  const may = useMay('board.resolveItem', {
    meetingId: meeting.id,
    itemId: item.id,
    outcome: OUTCOMES[item.kind][0] ?? 'decided',
  });
  const o = item.outcome;
  return (
    <li className={`board-item${o ? ' is-resolved' : ''}`} data-testid={`agenda-${item.id}`}>
      <p className="board-item-title">
        {o ? <strong>§ {o.paragraph}</strong> : <span className="tag">Ej behandlat</span>}{' '}
        {item.title}
      </p>
      <p className="muted">{AGENDA_KIND_LABEL[item.kind]}</p>
      {o ? (
        <p className="board-outcome">
          <strong>{ITEM_OUTCOME_LABEL[o.kind]}:</strong> {o.text}
        </p>
      ) : (
        may && meeting.status === 'in_session' && <ResolveForm meeting={meeting} item={item} />
      )}
    </li>
  );
}

function AddItem({ meeting }: { meeting: BoardMeeting }) {
  const state = useCityState();
  const matters = addableMatters(state, meeting);
  const [choice, setChoice] = useState('other');
  const [title, setTitle] = useState('');
  const options = [
    ['other', 'Övrigt ärende (skriv rubrik)'] as const,
    ...matters.map((m, i) => [String(i), m.title] as const),
  ];
  return (
    <MeetingForm
      meeting={meeting}
      type="board.addAgendaItem"
      onSaved={() => {
        setTitle('');
        setChoice('other');
      }}
      send={() => {
        const m = choice === 'other' ? undefined : matters[Number(choice)];
        if (!m) return { kind: 'other' as const, title };
        return { kind: m.kind, ...('ref' in m ? { ref: m.ref } : {}) };
      }}
    >
      <SelectField label="Ärende" value={choice} onChange={setChoice} options={options} />
      {choice === 'other' && (
        <TextField label="Ärendets rubrik" value={title} onChange={setTitle} required />
      )}
    </MeetingForm>
  );
}

export function Agenda({ meeting }: { meeting: BoardMeeting }) {
  return (
    <section aria-labelledby={`agenda-${meeting.id}`}>
      <h3 id={`agenda-${meeting.id}`}>Föredragningslista</h3>
      {meeting.agenda.length === 0 ? (
        <p className="muted">Inga ärenden på föredragningslistan.</p>
      ) : (
        <ol className="plain board-agenda-items">
          {meeting.agenda.map((i) => (
            <Item key={i.id} meeting={meeting} item={i} />
          ))}
        </ol>
      )}
      <AddItem meeting={meeting} />
    </section>
  );
}
