/** The coordination conferences (samverkanskonferens): scheduling one, opening it, running it. */
import { useState } from 'react';
import { useCityState, useMay } from '../../../hooks';
import { dayTime } from '../../../format';
import {
  Card,
  CmdButton,
  CmdForm,
  EventSelect,
  localIn,
  localToIso,
  TextField,
  TimeField,
} from '../../../components/kit';
import { lookup } from '../../../../../shared/domain/keyed';
import { RunningConference } from './RunningConference';

const CONF_STATUS = {
  scheduled: 'Planerad',
  in_progress: 'Pågår',
  closed: 'Avslutad',
  cancelled: 'Inställd',
} as const;

export function Conferences() {
  const state = useCityState();
  const [eventId, setEventId] = useState('');
  const [at, setAt] = useState(localIn(30));
  const [cadence, setCadence] = useState('240');
  const may = useMay('liaison.scheduleConference', {
    eventId: 'x',
    at: new Date().toISOString(),
  });
  const list = Object.values(state.ckl.conferences).sort((a, b) =>
    b.scheduledAt.localeCompare(a.scheduledAt),
  );
  return (
    <Card title="Samverkanskonferenser" testId="conferences">
      {may && (
        <CmdForm
          origin="conf:new"
          title="Kalla till samverkanskonferens"
          submitLabel="Kalla"
          onSubmit={() => {
            const iso = localToIso(at);
            const cm = Number(cadence);
            return eventId && iso
              ? {
                  type: 'liaison.scheduleConference',
                  payload: { eventId, at: iso, ...(cm ? { cadenceMinutes: cm } : {}) },
                }
              : null;
          }}
        >
          <EventSelect fn="liaison" value={eventId} onChange={setEventId} />
          <div className="row2">
            <TimeField label="Tid" value={at} onChange={setAt} required />
            <TextField
              label="Rytm (minuter)"
              value={cadence}
              onChange={setCadence}
              hint="Tomt: ingen fast rytm"
            />
          </div>
        </CmdForm>
      )}
      {list.length === 0 && <p className="muted">Ingen konferens.</p>}
      {list.slice(0, 6).map((c) => {
        const present = Object.values(c.rollCall).filter((p) => p === 'present').length;
        return (
          <article key={c.id} className="item" data-testid="conference">
            <h3>
              {c.title} {dayTime(c.scheduledAt)}
            </h3>
            <p className="item-meta">
              <span className="tag">{CONF_STATUS[c.status]}</span>{' '}
              {lookup(state.events, c.eventId)?.title ?? ''}
              {c.cadenceMinutes ? ` · intervall ${c.cadenceMinutes} min` : ''}
              {present > 0 ? ` · ${present} närvarande` : ''}
            </p>
            {c.jointDirection && (
              <p>
                <strong>Gemensam inriktning:</strong> {c.jointDirection}
              </p>
            )}
            {may && c.status === 'scheduled' && (
              <div className="actions">
                <CmdButton
                  origin={`conf-start:${c.id}`}
                  label="Öppna konferensen"
                  type="liaison.startConference"
                  payload={{ conferenceId: c.id }}
                />
              </div>
            )}
            {may && c.status === 'in_progress' && <RunningConference c={c} />}
          </article>
        );
      })}
    </Card>
  );
}
