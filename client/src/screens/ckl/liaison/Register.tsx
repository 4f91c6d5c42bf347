/** The register of external actors, and adding an actor to it. */
import { useCallback, useState } from 'react';
import { ACTOR_SECTOR_LABEL, type ExternalActor } from '../../../../../shared/domain/ckl';
import { useCityState, useMay } from '../../../hooks';
import { Card, CmdForm, SelectField, TextField } from '../../../components/kit';
import type { CommandPayload } from '../../../../../shared/commands';
import { ActorRow } from './ActorRow';

const SAMPLE_CONTACT = {
  actorId: 'polisen',
  direction: 'out',
  channel: 'phone',
  summary: '–',
} satisfies CommandPayload<'liaison.logContact'>;

export function Register() {
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
