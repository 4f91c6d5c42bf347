/**
 * The liaison function (samverkan): the register of external actors with their contact routes
 * and contact log, the city's representatives placed with other actors, requests for expertise
 * or resources, and the coordination conferences (samverkanskonferens) with roll-call, the
 * fixed agenda, minutes and the agreed joint direction.
 */
import { useCallback, useState } from 'react';
import {
  ACTOR_SECTOR_LABEL,
  AGENDA_ITEMS,
  AGENDA_LABEL,
  CONTACT_CHANNELS,
  CONTACT_CHANNEL_LABEL,
  PRESENCE,
  PRESENCE_LABEL,
  type AgendaItem,
  type Conference,
  type ContactChannel,
  type ExternalActor,
  type Presence,
} from '../../../../shared/domain/ckl';
import { AckLine } from '../../components/AckLine';
import { useCityState, useMay } from '../../hooks';
import { dayTime } from '../../format';
import type { ScreenProps } from '../common';
import {
  Card,
  CklLayout,
  CmdButton,
  CmdForm,
  EventSelect,
  FunctionStatusLine,
  localIn,
  localToIso,
  SelectField,
  TextField,
  TimeField,
} from '../../components/kit';
import { TaskList } from './Tasks';
import { plural } from '../../../../shared/text/plural';
import { lookup } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';
import type { CommandPayload } from '../../../../shared/commands';

const SAMPLE_CONTACT = {
  actorId: 'polisen',
  direction: 'out',
  channel: 'phone',
  summary: '–',
} satisfies CommandPayload<'liaison.logContact'>;

function ActorRow({ a, may }: { a: ExternalActor; may: boolean }) {
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

function Register() {
  const state = useCityState();
  const may = useMay('liaison.logContact', SAMPLE_CONTACT);
  const actors = Object.values(state.ckl.actors)
    .filter((a) => a.active)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <Card title={`Externa aktörer (${actors.length})`} testId="actors">
      <ul className="plain">
        {actors.map((a) => (
          <ActorRow key={a.id} a={a} may={may} />
        ))}
      </ul>
      <RegisterActor />
    </Card>
  );
}

function RegisterActor() {
  const [name, setName] = useState('');
  const [sector, setSector] = useState<ExternalActor['sector']>('other');
  const [phone, setPhone] = useState('');
  const may = useMay('liaison.registerActor', { name: '–', sector: 'other' });
  const reset = useCallback(() => {
    setName('');
    setPhone('');
  }, []);
  if (!may) return null;
  return (
    <CmdForm
      origin="actor:new"
      title="Lägg till aktör i registret"
      submitLabel="Registrera aktören"
      onSaved={reset}
      onSubmit={() =>
        name.trim()
          ? {
              type: 'liaison.registerActor',
              payload: {
                name,
                sector,
                routes: phone.trim() ? [{ channel: 'phone', value: phone }] : [],
              },
            }
          : null
      }
    >
      <TextField label="Namn" value={name} onChange={setName} required />
      <SelectField
        label="Sektor"
        value={sector}
        onChange={setSector}
        options={Object.entries(ACTOR_SECTOR_LABEL) as [ExternalActor['sector'], string][]}
      />
      <TextField label="Telefon (tjänsteman i beredskap)" value={phone} onChange={setPhone} />
    </CmdForm>
  );
}

function Representatives() {
  const state = useCityState();
  const [actorId, setActorId] = useState('polisen');
  const [person, setPerson] = useState('');
  const [location, setLocation] = useState('');
  const may = useMay('liaison.placeRepresentative', {
    actorId: 'polisen',
    person: '–',
    location: '–',
  });
  const reset = useCallback(() => {
    setPerson('');
    setLocation('');
  }, []);
  const placed = Object.values(state.ckl.representatives).filter((r) => !r.withdrawnAt);
  return (
    <Card title="Stadens representanter hos andra aktörer" testId="representatives">
      {placed.length === 0 ? (
        <p className="muted">Ingen representant placerad.</p>
      ) : (
        <ul className="plain">
          {placed.map((r) => (
            <li key={r.id}>
              <strong>{r.person}</strong> hos{' '}
              {lookup(state.ckl.actors, r.actorId)?.name ?? r.actorId}, {r.location}{' '}
              <span className="muted">sedan {dayTime(r.placedAt)}</span>
              {may && (
                <div className="actions">
                  <CmdButton
                    origin={`rep:${r.id}`}
                    label="Ta hem"
                    type="liaison.withdrawRepresentative"
                    payload={{ representativeId: r.id }}
                    className="btn-quiet"
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {may && (
        <CmdForm
          origin="rep:new"
          title="Placera representant"
          submitLabel="Placera"
          onSaved={reset}
          onSubmit={() =>
            person.trim() && location.trim()
              ? { type: 'liaison.placeRepresentative', payload: { actorId, person, location } }
              : null
          }
        >
          <ActorSelect value={actorId} onChange={setActorId} />
          <TextField label="Vem" value={person} onChange={setPerson} required />
          <TextField label="Var" value={location} onChange={setLocation} required />
        </CmdForm>
      )}
    </Card>
  );
}

function ActorSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const state = useCityState();
  return (
    <SelectField
      label="Aktör"
      value={value}
      onChange={onChange}
      options={Object.values(state.ckl.actors)
        .filter((a) => a.active)
        .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
        .map((a) => [a.id, a.name] as const)}
    />
  );
}

function Requests() {
  const state = useCityState();
  const [actorId, setActorId] = useState('region-stockholm');
  const [eventId, setEventId] = useState('');
  const [kind, setKind] = useState<'expertise' | 'resource'>('resource');
  const [what, setWhat] = useState('');
  const may = useMay('liaison.request', {
    actorId: 'polisen',
    eventId: 'x',
    kind: 'resource',
    what: '–',
  });
  const reset = useCallback(() => setWhat(''), []);
  const list = Object.values(state.ckl.requests).sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card title="Begäran om expertis och resurser" testId="requests">
      {may && (
        <CmdForm
          origin="req:new"
          title="Ny begäran"
          submitLabel="Registrera begäran"
          onSaved={reset}
          onSubmit={() =>
            eventId && what.trim()
              ? { type: 'liaison.request', payload: { actorId, eventId, kind, what } }
              : null
          }
        >
          <ActorSelect value={actorId} onChange={setActorId} />
          <EventSelect fn="liaison" value={eventId} onChange={setEventId} />
          <SelectField
            label="Slag"
            value={kind}
            onChange={setKind}
            options={[
              ['resource', 'Resurs'],
              ['expertise', 'Expertis'],
            ]}
          />
          <TextField label="Vad behövs" value={what} onChange={setWhat} rows={2} required />
        </CmdForm>
      )}
      {list.length === 0 ? (
        <p className="muted">Ingen begäran.</p>
      ) : (
        <ul className="plain">
          {list.map((r) => (
            <li key={r.id}>
              <strong>{lookup(state.ckl.actors, r.actorId)?.name ?? r.actorId}</strong>:{' '}
              {r.kind === 'expertise' ? 'expertis' : 'resurs'} – {r.what}{' '}
              <span className="tag">
                {
                  {
                    open: 'Obesvarad',
                    granted: 'Beviljad',
                    partly_granted: 'Delvis beviljad',
                    declined: 'Avslagen',
                  }[r.status]
                }
              </span>
              {r.answer && <div className="small">Svar: {r.answer.text}</div>}
              {may && r.status === 'open' && <AnswerRequest id={r.id} />}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function AnswerRequest({ id }: { id: string }) {
  const [outcome, setOutcome] = useState<'granted' | 'partly_granted' | 'declined'>('granted');
  const [answer, setAnswer] = useState('');
  return (
    <CmdForm
      origin={`req-answer:${id}`}
      title="Registrera svar"
      submitLabel="Spara svaret"
      onSubmit={() =>
        answer.trim()
          ? { type: 'liaison.answerRequest', payload: { requestId: id, outcome, answer } }
          : null
      }
    >
      <SelectField
        label="Utfall"
        value={outcome}
        onChange={setOutcome}
        options={[
          ['granted', 'Beviljad'],
          ['partly_granted', 'Delvis beviljad'],
          ['declined', 'Avslagen'],
        ]}
      />
      <TextField label="Svar" value={answer} onChange={setAnswer} rows={2} required />
    </CmdForm>
  );
}

const CONF_STATUS = {
  scheduled: 'Planerad',
  in_progress: 'Pågår',
  closed: 'Avslutad',
  cancelled: 'Inställd',
} as const;

function RunningConference({ c }: { c: Conference }) {
  const state = useCityState();
  const actors = Object.values(state.ckl.actors)
    .filter((a) => a.active)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const [presence, setPresence] = useState<Record<string, Presence | ''>>({});
  const roll = useSubmitOnce(`roll:${c.id}`);
  const [item, setItem] = useState<AgendaItem>('situation');
  const [text, setText] = useState('');
  const [direction, setDirection] = useState('');
  const reset = useCallback(() => setText(''), []);
  return (
    <div className="conference-run">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const entries = Object.entries(presence).flatMap(([actorId, p]) =>
            p ? [{ actorId, presence: p }] : [],
          );
          if (entries.length) roll.submit('liaison.rollCall', { conferenceId: c.id, entries });
        }}
      >
        <fieldset>
          <legend>Upprop</legend>
          <table className="rollcall">
            <caption className="sr-only">Närvaro per aktör</caption>
            <tbody>
              {actors.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <select
                      aria-label={`Närvaro ${a.name}`}
                      value={lookup(presence, a.id) ?? lookup(c.rollCall, a.id) ?? ''}
                      onChange={(e) =>
                        setPresence((cur) => ({ ...cur, [a.id]: e.target.value as Presence }))
                      }
                    >
                      <option value="">–</option>
                      {PRESENCE.map((p) => (
                        <option key={p} value={p}>
                          {PRESENCE_LABEL[p]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="btn-secondary">
            Spara uppropet
          </button>
          <AckLine ack={roll.ack} />
        </fieldset>
      </form>
      <h4>Dagordning</h4>
      <dl className="report">
        {AGENDA_ITEMS.map((k) => (
          <div key={k} className="dl-row">
            <dt>{AGENDA_LABEL[k]}</dt>
            <dd className="basis">{c.minutes[k] ?? <span className="muted">–</span>}</dd>
          </div>
        ))}
      </dl>
      <CmdForm
        origin={`minute:${c.id}`}
        title="Protokollför punkt"
        submitLabel="Spara protokollet"
        onSaved={reset}
        onSubmit={() =>
          text.trim()
            ? { type: 'liaison.minute', payload: { conferenceId: c.id, item, text } }
            : null
        }
      >
        <SelectField
          label="Punkt"
          value={item}
          onChange={setItem}
          options={AGENDA_ITEMS.map((k) => [k, AGENDA_LABEL[k]] as const)}
        />
        <TextField label="Protokoll" value={text} onChange={setText} rows={3} required />
      </CmdForm>
      <CmdForm
        origin={`close:${c.id}`}
        title="Avsluta med gemensam inriktning"
        submitLabel="Avsluta konferensen"
        onSubmit={() =>
          direction.trim()
            ? {
                type: 'liaison.closeConference',
                payload: { conferenceId: c.id, jointDirection: direction },
              }
            : null
        }
      >
        <TextField
          label="Gemensam inriktning"
          value={direction}
          onChange={setDirection}
          rows={2}
          required
        />
      </CmdForm>
    </div>
  );
}

function Conferences() {
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

export function LiaisonScreen(_props: ScreenProps) {
  return (
    <CklLayout
      label="Samverkansfunktionen"
      head={<FunctionStatusLine fn="liaison" />}
      columns={[
        <Register key="r" />,
        <Conferences key="c" />,
        <>
          <Card title="Uppdrag till funktionen">
            <TaskList fn="liaison" />
          </Card>
          <Requests />
          <Representatives />
        </>,
      ]}
    />
  );
}
