/** One external actor in the register: contact routes, the contact log, and logging a contact. */
import { useCallback, useState } from 'react';
import {
  ACTOR_SECTOR_LABEL,
  CONTACT_CHANNELS,
  CONTACT_CHANNEL_LABEL,
  type ContactChannel,
  type ExternalActor,
} from '../../../../../shared/domain/ckl';
import { useCityState } from '../../../hooks';
import { dayTime } from '../../../format';
import { CmdForm, EventSelect, SelectField, TextField } from '../../../components/kit';
import { plural } from '../../../../../shared/text/plural';

export function ActorRow({ a, may }: { a: ExternalActor; may: boolean }) {
  const state = useCityState();
  const [open, setOpen] = useState(false);
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [channel, setChannel] = useState<ContactChannel>('phone');
  const [summary, setSummary] = useState('');
  const [eventId, setEventId] = useState('');
  const reset = useCallback(() => setSummary(''), []);
  const log = state.ckl.contacts.filter((c) => c.actorId === a.id);
  const reps = Object.values(state.ckl.representatives).filter(
    (r) => r.actorId === a.id && !r.withdrawnAt,
  );
  const last = log.at(-1);
  return (
    <li className="actor-row" data-testid={`actor-${a.id}`}>
      <button
        type="button"
        className="actor-toggle"
        aria-expanded={open}
        onClick={() => setOpen((x) => !x)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> <strong>{a.name}</strong>{' '}
        <span className="muted">
          {ACTOR_SECTOR_LABEL[a.sector]}
          {log.length > 0 &&
            ` · ${plural(log.length, 'kontakt', 'kontakter')}, senast ${dayTime(last?.at)}`}
          {reps.length > 0 &&
            ` · ${plural(reps.length, 'representant', 'representanter')} på plats`}
        </span>
      </button>
      {open && (
        <div className="actor-body">
          <p className="small">
            Kontaktvägar:{' '}
            {a.routes.length === 0
              ? 'inga registrerade'
              : a.routes.map((r, i) => (
                  <span key={i}>
                    {i > 0 && ' · '}
                    {CONTACT_CHANNEL_LABEL[r.channel]}: {r.value}
                    {r.note ? ` (${r.note})` : ''}
                  </span>
                ))}
          </p>
          {log.length > 0 && (
            <ol className="timeline">
              {log
                .slice(-6)
                .reverse()
                .map((c) => (
                  <li key={c.id}>
                    <span className="history-time">{dayTime(c.at)}</span>{' '}
                    {c.direction === 'in' ? '← in' : '→ ut'} ({CONTACT_CHANNEL_LABEL[c.channel]}):{' '}
                    {c.summary} <span className="muted">– {c.by.name}</span>
                  </li>
                ))}
            </ol>
          )}
          {may && (
            <CmdForm
              origin={`contact:${a.id}`}
              title="Logga kontakt"
              submitLabel="Logga kontakten"
              onSaved={reset}
              onSubmit={() =>
                summary.trim()
                  ? {
                      type: 'liaison.logContact',
                      payload: {
                        actorId: a.id,
                        direction,
                        channel,
                        summary,
                        ...(eventId ? { eventId } : {}),
                      },
                    }
                  : null
              }
            >
              <div className="row2">
                <SelectField
                  label="Riktning"
                  value={direction}
                  onChange={setDirection}
                  options={[
                    ['out', 'Vi kontaktade dem'],
                    ['in', 'De kontaktade oss'],
                  ]}
                />
                <SelectField
                  label="Kanal"
                  value={channel}
                  onChange={setChannel}
                  options={CONTACT_CHANNELS.map((c) => [c, CONTACT_CHANNEL_LABEL[c]] as const)}
                />
              </div>
              <EventSelect fn="liaison" value={eventId} onChange={setEventId} optional />
              <TextField
                label="Vad sades"
                value={summary}
                onChange={setSummary}
                rows={2}
                required
              />
            </CmdForm>
          )}
        </div>
      )}
    </li>
  );
}
