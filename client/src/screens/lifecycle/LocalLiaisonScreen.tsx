/**
 * Local liaison persons (lokala samverkanspersoner, R205): at extraordinary level each affected
 * administration's or company's director names one. The unit's officer (or the city director)
 * records it here; the liaison function sees who has named one and who has not.
 */
import { useState, type FormEvent } from 'react';
import type { CrisisEvent } from '../../../../shared/domain/state';
import type { AreaRef } from '../../../../shared/domain/lifecycle';
import { extraordinaryEvents, localLiaisonRows } from '../../../../shared/views/lifecycle';
import { useCityState, useMay } from '../../hooks';
import { useSubmitOnce } from '../../submitOnce';
import { SubmitRow } from '../../components/formRows';
import { dayTime } from '../../format';
import { Card, TextField } from '../../components/kit';
import type { ScreenProps } from '../common';
import { LifecycleLayout } from './layout';

function NameForm({ eventId, area, name }: { eventId: string; area: AreaRef; name: string }) {
  const [personName, setPersonName] = useState('');
  const [contact, setContact] = useState('');
  const [namedBy, setNamedBy] = useState('');
  const { submit, ack, busy } = useSubmitOnce(`local-liaison:${eventId}:${area.kind}:${area.id}`);
  const may = useMay('liaison.nameLocal', {
    eventId,
    area,
    personName: '–',
    contact: '–',
    namedBy: '–',
  });
  if (!may) return null;
  const send = (e: FormEvent) => {
    e.preventDefault();
    submit('liaison.nameLocal', { eventId, area, personName, contact, namedBy });
  };
  return (
    <details className="action">
      <summary>Registrera lokal samverkansperson för {name}</summary>
      <form onSubmit={send}>
        <TextField label="Namn" value={personName} onChange={setPersonName} required />
        <TextField
          label="Telefon eller annan kontaktväg"
          value={contact}
          onChange={setContact}
          required
        />
        <TextField
          label="Utsedd av (förvaltnings- eller bolagsdirektör)"
          value={namedBy}
          onChange={setNamedBy}
          required
        />
        <SubmitRow ack={ack} okText="Den lokala samverkanspersonen är registrerad." busy={busy}>
          Registrera
        </SubmitRow>
      </form>
    </details>
  );
}

function EventLiaisons({ e }: { e: CrisisEvent }) {
  const state = useCityState();
  const rows = localLiaisonRows(state, e.id);
  const missing = rows.filter((r) => !r.liaison).length;
  return (
    <Card
      title={`${e.title}: ${rows.length - missing} av ${rows.length} har utsett lokal samverkansperson`}
      testId={`local-liaisons-${e.id}`}
    >
      {missing > 0 && (
        <p className="notice" role="status">
          {missing === 1 ? 'En berörd förvaltning saknar' : `${missing} berörda saknar`} lokal
          samverkansperson.
        </p>
      )}
      <ul className="plain liaison-rows">
        {rows.map((r) => (
          <li key={`${r.area.kind}:${r.area.id}`} className={r.liaison ? 'named' : 'missing'}>
            <span aria-hidden="true">{r.liaison ? '✓' : '✕'}</span> <strong>{r.name}</strong>
            {r.liaison ? (
              <span>
                {' '}
                – {r.liaison.personName}, {r.liaison.contact}
                <span className="muted">
                  {' '}
                  · utsedd av {r.liaison.namedBy}, registrerad {dayTime(r.liaison.at)} av{' '}
                  {r.liaison.recordedBy.name}
                </span>
              </span>
            ) : (
              <span> – inte utsedd</span>
            )}
            <NameForm eventId={e.id} area={r.area} name={r.name} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function LocalLiaisonScreen(_props: ScreenProps) {
  const state = useCityState();
  const events = extraordinaryEvents(state);
  return (
    <LifecycleLayout
      label="Lokala samverkanspersoner"
      columns={[
        <div key="list">
          {events.length === 0 ? (
            <Card title="Lokala samverkanspersoner">
              <p className="muted">
                Ingen händelse är extraordinär. Vid en extraordinär händelse utser varje berörd
                förvaltning och varje berört bolag en lokal samverkansperson till den centrala
                krisledningen.
              </p>
            </Card>
          ) : (
            events.map((e) => <EventLiaisons key={e.id} e={e} />)
          )}
        </div>,
      ]}
    />
  );
}
