import { useId, useState } from 'react';
import {
  HEIGHTENED_ALERT,
  HEIGHTENED_ALERT_LABEL,
  type HeightenedAlertLevel,
} from '../../../shared/domain/vocabulary';
import { ActionForm, DecisionList } from '../components/EventPage';
import { EventList } from '../components/EventList';
import { DistrictList } from '../components/DistrictPanel';
import { Field } from '../components/bits';
import { SituationExports } from '../components/ExportLinks';
import { MyCards } from '../components/CardPanel';
import { useCityState, useMay } from '../hooks';
import { ScreenLayout, SidePanel, type ScreenProps } from './common';

function RecordHeightenedAlert() {
  const uid = useId();
  const state = useCityState();
  const current = state.heightenedAlert.level;
  const [level, setLevel] = useState<HeightenedAlertLevel>(
    current === 'none' ? 'elevated' : 'none',
  );
  const [ref, setRef] = useState('');
  const [text, setText] = useState('');
  const may = useMay('alert.recordHeightened', {
    level: 'elevated',
    governmentDecisionRef: '–',
    text: '–',
    decision: { basis: '–', informed: [] },
  });
  if (!may) return null;
  return (
    <ActionForm
      origin="heightened-alert"
      title="Registrera regeringsbeslut om höjd beredskap"
      submitLabel="Registrera beslutet"
      onSubmit={(decision) => ({
        type: 'alert.recordHeightened',
        payload: { level, governmentDecisionRef: ref, text, decision },
      })}
    >
      <Field label="Beredskapsnivå" id={`${uid}-l`}>
        <select
          id={`${uid}-l`}
          value={level}
          onChange={(e) => setLevel(e.target.value as HeightenedAlertLevel)}
        >
          {HEIGHTENED_ALERT.map((l) => (
            <option key={l} value={l}>
              {HEIGHTENED_ALERT_LABEL[l]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Regeringsbeslutets beteckning" id={`${uid}-r`}>
        <input id={`${uid}-r`} required value={ref} onChange={(e) => setRef(e.target.value)} />
      </Field>
      <Field label="Vad regeringen beslutat" id={`${uid}-t`}>
        <textarea
          id={`${uid}-t`}
          rows={2}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
    </ActionForm>
  );
}

/** Director, security chief and CKL lead: levels, CKL, central support, höjd beredskap, event pages. */
export function LeadershipScreen({ map }: ScreenProps) {
  const left = (
    <>
      <MyCards />
      <EventList />
      <section className="card" aria-labelledby="city-h">
        <h2 id="city-h">Staden</h2>
        <RecordHeightenedAlert />
        <h3>Senaste beslut</h3>
        <DecisionList limit={8} />
      </section>
      <DistrictList />
      <SituationExports />
    </>
  );
  return (
    <ScreenLayout label="Ledning" map={map} left={left} right={<SidePanel defaultToTopEvent />} />
  );
}

/** A read-only overview (observers, the administrator, CKL functions until their workspaces exist). */
export function OverviewScreen({ map }: ScreenProps) {
  return (
    <ScreenLayout
      label="Översikt"
      map={map}
      left={
        <>
          <EventList />
          <DistrictList />
          <section className="card" aria-labelledby="dl-h">
            <h2 id="dl-h">Beslutslogg</h2>
            <DecisionList limit={10} />
          </section>
        </>
      }
      right={<SidePanel defaultToTopEvent />}
    />
  );
}
