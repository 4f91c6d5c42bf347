/**
 * The kallelse (R191, R193): the chair names the time, the form and the place; the agenda is
 * proposed from the open matters (urgent decisions not yet reported, takeover proposals, the
 * director's information not yet noted) and goes out with it.
 */
import { useState } from 'react';
import type { CommandPayload } from '../../../../shared/commands';
import {
  MEETING_FORMS,
  MEETING_FORM_LABEL,
  type MeetingForm,
} from '../../../../shared/domain/board';
import { openMatters } from '../../../../shared/commands/board/matters';
import { useCityState, useMay } from '../../hooks';
import {
  CmdForm,
  SelectField,
  TextField,
  TimeField,
  localIn,
  localToIso,
} from '../../components/kit';

const SAMPLE = {
  startsAt: new Date(0).toISOString(),
  form: 'in_person',
  place: '–',
} satisfies CommandPayload<'board.convene'>;

export function Convene() {
  const state = useCityState();
  const may = useMay('board.convene', SAMPLE);
  const [startsAt, setStartsAt] = useState(() => localIn(60));
  const [form, setForm] = useState<MeetingForm>('mixed');
  const [place, setPlace] = useState('Stadshuset, borgarrådsberedningens sammanträdesrum');
  const [eventId, setEventId] = useState('');
  const matters = openMatters(state);
  const events = Object.values(state.events).filter(
    (e) => e.status === 'open' && e.level === 'extraordinary',
  );
  return (
    <>
      <h3>Föreslagen föredragningslista</h3>
      {matters.length === 0 ? (
        <p className="muted">Inga öppna ärenden väntar på nämnden.</p>
      ) : (
        <ol className="board-agenda" data-testid="proposed-agenda">
          {matters.map((m) => (
            <li key={`${m.kind}:${m.ref ?? ''}`}>{m.title}</li>
          ))}
        </ol>
      )}
      {may ? (
        // The kallelse is the card's content, open on arrival: inline, never the phone's sheet.
        <div className="board-inline-form">
          <CmdForm
            origin="board-convene"
            title="Kalla nämnden till sammanträde"
            submitLabel="Skicka kallelse"
            okText="Kallelsen är skickad till ledamöterna."
            open
            testId="board-convene"
            onSubmit={() => {
              const at = localToIso(startsAt);
              if (!at) return null;
              return {
                type: 'board.convene',
                payload: { startsAt: at, form, place, ...(eventId ? { eventId } : {}) },
              };
            }}
          >
            <TimeField
              label="Tid för sammanträdet"
              value={startsAt}
              onChange={setStartsAt}
              required
            />
            <SelectField
              label="Form"
              value={form}
              onChange={setForm}
              options={MEETING_FORMS.map((f) => [f, MEETING_FORM_LABEL[f]] as const)}
            />
            <TextField
              label="Plats eller länk till mötet"
              value={place}
              onChange={setPlace}
              required
            />
            {events.length > 0 && (
              <SelectField
                label="Händelse"
                value={eventId}
                onChange={setEventId}
                options={[
                  ['', '(ingen särskild händelse)'] as const,
                  ...events.map((e) => [e.id, e.title] as const),
                ]}
              />
            )}
          </CmdForm>
        </div>
      ) : (
        <p className="muted">Ordföranden kallar nämnden till sammanträde.</p>
      )}
    </>
  );
}
