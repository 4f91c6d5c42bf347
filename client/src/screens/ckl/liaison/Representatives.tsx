/** The city's representatives placed with other actors, and placing one. */
import { useCallback, useState } from 'react';
import { useCityState, useMay } from '../../../hooks';
import { dayTime } from '../../../format';
import { Card, CmdButton, CmdForm, TextField } from '../../../components/kit';
import { lookup } from '../../../../../shared/domain/keyed';
import { ActorSelect } from './ActorSelect';

export function Representatives() {
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
