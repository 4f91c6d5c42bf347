/**
 * The CKL lead (stabschef): the four functions at a glance, the briefing cadence, what waits
 * for approval (situation reports, messages), consequence analyses to decide on, direction
 * decisions and the tasks (uppdrag) with the overdue ones first.
 */
import { useCallback, useState } from 'react';
import { CKL_FUNCTION_LABEL, type CklFunction } from '../../../../shared/domain/vocabulary';
import type { ConsequenceAnalysis } from '../../../../shared/domain/ckl';
import { decisionLog } from '../../../../shared/views';
import { functionStatus, nextBriefing, overdueTasks } from '../../../../shared/views/ckl';
import { useCityState, useMay, useNow } from '../../hooks';
import { dayTime } from '../../format';
import type { ScreenProps } from '../common';
import {
  Card,
  CklLayout,
  CmdForm,
  EventSelect,
  localIn,
  localToIso,
  SelectField,
  splitList,
  TextField,
  TimeField,
} from '../../components/kit';
import { SitrepCard } from './Sitrep';
import { MessageCard } from './InformationScreen';
import { NewTask, TaskList } from './Tasks';
import { SharePanel } from './SharePanel';
import { Icon } from '../../components/Icon';
import { ListField } from '../../components/formRows';
import { lookup } from '../../../../shared/domain/keyed';

function FunctionsOverview() {
  const state = useCityState();
  const now = useNow();
  const tasks = Object.values(state.tasks);
  const overdue = overdueTasks(state, now);
  return (
    <Card title="Funktionerna" testId="functions-overview">
      <ul className="plain">
        {functionStatus(state).map((f) => {
          const open = tasks.filter(
            (t) =>
              t.assignee.kind === 'function' &&
              t.assignee.fn === f.fn &&
              (t.status === 'open' || t.status === 'in_progress'),
          ).length;
          const late = overdue.filter(
            (t) => t.assignee.kind === 'function' && t.assignee.fn === f.fn,
          ).length;
          return (
            <li key={f.fn} className="fn-row">
              <a href={`#/${FN_ROUTE[f.fn]}`}>
                <strong>{CKL_FUNCTION_LABEL[f.fn]}</strong>
              </a>{' '}
              {f.active ? (
                <span className="tag badge-on">
                  <span aria-hidden="true">●</span> Aktiverad
                </span>
              ) : (
                <span className="tag badge-off">
                  <span aria-hidden="true">○</span> Inte aktiverad
                </span>
              )}{' '}
              <span className="muted">
                {open} öppna uppdrag
                {late > 0 && (
                  <span className="overdue">
                    {' '}
                    · <Icon name="warning" /> {late} försenade
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

export const FN_ROUTE: Record<CklFunction, string> = {
  liaison: 'samverkan',
  analysis: 'analys',
  information: 'information',
  admin: 'administration',
};

function Briefing() {
  const state = useCityState();
  const now = useNow();
  const b = state.ckl.briefing;
  const nb = nextBriefing(state, now);
  const maySet = useMay('ckl.setBriefing', { nextAt: new Date(Date.now() + 3.6e6).toISOString() });
  const [nextAt, setNextAt] = useState(localIn(60));
  const [interval, setInterval] = useState(String(b.intervalMinutes ?? 120));
  const [place, setPlace] = useState(b.place ?? '');
  const [summary, setSummary] = useState('');
  const [heldNext, setHeldNext] = useState('');
  const clearSummary = useCallback(() => setSummary(''), []);
  return (
    <Card title="Stabsgenomgång" testId="briefing">
      {nb.nextAt ? (
        <p className={nb.overdue ? 'overdue' : undefined}>
          Nästa: <strong>{dayTime(nb.nextAt)}</strong>
          {b.place ? ` · ${b.place}` : ''}
          {nb.overdue ? ' – FÖRSENAD' : ` (om ${nb.minutesUntil} min)`}
          {b.intervalMinutes ? ` · intervall ${b.intervalMinutes} min` : ''}
        </p>
      ) : (
        <p className="muted">Ingen stabsgenomgång planerad.</p>
      )}
      {b.lastHeldAt && (
        <p className="muted">
          Senast {dayTime(b.lastHeldAt)} (nr {b.count}): {b.lastSummary}
        </p>
      )}
      {maySet && (
        <>
          <CmdForm
            origin="briefing:set"
            title="Planera stabsgenomgång"
            submitLabel="Spara tiden"
            onSubmit={() => {
              const at = localToIso(nextAt);
              if (!at) return null;
              const iv = Number(interval);
              return {
                type: 'ckl.setBriefing',
                payload: {
                  nextAt: at,
                  ...(iv ? { intervalMinutes: iv } : {}),
                  ...(place.trim() ? { place } : {}),
                },
              };
            }}
          >
            <div className="row2">
              <TimeField label="Nästa genomgång" value={nextAt} onChange={setNextAt} required />
              <TextField
                label="Intervall (minuter)"
                value={interval}
                onChange={setInterval}
                hint="Tomt: ingen fast rytm"
              />
            </div>
            <TextField label="Plats" value={place} onChange={setPlace} />
          </CmdForm>
          <CmdForm
            origin="briefing:held"
            title="Genomgången är hållen"
            submitLabel="Registrera genomgången"
            onSaved={clearSummary}
            onSubmit={() =>
              summary.trim()
                ? {
                    type: 'ckl.recordBriefing',
                    payload: {
                      summary,
                      ...(localToIso(heldNext) ? { nextAt: localToIso(heldNext) } : {}),
                    },
                  }
                : null
            }
          >
            <TextField
              label="Sammanfattning"
              value={summary}
              onChange={setSummary}
              rows={3}
              required
            />
            <TimeField
              label="Nästa (tomt: enligt intervallet)"
              value={heldNext}
              onChange={setHeldNext}
            />
          </CmdForm>
        </>
      )}
    </Card>
  );
}

function Approvals() {
  const state = useCityState();
  const sitreps = Object.values(state.ckl.sitreps)
    .filter((r) => r.status === 'draft')
    .sort((a, b) => b.draftedAt.localeCompare(a.draftedAt));
  const messages = Object.values(state.ckl.messages)
    .filter((m) => m.status === 'draft')
    .sort((a, b) => b.draftedAt.localeCompare(a.draftedAt));
  return (
    <Card title={`Att godkänna (${sitreps.length + messages.length})`} testId="approvals">
      <h3>Lägesbilder</h3>
      {sitreps.length === 0 ? (
        <p className="muted">Ingen lägesbild väntar.</p>
      ) : (
        sitreps.map((r) => <SitrepCard key={r.id} r={r} />)
      )}
      <h3>Meddelanden</h3>
      {messages.length === 0 ? (
        <p className="muted">Inget meddelande väntar.</p>
      ) : (
        messages.map((m) => <MessageCard key={m.id} m={m} approvalOnly />)
      )}
    </Card>
  );
}

/** The direction decision, from scratch or from a consequence analysis's option. */
function DirectionForm({ analysis }: { analysis?: ConsequenceAnalysis }) {
  const [eventId, setEventId] = useState(analysis?.eventId ?? '');
  const [optionId, setOptionId] = useState(
    analysis?.recommendedOptionId ?? analysis?.options[0]?.id ?? '',
  );
  const [what, setWhat] = useState('');
  const [basis, setBasis] = useState(
    analysis ? `Konsekvensanalys: ${analysis.title}. ${analysis.consequences}`.slice(0, 600) : '',
  );
  const [informed, setInformed] = useState('Krisledningsnämndens ordförande, Stadsdirektören');
  const may = useMay('ckl.decideDirection', { eventId: 'x', basis: '–', what: '–', informed: [] });
  if (!may) return null;
  return (
    <CmdForm
      origin={`direction:${analysis?.id ?? 'new'}`}
      title={analysis ? 'Fatta inriktningsbeslut utifrån analysen' : 'Nytt inriktningsbeslut'}
      submitLabel="Besluta inriktning"
      okText="Inriktningsbeslutet är registrerat."
      onSubmit={() =>
        eventId && what.trim() && basis.trim()
          ? {
              type: 'ckl.decideDirection',
              payload: {
                eventId,
                ...(analysis ? { analysisId: analysis.id } : {}),
                ...(analysis && optionId ? { optionId } : {}),
                basis,
                what,
                informed: splitList(informed),
              },
            }
          : null
      }
    >
      {!analysis && <EventSelect fn="any" value={eventId} onChange={setEventId} />}
      {analysis && analysis.options.length > 0 && (
        <SelectField
          label="Alternativ"
          value={optionId}
          onChange={setOptionId}
          options={analysis.options.map(
            (o) =>
              [
                o.id,
                `${o.title}${o.id === analysis.recommendedOptionId ? ' (rekommenderas)' : ''}`,
              ] as const,
          )}
        />
      )}
      <TextField label="Inriktning" value={what} onChange={setWhat} rows={2} required />
      <TextField label="Beslutsunderlag" value={basis} onChange={setBasis} rows={2} required />
      <ListField label="Informerade" value={informed} onChange={setInformed} />
    </CmdForm>
  );
}

function Directions() {
  const state = useCityState();
  const analyses = Object.values(state.ckl.analyses).sort((a, b) => b.at.localeCompare(a.at));
  const decisions = decisionLog(state)
    .filter((d) => d.kind === 'direction')
    .slice(0, 8);
  return (
    <Card title="Inriktning" testId="directions">
      <DirectionForm />
      <h3>Konsekvensanalyser</h3>
      {analyses.length === 0 && <p className="muted">Ingen konsekvensanalys ännu.</p>}
      {analyses.map((a) => (
        <article key={a.id} className="item" data-testid="analysis">
          <h4>{a.title}</h4>
          <p className="item-meta">
            {lookup(state.events, a.eventId)?.title ?? a.eventId} · {dayTime(a.at)} av {a.by.name}
            {a.horizon ? ` · horisont ${a.horizon}` : ''}
          </p>
          <p className="basis">{a.consequences}</p>
          {a.options.length > 0 && (
            <ol className="options">
              {a.options.map((o) => (
                <li key={o.id}>
                  <strong>{o.title}</strong>
                  {o.id === a.recommendedOptionId && (
                    <span className="tag badge-on">
                      <span aria-hidden="true">★</span> Rekommenderas
                    </span>
                  )}
                  {o.description ? ` – ${o.description}` : ''}
                </li>
              ))}
            </ol>
          )}
          {a.decision ? (
            <p className="muted">
              <span aria-hidden="true">✓</span> Beslutad {dayTime(a.decision.at)}
              {a.decision.optionId
                ? `: ${a.options.find((o) => o.id === a.decision?.optionId)?.title ?? ''}`
                : ''}
            </p>
          ) : (
            <DirectionForm analysis={a} />
          )}
        </article>
      ))}
      <h3>Inriktningsbeslut</h3>
      {decisions.length === 0 ? (
        <p className="muted">Inga inriktningsbeslut.</p>
      ) : (
        <ol className="decisions">
          {decisions.map((d) => (
            <li key={d.id}>
              <span className="history-time">{dayTime(d.at)}</span> {d.what}{' '}
              <span className="muted">
                – {d.decidedBy.name}. Underlag: {d.basis}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

export function CklLeadScreen(_props: ScreenProps) {
  return (
    <CklLayout
      label="Stabschef"
      columns={[
        <>
          <FunctionsOverview />
          <Briefing />
          <Card title="Uppdrag" testId="tasks">
            <NewTask />
            <TaskList />
          </Card>
        </>,
        <>
          <Approvals />
          <SharePanel />
        </>,
        <Directions key="d" />,
      ]}
    />
  );
}
