import { useId, useState, type FormEvent } from 'react';
import type { CommandPayload } from '../../../shared/commands';
import {
  CRISIS_SUPPORT_LABEL,
  MARKER_KINDS,
  MARKER_KIND_LABEL,
  type MarkerKind,
} from '../../../shared/domain/vocabulary';
import {
  districtHistory,
  districtMarkers,
  districtView,
  districtViews,
  eventsForDistrict,
  formatAge,
  type DistrictView,
} from '../../../shared/views';
import { useCityState, useMay, useNow } from '../hooks';
import { useSubmitOnce } from '../submitOnce';
import { dayTime, hhmm } from '../format';
import { useUi } from '../store/ui';
import { AckLine } from './AckLine';
import { Field, LevelTag, StatusTag } from './bits';
import { ReportForm } from './ReportForm';
import { Icon } from './Icon';
import { AttachDetails, AttachForm, AttachmentList } from '../files/Attachments';
import { lookup } from '../../../shared/domain/keyed';
import { BusyButton } from './adminKit';

/** A payload that passes the schema, so the shared policy judges who, not what was typed. */
export const sampleReport = (
  districtId: string,
  now: string,
): CommandPayload<'district.report'> => ({
  districtId,
  basedOnReportId: null,
  nextReportDue: now,
  status: 'normal',
  happened: '–',
  crisisSupport: 'not_active',
});

export function Freshness({ v }: { v: DistrictView }) {
  if (v.ageMinutes === null) return <span className="muted">Ingen rapport ännu</span>;
  return (
    <span>
      Rapport för {formatAge(v.ageMinutes)} sedan
      {v.overdue ? (
        <strong className="overdue">
          {' '}
          <Icon name="warning" /> FÖRSENAD {formatAge(v.overdueMinutes)} (skulle kommit{' '}
          {hhmm(v.nextReportDue)})
        </strong>
      ) : v.nextReportDue ? (
        <span className="muted"> · nästa senast {hhmm(v.nextReportDue)}</span>
      ) : null}
    </span>
  );
}

/** Every district as a list: the keyboard and screen-reader way into the map. */
export function DistrictList() {
  const state = useCityState();
  const now = useNow();
  const selected = useUi((u) => u.selectedDistrictId);
  const select = useUi((u) => u.selectDistrict);
  const views = districtViews(state, now);
  return (
    <section className="card" aria-labelledby="districts-h">
      <h2 id="districts-h">Stadsdelsområden</h2>
      <ul className="district-list">
        {views.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className={`district-row${selected === v.id ? ' selected' : ''}${v.overdue ? ' is-overdue' : ''}`}
              aria-current={selected === v.id ? 'true' : undefined}
              onClick={() => select(v.id)}
              data-testid={`district-row-${v.id}`}
            >
              <span className="district-name">{v.name}</span>
              <StatusTag status={v.status} />
              <span className="district-age">
                {v.ageMinutes === null ? '–' : formatAge(v.ageMinutes)}
                {v.overdue && (
                  <strong className="overdue">
                    {' '}
                    <Icon name="warning" /> Försenad
                  </strong>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NoChangeButton({ districtId, hasReport }: { districtId: string; hasReport: boolean }) {
  const {
    submit: send,
    ack,
    busy,
  } = useSubmitOnce(`nochange:${districtId}`, {
    holdWhileQueued: true,
  });
  const state = useCityState();
  const latest = lookup(state.districts, districtId)?.latestReportId ?? null;
  return (
    <div className="nochange">
      <BusyButton
        className="btn-secondary"
        ready={hasReport}
        busy={busy}
        onClick={() =>
          send('district.confirmNoChange', {
            districtId,
            basedOnReportId: latest,
            nextReportDue: new Date(Date.now() + 60 * 60_000).toISOString(),
          })
        }
      >
        <span aria-hidden="true">✓</span> Inget nytt – bekräfta läget (nästa om 60 min)
      </BusyButton>
      <AckLine ack={ack} okText="Läget är bekräftat." />
    </div>
  );
}

function PlaceMarker({ districtId }: { districtId: string }) {
  const uid = useId();
  const [kind, setKind] = useState<MarkerKind>('incident');
  const [label, setLabel] = useState('');
  const placing = useUi((u) => u.placing);
  const startPlacing = useUi((u) => u.startPlacing);
  const {
    ack,
    submit: send,
    busy,
  } = useSubmitOnce(`marker:${districtId}`, {
    onSaved: () => setLabel(''),
  });
  const centre = useUi((u) => u.mapCenter);
  const active = placing?.districtId === districtId;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (active) return startPlacing(null);
    if (!label.trim()) return;
    startPlacing({ districtId, kind, label: label.trim() });
  };
  return (
    <form className="place-marker" onSubmit={submit} aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>Ny markering</h3>
      <div className="row2">
        <Field label="Typ" id={`${uid}-kind`}>
          <select
            id={`${uid}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as MarkerKind)}
          >
            {MARKER_KINDS.map((k) => (
              <option key={k} value={k}>
                {MARKER_KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Benämning" id={`${uid}-label`}>
          <input id={`${uid}-label`} value={label} onChange={(e) => setLabel(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className="btn-secondary" aria-pressed={active}>
        {active ? 'Avbryt placering' : 'Välj plats på kartan'}
      </button>
      {centre && !active && (
        <button
          type="button"
          className="btn-quiet"
          disabled={busy}
          onClick={() =>
            label.trim() &&
            send('marker.place', {
              kind,
              label: label.trim(),
              districtId,
              lat: Math.round(centre.lat * 1e6) / 1e6,
              lng: Math.round(centre.lng * 1e6) / 1e6,
            })
          }
        >
          Placera i kartans mittpunkt
        </button>
      )}
      {centre && !active && (
        <span className="hint">
          {' '}
          Utan mus: markera kartan, flytta den med piltangenterna tills platsen är i mitten.
        </span>
      )}
      {active && (
        <p className="hint" role="status">
          Klicka på kartan inom stadsdelsområdet för att placera markeringen.
        </p>
      )}
      <AckLine ack={ack} okText="Markeringen är sparad." />
    </form>
  );
}

function MarkerRow({ id }: { id: string }) {
  const state = useCityState();
  const m = lookup(state.markers, id);
  const mayRemove = useMay('marker.remove', { markerId: id });
  const { submit: send, ack } = useSubmitOnce(`marker-remove:${id}`);
  if (!m) return null;
  return (
    <li>
      <span className={`marker-kind mk-${m.kind}`}>{MARKER_KIND_LABEL[m.kind]}</span> {m.label}{' '}
      <span className="muted">
        ({m.placedBy.name}, {hhmm(m.at)})
      </span>
      {mayRemove && (
        <button
          type="button"
          className="btn-link"
          onClick={() => send('marker.remove', { markerId: id })}
          aria-label={`Ta bort markeringen ${m.label}`}
        >
          Ta bort
        </button>
      )}
      <AckLine ack={ack} okText="Borttagen." />
      <AttachmentList target="marker" targetId={id} />
      <AttachDetails target="marker" targetId={id} />
    </li>
  );
}

/** A district's panel: latest report, history, needs, crisis support, markers; and editing for its own officer. */
export function DistrictPanel({ districtId }: { districtId: string }) {
  const state = useCityState();
  const now = useNow();
  const v = districtView(state, districtId, now);
  const mayEdit = useMay('district.report', sampleReport(districtId, now));
  const history = districtHistory(state, districtId);
  const markers = districtMarkers(state, districtId);
  const events = eventsForDistrict(state, districtId);
  const r = v.latest;
  return (
    <section className="panel" aria-labelledby="district-h" data-testid="district-panel">
      <header className="panel-head">
        <h2 id="district-h">{v.name}</h2>
        <StatusTag status={v.status} />
      </header>
      <p className={v.overdue ? 'freshness is-overdue' : 'freshness'}>
        <Freshness v={v} />
      </p>
      {!mayEdit && (
        <p className="muted readonly-note">
          <Icon name="lock" /> Endast läsning – rapporteras av stadsdelsområdets TiB.
        </p>
      )}
      {r ? (
        <dl className="report">
          <dt>Vad har hänt</dt>
          <dd>{r.happened}</dd>
          <dt>Konsekvenser</dt>
          <dd>{r.consequences || '–'}</dd>
          <dt>Åtgärder</dt>
          <dd>{r.actions || '–'}</dd>
          <dt>Behov</dt>
          <dd className={r.needs ? 'needs' : undefined}>{r.needs || '–'}</dd>
          <dt>Krisstöd</dt>
          <dd>{CRISIS_SUPPORT_LABEL[r.crisisSupport]}</dd>
          <dt>Rapporterad</dt>
          <dd>
            {dayTime(r.at)} av {r.by.name}
            {r.noChange ? ' (inget nytt)' : ''}
          </dd>
        </dl>
      ) : (
        <p className="muted">Stadsdelsområdet har inte lämnat någon lägesrapport.</p>
      )}
      {r && <AttachmentList target="report" targetId={r.id} />}
      {r && <AttachForm target="report" targetId={r.id} />}
      {mayEdit && <NoChangeButton districtId={districtId} hasReport={!!r} />}
      {mayEdit && <ReportForm key={districtId} districtId={districtId} latest={r} />}
      {events.length > 0 && (
        <>
          <h3>Händelser som berör området</h3>
          <ul className="plain">
            {events.map((e) => (
              <li key={e.id}>
                <LevelTag level={e.level} /> {e.title}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Platser och incidenter ({markers.length})</h3>
      {markers.length ? (
        <ul className="plain markers">
          {markers.map((m) => (
            <MarkerRow key={m.id} id={m.id} />
          ))}
        </ul>
      ) : (
        <p className="muted">Inga markeringar.</p>
      )}
      {mayEdit && <PlaceMarker districtId={districtId} />}
      <h3>Rapporthistorik ({history.length})</h3>
      <ol className="history">
        {history.map((h) => (
          <li key={h.id}>
            <span className="history-time">{dayTime(h.at)}</span> <StatusTag status={h.status} />{' '}
            {h.noChange ? <em>Inget nytt</em> : h.happened}
            {h.id !== r?.id && <AttachmentList target="report" targetId={h.id} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
