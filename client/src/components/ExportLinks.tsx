/**
 * Links to the exports (server/export): the after-action report (utvärdering) of an event or
 * of the whole space, and the situation report. Plain links: the browser opens the printable
 * page or downloads the file with the session cookie, and the server decides what this person
 * may read (R68, R18).
 */
import { reportUrl, situationUrl, type ReportFormat } from '../api';
import { dayTime } from '../format';
import { useCityState } from '../hooks';
import { useConsole } from '../store/console';
import { Icon } from './Icon';

const REPORT_FORMATS: readonly (readonly [ReportFormat, string])[] = [
  ['html', 'Utskriftssida'],
  ['pdf', 'PDF'],
  ['json', 'Rapport (JSON)'],
  ['log', 'Logg (JSON)'],
  ['csv', 'Logg (CSV)'],
];
const SITUATION_FORMATS = [
  ['html', 'Utskriftssida'],
  ['pdf', 'PDF'],
  ['geojson', 'Karta (GeoJSON)'],
] as const;

/** "Open in a new tab" for pages, "download" for files, said in words as well. */
function ExportLink({ href, label, page }: { href: string; label: string; page: boolean }) {
  return page ? (
    <a href={href} target="_blank" rel="noopener">
      {label} <span className="sr-only">(öppnas i en ny flik)</span>
    </a>
  ) : (
    <a href={href} download>
      {label} <span className="sr-only">(laddas ned)</span>
    </a>
  );
}

export function ReportLinks({ eventId, space }: { eventId?: string; space?: string }) {
  const current = useConsole((s) => s.currentSpace);
  const sp = space ?? current;
  return (
    <ul className="export-links" aria-label="Utvärdering (efterhandsrapport)">
      {REPORT_FORMATS.map(([f, label]) => (
        <li key={f}>
          <ExportLink href={reportUrl(sp, f, eventId)} label={label} page={f === 'html'} />
        </li>
      ))}
    </ul>
  );
}

export function SituationLinks({ space }: { space?: string }) {
  const current = useConsole((s) => s.currentSpace);
  const sp = space ?? current;
  return (
    <ul className="export-links" aria-label="Lägesrapport">
      {SITUATION_FORMATS.map(([f, label]) => (
        <li key={f}>
          <ExportLink href={situationUrl(sp, f)} label={label} page={f === 'html'} />
        </li>
      ))}
    </ul>
  );
}

/** The event page's exports: its after-action report, and a note when evaluation is due. */
export function EventExports({ eventId }: { eventId: string }) {
  const state = useCityState();
  const e = state.events[eventId];
  if (!e) return null;
  const evaluation = e.evaluationId ? state.evaluations[e.evaluationId] : undefined;
  return (
    <section className="exports" aria-labelledby={`exp-${eventId}`} data-testid="event-exports">
      <h3 id={`exp-${eventId}`}>Utvärdering och export</h3>
      {evaluation?.status === 'to_do' && (
        <p className="notice" data-testid="evaluation-due">
          <span aria-hidden="true">☐</span> Utvärdering ska göras (CKL var aktiverad). Underlag:
          efterhandsrapporten nedan.
        </p>
      )}
      {evaluation?.status === 'done' && (
        <p className="muted">
          <Icon name="checked" /> Utvärderad {dayTime(evaluation.doneAt)}.
        </p>
      )}
      <p className="export-caption">Efterhandsrapport för händelsen:</p>
      <ReportLinks eventId={eventId} />
      <p className="export-caption">
        <a href={`#/replay?event=${encodeURIComponent(eventId)}`}>Spela upp händelsen på kartan</a>
      </p>
    </section>
  );
}

/** The leadership screens' exports: the situation report and the whole log. */
export function SituationExports() {
  const closed = useCityState();
  const done = Object.values(closed.events).filter((e) => e.status === 'closed');
  return (
    <section className="card" aria-labelledby="exports-h" data-testid="situation-exports">
      <h2 id="exports-h">Rapporter och export</h2>
      <p className="export-caption">Lägesrapport (nuvarande läge):</p>
      <SituationLinks />
      {done.length > 0 && (
        <>
          <h3>Avslutade händelser</h3>
          <ul className="plain closed-events">
            {done.map((e) => {
              const ev = e.evaluationId ? closed.evaluations[e.evaluationId] : undefined;
              return (
                <li key={e.id}>
                  <strong>{e.title}</strong>{' '}
                  <span className="muted">
                    avslutad {dayTime(e.closedAt)}
                    {ev?.status === 'to_do' ? ' · utvärdering att göra' : ''}
                    {ev?.status === 'done' ? ' · utvärderad' : ''}
                  </span>
                  <ReportLinks eventId={e.id} />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
