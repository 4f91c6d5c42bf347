/**
 * The analysis function: the joint situation picture compiled from the districts' and units'
 * latest reports (fresh, stale, missing), a situation report drafted from it in versions for
 * the lead to approve, and consequence analyses with options the lead can decide on.
 */
import { useCallback, useState } from 'react';
import { DISTRICT_STATUS_LABEL } from '../../../../shared/domain/vocabulary';
import type { CityState } from '../../../../shared/domain/state';
import { formatAge } from '../../../../shared/views';
import {
  compileSituationPicture,
  type PictureDistrict,
  type SituationPicture,
} from '../../../../shared/views/ckl';
import { StatusTag } from '../../components/bits';
import { DataTable } from '../../components/tables';
import { useCityState, useMay, useNow } from '../../hooks';
import { dayTime, hhmm } from '../../format';
import type { ScreenProps } from '../common';
import {
  Card,
  CklLayout,
  CmdForm,
  EventSelect,
  FunctionStatusLine,
  SelectField,
  TextField,
} from '../../components/kit';
import { SitrepCard } from './Sitrep';
import { FunctionTasks } from './Tasks';
import { SharePanel } from './SharePanel';
import { CommandForm } from '../../components/CommandForm';
import { Icon } from '../../components/Icon';
import { lookup } from '../../../../shared/domain/keyed';

const FRESH_LABEL = {
  fresh: ['●', 'Aktuell'],
  stale: [<Icon key="stale" name="warning" />, 'Inaktuell'],
  missing: ['?', 'Saknas'],
} as const;

function Freshness({ state }: { state: 'fresh' | 'stale' | 'missing' }) {
  const [sym, word] = FRESH_LABEL[state];
  return (
    <span className={`tag badge-fresh-${state}`}>
      <span aria-hidden="true">{sym}</span> {word}
    </span>
  );
}

/** What every row of the picture tells after whose report it is. */
const REPORT_COLUMNS = ['Status', 'Rapport', 'Behov'];

function PictureTable({ pic }: { pic: SituationPicture }) {
  const [all, setAll] = useState(false);
  const rows = pic.districts.filter((d) => all || d.affected || d.reportId);
  const hidden = pic.districts.length - rows.length;
  return (
    <>
      <DataTable
        testId="picture-districts"
        caption="Stadsdelsområdenas senaste rapporter"
        columns={['Stadsdelsområde', ...REPORT_COLUMNS]}
      >
        {rows.map((d) => (
          <PictureRow key={d.districtId} d={d} />
        ))}
      </DataTable>
      {hidden > 0 && (
        <button type="button" className="btn-link" onClick={() => setAll(true)}>
          Visa även {hidden} opåverkade stadsdelsområden utan rapport
        </button>
      )}
      {pic.units.length > 0 && (
        <DataTable
          testId="picture-units"
          caption="Förvaltningarnas och bolagens senaste rapporter"
          columns={['Förvaltning/bolag', ...REPORT_COLUMNS]}
        >
          {pic.units.map((u) => (
            <tr key={u.unitId} className={`fresh-${u.state}`}>
              <th scope="row">
                {u.name}
                {u.affected && <span className="muted small"> · berörd</span>}
              </th>
              <td>{u.report ? <StatusTag status={u.report.status} /> : '–'}</td>
              <td>
                <Freshness state={u.state} />{' '}
                {u.ageMinutes !== undefined && (
                  <span className="muted small">{formatAge(u.ageMinutes)} sedan</span>
                )}
              </td>
              <td>{u.report?.needs || '–'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

function PictureRow({ d }: { d: PictureDistrict }) {
  return (
    <tr className={`fresh-${d.state}`} data-testid={`picture-${d.districtId}`}>
      <th scope="row">
        {d.name}
        {d.affected && <span className="muted small"> · berört</span>}
      </th>
      <td>{d.status ? <StatusTag status={d.status} /> : '–'}</td>
      <td>
        <Freshness state={d.state} />{' '}
        {d.ageMinutes !== undefined && (
          <span className="muted small">
            {formatAge(d.ageMinutes)} sedan · nästa {hhmm(d.nextReportDue)}
          </span>
        )}
      </td>
      <td>{d.needs || '–'}</td>
    </tr>
  );
}

function Picture({ pic }: { pic: SituationPicture }) {
  const state = useCityState();
  const name = (id: string) =>
    lookup(state.districts, id)?.name ?? pic.units.find((u) => u.unitId === id)?.name ?? id;
  return (
    <Card title="Samlad lägesbild just nu" testId="picture">
      <p>
        Värsta läge: <StatusTag status={pic.worstStatus} /> · {pic.openEvents.length} öppna
        händelser · sammanställd {hhmm(pic.at)}
      </p>
      {pic.stale.length > 0 && (
        <p className="notice">
          <Icon name="warning" /> Inaktuella rapporter: {pic.stale.map(name).join(', ')}
        </p>
      )}
      {pic.missing.length > 0 && (
        <p className="notice">
          <span aria-hidden="true">?</span> Rapport saknas från berörda:{' '}
          {pic.missing.map(name).join(', ')}
        </p>
      )}
      <PictureTable pic={pic} />
    </Card>
  );
}

/** The draft text the function starts from: the reports' words, never invented ones. */
export function prefillFromPicture(
  state: CityState,
  pic: SituationPicture,
  eventId: string,
): { title: string; situation: string; consequences: string; needs: string } {
  const e = eventId ? lookup(state.events, eventId) : undefined;
  const inScope = (id: string) => !e || e.affectedDistrictIds.includes(id);
  const ds = pic.districts.filter((d) => d.reportId && inScope(d.districtId));
  const situation = ds
    .map(
      (d) =>
        `${d.name} (${DISTRICT_STATUS_LABEL[d.status ?? 'normal'].toLowerCase()}, ${hhmm(d.reportedAt)}${d.state === 'stale' ? ', inaktuell' : ''}): ${d.happened ?? ''}`,
    )
    .join('\n');
  const missing = pic.districts
    .filter((d) => d.state === 'missing' && d.affected && inScope(d.districtId))
    .map((d) => d.name);
  const needs = ds.filter((d) => d.needs).map((d) => `${d.name}: ${d.needs}`);
  for (const u of pic.units) if (u.report?.needs) needs.push(`${u.name}: ${u.report.needs}`);
  return {
    title: `Samlad lägesbild ${e ? e.title : 'Stockholms stad'} ${hhmm(pic.at)}`,
    situation: situation + (missing.length ? `\nRapport saknas från: ${missing.join(', ')}.` : ''),
    consequences: '',
    needs: needs.join('\n'),
  };
}

function DraftSitrep({ pic }: { pic: SituationPicture }) {
  const state = useCityState();
  const [eventId, setEventId] = useState('');
  const [title, setTitle] = useState('');
  const [situation, setSituation] = useState('');
  const [forecast, setForecast] = useState('');
  const [consequences, setConsequences] = useState('');
  const [needs, setNeeds] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const fill = () => {
    const p = prefillFromPicture(state, pic, eventId);
    setTitle(p.title);
    setSituation(p.situation);
    setNeeds(p.needs);
  };
  const reset = useCallback(() => {
    setTitle('');
    setSituation('');
    setForecast('');
    setConsequences('');
    setNeeds('');
    setRecommendations('');
  }, []);
  const may = useMay('analysis.draftSitrep', { title: '–', situation: '–' });
  if (!may) return null;
  return (
    <CmdForm
      origin="sitrep:new"
      title="Skriv ny version av lägesbilden"
      submitLabel="Skicka till stabschefen för godkännande"
      okText="Lägesbilden väntar på stabschefens godkännande."
      onSaved={reset}
      testId="draft-sitrep"
      open
      onSubmit={() =>
        title.trim() && situation.trim()
          ? {
              type: 'analysis.draftSitrep',
              payload: {
                ...(eventId ? { eventId } : {}),
                title,
                situation,
                forecast,
                consequences,
                needs,
                recommendations,
              },
            }
          : null
      }
    >
      <EventSelect
        fn="analysis"
        value={eventId}
        onChange={setEventId}
        optional
        autoFirst
        label="Gäller händelse (tomt: hela staden)"
      />
      <button type="button" className="btn-secondary" onClick={fill}>
        Hämta från rapporterna
      </button>
      <TextField label="Rubrik" value={title} onChange={setTitle} required />
      <TextField label="Läge" value={situation} onChange={setSituation} rows={5} required />
      <TextField label="Prognos" value={forecast} onChange={setForecast} rows={2} />
      <TextField label="Konsekvenser" value={consequences} onChange={setConsequences} rows={2} />
      <TextField label="Behov" value={needs} onChange={setNeeds} rows={3} />
      <TextField
        label="Rekommendation till ledningen"
        value={recommendations}
        onChange={setRecommendations}
        rows={2}
      />
    </CmdForm>
  );
}

function Versions() {
  const state = useCityState();
  const list = Object.values(state.ckl.sitreps).sort((a, b) =>
    b.draftedAt.localeCompare(a.draftedAt),
  );
  return (
    <Card title="Lägesbildens versioner" testId="sitrep-versions">
      {list.length === 0 ? (
        <p className="muted">Ingen version skriven ännu.</p>
      ) : (
        list.map((r, i) => <SitrepCard key={r.id} r={r} compact={i > 0} />)
      )}
    </Card>
  );
}

function Consequences() {
  const state = useCityState();
  const [eventId, setEventId] = useState('');
  const [title, setTitle] = useState('');
  const [consequences, setConsequences] = useState('');
  const [horizon, setHorizon] = useState('24 timmar');
  const [options, setOptions] = useState(['', '', '']);
  const [recommended, setRecommended] = useState('0');
  const reset = useCallback(() => {
    setTitle('');
    setConsequences('');
    setOptions(['', '', '']);
  }, []);
  const list = Object.values(state.ckl.analyses).sort((a, b) => b.at.localeCompare(a.at));
  const filled = options.map((o, i) => [String(i), o] as const).filter(([, o]) => o.trim());
  return (
    <Card title="Konsekvensanalyser" testId="consequences">
      <CommandForm
        type="analysis.recordConsequences"
        probe={{ eventId: 'x', title: '–', consequences: '–' }}
        origin="analysis:new"
        title="Ny konsekvensanalys med handlingsalternativ"
        submitLabel="Spara analysen"
        onSaved={reset}
        send={() => {
          if (!eventId || !title.trim() || !consequences.trim()) return null;
          const opts = options.filter((o) => o.trim());
          const idx = filled.findIndex(([i]) => i === recommended);
          return {
            eventId,
            title,
            consequences,
            horizon,
            options: opts.map((t) => ({ title: t, description: '' })),
            ...(idx >= 0 ? { recommended: idx } : {}),
          };
        }}
      >
        <EventSelect fn="analysis" value={eventId} onChange={setEventId} />
        <TextField label="Rubrik" value={title} onChange={setTitle} required />
        <TextField
          label="Konsekvenser"
          value={consequences}
          onChange={setConsequences}
          rows={3}
          required
        />
        <TextField label="Tidshorisont" value={horizon} onChange={setHorizon} />
        <fieldset>
          <legend>Handlingsalternativ</legend>
          {options.map((o, i) => (
            <TextField
              key={i}
              label={`Alternativ ${i + 1}`}
              value={o}
              onChange={(v) => setOptions((cur) => cur.map((x, j) => (j === i ? v : x)))}
            />
          ))}
        </fieldset>
        {filled.length > 0 && (
          <SelectField
            label="Rekommenderat alternativ"
            value={recommended}
            onChange={setRecommended}
            options={[['none', '(ingen rekommendation)'] as const, ...filled]}
          />
        )}
      </CommandForm>
      {list.length === 0 && <p className="muted">Ingen konsekvensanalys ännu.</p>}
      <ul className="plain">
        {list.map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong>{' '}
            <span className="muted">
              · {dayTime(a.at)} · {a.options.length} alternativ
            </span>{' '}
            {a.decision ? (
              <span className="tag badge-on">
                <span aria-hidden="true">✓</span> Beslutad
              </span>
            ) : (
              <span className="tag">Väntar på inriktningsbeslut</span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function AnalysisScreen(_props: ScreenProps) {
  const state = useCityState();
  const now = useNow(30_000);
  const pic = compileSituationPicture(state, now);
  return (
    <CklLayout
      label="Analysfunktionen"
      head={<FunctionStatusLine fn="analysis" />}
      columns={[
        <>
          <Picture pic={pic} />
          <Versions />
        </>,
        <Card key="n" title="Ny lägesbild">
          <DraftSitrep pic={pic} />
        </Card>,
        <>
          <FunctionTasks fn="analysis" />
          <Consequences />
          <SharePanel />
        </>,
      ]}
    />
  );
}
