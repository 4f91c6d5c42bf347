import { useId, useState, type FormEvent } from 'react';
import { districtView } from '../../../shared/views';
import { DistrictList, Freshness } from '../components/DistrictPanel';
import { EventList } from '../components/EventList';
import { AckLine } from '../components/AckLine';
import { Field, StatusTag } from '../components/bits';
import { useCityState, useMay, useNow } from '../hooks';
import { useSubmitOnce } from '../submitOnce';
import { useConsole } from '../store/console';
import { useUi } from '../store/ui';
import { OutboxPanel } from './offline/OutboxPanel';
import { MyCards } from '../components/CardPanel';
import { ScreenLayout, SidePanel, type ScreenProps } from './common';

function OpenDisruption({ districtId }: { districtId: string }) {
  const uid = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const {
    submit: send,
    ack,
    busy,
  } = useSubmitOnce(`open:${districtId}`, {
    onSaved: () => {
      setTitle('');
      setDescription('');
    },
  });
  const may = useMay('event.open', { title: '–', area: { kind: 'district', id: districtId } });
  if (!may) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    send('event.open', {
      title,
      description,
      area: { kind: 'district', id: districtId },
    });
  };
  return (
    <details className="action">
      <summary>Öppna störning</summary>
      <form onSubmit={submit}>
        <Field label="Rubrik" id={`${uid}-t`}>
          <input
            id={`${uid}-t`}
            required
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </Field>
        <Field label="Beskrivning" id={`${uid}-d`}>
          <textarea
            id={`${uid}-d`}
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </Field>
        <AckLine ack={ack} okText="Störningen är öppnad." />
        <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy || undefined}>
          Öppna störning
        </button>
      </form>
    </details>
  );
}

/** District duty officer (TiB): the whole city visible, their own district to edit. */
export function OfficerScreen({ map }: ScreenProps) {
  const me = useConsole((s) => s.me);
  const state = useCityState();
  const now = useNow();
  const select = useUi((u) => u.selectDistrict);
  const own = me?.districtId;
  const v = own ? districtView(state, own, now) : null;
  const left = (
    <>
      <OutboxPanel />
      <MyCards />
      {v && (
        <section className="card own" aria-labelledby="own-h">
          <h2 id="own-h">Mitt område: {v.name}</h2>
          <p>
            <StatusTag status={v.status} />
          </p>
          <p className={v.overdue ? 'freshness is-overdue' : 'freshness'}>
            <Freshness v={v} />
          </p>
          <button type="button" className="btn-secondary" onClick={() => select(v.id)}>
            Rapportera för {v.name}
          </button>
          <OpenDisruption districtId={v.id} />
        </section>
      )}
      <EventList />
      <DistrictList />
    </>
  );
  return (
    <ScreenLayout
      label="TiB stadsdelsområde"
      map={map}
      left={left}
      right={<SidePanel defaultDistrictId={own} />}
    />
  );
}
