/**
 * The warnings workspace (Varningar): the authorities' warnings on the map and in a list, a
 * warning's detail with the step to action, and — for the administrator — whose attention a
 * new warning touching Stockholm county draws. In an exercise: the scenario's warnings only.
 */
import { lookup } from '../../../../shared/domain/keyed';
import { useEffect, useId, useState } from 'react';
import { ROLES, ROLE_LABEL, type Role } from '../../../../shared/domain/vocabulary';
import { REAL_SPACE } from '../../../../shared/protocol';
import { DEFAULT_ATTENTION_ROLES } from '../../../../shared/warnings';
import * as api from '../../api';
import { useCityState, useCommand, useMay, useNow } from '../../hooks';
import { useConsole } from '../../store/console';
import { useWarnings } from '../../store/warnings';
import { AckLine } from '../../components/AckLine';
import { ScreenLayout, type ScreenProps } from '../common';
import { WarningList } from './WarningList';
import { WarningDetail } from './WarningDetail';

function AttentionSetting() {
  const uid = useId();
  const state = useCityState();
  const current = state.warningAttention?.roles ?? [...DEFAULT_ATTENTION_ROLES];
  const [roles, setRoles] = useState<Role[] | null>(null);
  const chosen = roles ?? current;
  const may = useMay('warnings.setAttention', { roles: [] });
  const { send, ack } = useCommand('warning-attention');
  if (!may) return null;
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Uppmärksamma på nya varningar</h2>
      <p className="muted">
        En ny varning som berör Stockholms län visas som en notis för de valda rollerna.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send('warnings.setAttention', { roles: chosen });
        }}
      >
        <fieldset className="checks">
          <legend>Roller</legend>
          {ROLES.map((r) => (
            <label key={r}>
              <input
                type="checkbox"
                checked={chosen.includes(r)}
                onChange={(e) =>
                  setRoles(e.target.checked ? [...chosen, r] : chosen.filter((x) => x !== r))
                }
              />{' '}
              {ROLE_LABEL[r]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Spara</button>
        <AckLine ack={ack} okText="Valet är sparat." />
      </form>
    </section>
  );
}

/** The warnings of the space on screen: live in the real space, the scenario's in an exercise. */
function useSpaceWarnings() {
  const space = useConsole((s) => s.currentSpace);
  const state = useCityState();
  const live = useWarnings((w) => w.live);
  const scenario = useWarnings((w) => lookup(w.scenario, space));
  const exercise = space !== REAL_SPACE;
  const played = Object.values(state.exercise.control?.injects ?? {}).filter(
    (i) => i.inject.kind === 'warning' && i.status === 'delivered',
  ).length;
  useEffect(() => {
    if (!exercise) return;
    api
      .warnings(space)
      .then((c) => useWarnings.getState().setScenario(space, c))
      .catch(() => undefined);
  }, [exercise, space, played]);
  return { exercise, collection: exercise ? (scenario ?? null) : live };
}

export function WarningsScreen({ map }: ScreenProps) {
  const now = useNow();
  const { exercise, collection } = useSpaceWarnings();
  const selected = useWarnings((w) => w.selected);
  const select = useWarnings((w) => w.select);
  const chosen = collection?.features.find((f) => f.id === selected);
  // On a phone the detail stands above the list: bring it into view when a warning is chosen.
  useEffect(() => {
    if (selected)
      document.querySelector('[data-testid=warning-detail]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const left = (
    <>
      <WarningList
        collection={collection}
        selected={selected}
        onSelect={select}
        now={now}
        exercise={exercise}
      />
      {!exercise && <AttentionSetting />}
    </>
  );
  return (
    <ScreenLayout
      label="Varningar"
      map={map}
      left={left}
      warnings={collection?.features}
      onSelectWarning={select}
      right={
        chosen ? (
          <WarningDetail f={chosen} exercise={exercise} />
        ) : (
          <p className="muted panel-hint">
            Välj en varning i listan eller på kartan för att se den och gå vidare till åtgärd.
          </p>
        )
      }
    />
  );
}
