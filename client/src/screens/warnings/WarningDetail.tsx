/**
 * One warning in full, and the step from warning to action (R139): open a disruption from it
 * (prefilled, keeping the source reference and link) or put it in an open event's log as
 * decision basis. Offered only where the shared policy lets this person do it.
 */
import { useId, useState } from 'react';
import {
  WARNING_LEVEL_LABEL,
  WARNING_SOURCE_LABEL,
  type WarningFeature,
  type WarningRef,
} from '../../../../shared/warnings';
import { countyLabel } from '../../../../shared/warnings/counties';
import { openEvents } from '../../../../shared/views';
import { dayTime } from '../../format';
import { useCityState, useCommand, useMay } from '../../hooks';
import { useConsole } from '../../store/console';
import { AckLine } from '../../components/AckLine';
import { Field } from '../../components/bits';
import { LevelBadge, NotRealMark } from './WarningList';
import type { CommandPayload } from '../../../../shared/commands';

export function refOf(f: WarningFeature): WarningRef {
  const p = f.properties;
  return { source: p.source, id: p.id, level: p.level, headline: p.headline, link: p.link };
}

function basisText(f: WarningFeature): string {
  const p = f.properties;
  return [
    `Beslutsunderlag: ${WARNING_LEVEL_LABEL[p.level]} från ${WARNING_SOURCE_LABEL[p.source]} – ${p.headline}`,
    p.notReal ? `(${p.notReal})` : '',
    p.onset || p.expires
      ? `Gäller ${dayTime(p.onset ?? undefined)}–${dayTime(p.expires ?? undefined)}.`
      : '',
    p.link ? `Källa: ${p.link}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function OpenDisruption({ f }: { f: WarningFeature }) {
  const me = useConsole((s) => s.me);
  const p = f.properties;
  const area = me?.districtId
    ? ({ kind: 'district', id: me.districtId } as const)
    : me?.unitId
      ? ({ kind: 'unit', id: me.unitId } as const)
      : ({ kind: 'central' } as const);
  const payload = {
    title: p.headline.slice(0, 200) || p.event,
    description: [
      `${WARNING_LEVEL_LABEL[p.level]} från ${p.sender}.`,
      p.notReal ?? '',
      p.description,
      p.link ? `Källa: ${p.link}` : '',
    ]
      .filter(Boolean)
      .join('\n\n')
      .slice(0, 4000),
    area,
    source: refOf(f),
  } satisfies CommandPayload<'event.open'>;
  const may = useMay('event.open', payload);
  const { send, ack } = useCommand(`warning-open:${f.id}`);
  if (!may) return null;
  return (
    <div className="warning-action">
      <button type="button" className="btn-primary" onClick={() => send('event.open', payload)}>
        Öppna störning från varningen
      </button>
      <AckLine ack={ack} okText="Störningen är öppnad med varningen som källa." />
    </div>
  );
}

function AddToLog({ f }: { f: WarningFeature }) {
  const uid = useId();
  const state = useCityState();
  const events = openEvents(state);
  const [eventId, setEventId] = useState('');
  const chosen = eventId || events[0]?.id || '';
  const payload = {
    eventId: chosen,
    text: basisText(f).slice(0, 4000),
    source: refOf(f),
  } satisfies CommandPayload<'log.write'>;
  const may = useMay('log.write', payload);
  const { send, ack } = useCommand(`warning-log:${f.id}`);
  if (!may || events.length === 0) return null;
  return (
    <form
      className="warning-action"
      onSubmit={(e) => {
        e.preventDefault();
        send('log.write', payload);
      }}
    >
      <Field label="Händelse" id={`${uid}-e`}>
        <select id={`${uid}-e`} value={chosen} onChange={(e) => setEventId(e.target.value)}>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">Lägg i händelsens logg som beslutsunderlag</button>
      <AckLine ack={ack} okText="Varningen finns nu i händelsens logg." />
    </form>
  );
}

export function WarningDetail({ f, exercise }: { f: WarningFeature; exercise: boolean }) {
  const p = f.properties;
  return (
    <section className="card warning-detail" aria-labelledby="wd-h" data-testid="warning-detail">
      <NotRealMark f={f} />
      <h2 id="wd-h">{p.headline}</h2>
      <p>
        <LevelBadge f={f} /> {WARNING_SOURCE_LABEL[p.source]}
        {p.sender && p.sender !== WARNING_SOURCE_LABEL[p.source] ? ` · ${p.sender}` : ''}
      </p>
      <dl className="facts">
        <dt>Händelse</dt>
        <dd>{p.event}</dd>
        <dt>Gäller</dt>
        <dd>
          {p.onset ? dayTime(p.onset) : 'nu'} – {p.expires ? dayTime(p.expires) : 'tills vidare'}
        </dd>
        <dt>Område</dt>
        <dd>
          {[...p.areaNames, ...(f.geometry ? [] : p.counties.map(countyLabel))].join(', ') || '–'}
          {f.geometry ? '' : ' (inget område på kartan)'}
        </dd>
        <dt>Publicerad</dt>
        <dd>{dayTime(p.published ?? undefined)}</dd>
      </dl>
      {p.description && <p className="warning-text">{p.description}</p>}
      {p.link && (
        <p>
          <a href={p.link} target="_blank" rel="noopener noreferrer">
            Källan: {new URL(p.link).host}
          </a>
        </p>
      )}
      {!exercise || p.id.startsWith('ovning-') ? (
        <>
          <h3>Från varning till åtgärd</h3>
          <OpenDisruption f={f} />
          <AddToLog f={f} />
        </>
      ) : null}
    </section>
  );
}
