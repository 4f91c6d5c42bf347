/** A choice among the active external actors, by name. */
import { useCityState } from '../../../hooks';
import { SelectField } from '../../../components/kit';

export function ActorSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
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
