/**
 * Printable pages, rendered on the server. CSP-safe: no scripts and no inline styles; the
 * style sheet is a static file (/export/report.css), inlined only for the PDF renderer.
 */
import type { AfterActionReport, Measure } from '../../shared/report/afterAction';
import type { CityState } from '../../shared/domain/state';
import {
  CRISIS_SUPPORT_LABEL,
  DISTRICT_STATUS_LABEL,
  HEIGHTENED_ALERT_LABEL,
  LEVEL_LABEL,
  MARKER_KIND_LABEL,
  CKL_FUNCTION_LABEL,
  type CklFunction,
} from '../../shared/domain/vocabulary';
import { EXERCISE_MARK, isExerciseSpace } from '../../shared/domain/exercise';
import { MESSAGE_CHANNEL_LABEL } from '../../shared/exercise/scenario';
import { lookup, present } from '../../shared/domain/keyed';

export const esc = (s: unknown): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const TZ = 'Europe/Stockholm';
const dtf = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const tf = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
export const fmtTime = (iso?: string): string => (iso ? dtf.format(new Date(iso)) : '–');
const fmtClock = (iso?: string): string => (iso ? tf.format(new Date(iso)) : '–');

/** "1 h 05 min", "12 min", "40 s". */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

interface PageOpts {
  /** Link to the static style sheet (served pages); left out for the PDF renderer. */
  cssHref?: string;
  exercise: boolean;
}

function page(title: string, body: string, opts: PageOpts & { bands?: boolean }): string {
  const mark =
    opts.exercise && opts.bands !== false
      ? `<div class="exercise-mark" role="note">${EXERCISE_MARK} – ${EXERCISE_MARK} – ${EXERCISE_MARK}</div>`
      : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.exercise ? `${EXERCISE_MARK}: ${title}` : title)}</title>
${opts.cssHref ? `<link rel="stylesheet" href="${esc(opts.cssHref)}">` : ''}
</head>
<body class="${opts.exercise ? 'is-exercise' : ''}">
${mark}
<main>
${body}
</main>
${mark}
</body>
</html>
`;
}

const table = (head: string[], rows: string[][], cls = ''): string =>
  rows.length === 0
    ? '<p class="empty">Inget att redovisa.</p>'
    : `<table class="${cls}"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const measureRow = (m: Measure) => [
  esc(m.label),
  m.valueMs === null ? '<span class="muted">inträffade inte</span>' : esc(fmtDuration(m.valueMs)),
  esc(m.note ?? ''),
];

export function renderAfterActionHtml(r: AfterActionReport, opts: { cssHref?: string }): string {
  const parts: string[] = [];
  parts.push(`<header class="doc-head">
<p class="kicker">Stockholms stad · Lägesbild · ${esc(r.subtitle)}</p>
<h1>Utvärdering: ${esc(r.title)}</h1>
<dl class="facts">
<div><dt>Period</dt><dd>${esc(fmtTime(r.period.from))} – ${esc(fmtTime(r.period.to))}</dd></div>
<div><dt>Underlag</dt><dd>${r.eventCount} händelser i loggen (${esc(r.space)})</dd></div>
<div><dt>Framtagen</dt><dd>${esc(fmtTime(r.generatedAt))}</dd></div>
${r.exercise ? `<div><dt>Övningsledare</dt><dd>${esc(r.exercise.leader)}</dd></div>${r.exercise.timeScale !== 1 ? `<div><dt>Tidskomprimering</dt><dd>${r.exercise.timeScale}×</dd></div>` : ''}` : ''}
</dl>
</header>`);

  if (r.exercise?.objectives.length)
    parts.push(
      `<section><h2>Övningsmål</h2><ul>${r.exercise.objectives.map((o) => `<li>${esc(o)}</li>`).join('')}</ul></section>`,
    );

  parts.push('<section><h2>Mått</h2>');
  if (r.events.length === 0) parts.push('<p class="empty">Ingen händelse öppnades.</p>');
  for (const ev of r.events) {
    parts.push(`<h3>${esc(ev.title)} <span class="level level-${ev.highestLevel}">${esc(LEVEL_LABEL[ev.highestLevel])}</span></h3>
<p class="muted">Öppnad ${esc(fmtTime(ev.openedAt))}${ev.closedAt ? `, avslutad ${esc(fmtTime(ev.closedAt))}` : ', pågår'}</p>`);
    parts.push(table(['Mått', 'Tid', 'Kommentar'], ev.measures.map(measureRow), 'measures'));
    const staffed = ev.staffing.filter((s) => s.activatedAt);
    if (staffed.length)
      parts.push(
        `<h4>Bemanning av CKL-funktioner</h4>${table(
          ['Funktion', 'Aktiverad', 'Bemannad', 'Tid till bemanning', 'Av'],
          staffed.map((s) => [
            esc(CKL_FUNCTION_LABEL[s.fn as CklFunction]),
            esc(fmtClock(s.activatedAt)),
            esc(fmtClock(s.staffedAt)),
            s.afterMs === null
              ? '<span class="warn">ej bemannad</span>'
              : esc(fmtDuration(s.afterMs)),
            esc(s.staffedBy ?? ''),
          ]),
        )}<p class="note">Bemannad = första åtgärd i loggen av någon i funktionens roll (eller ett ja-svar på larm) efter aktiveringen.</p>`,
      );
  }
  parts.push('</section>');

  parts.push(
    `<section><h2>Tidslinje: nivåer och beslut</h2>${table(
      ['Tid', 'Vad', 'Vem', 'Underlag'],
      r.timeline.map((t) => [
        `<span class="nowrap">${esc(fmtTime(t.at))}</span>`,
        `<span class="tl tl-${t.kind}">${esc(t.text)}</span>`,
        esc(t.by),
        esc(t.basis ?? ''),
      ]),
      'timeline',
    )}</section>`,
  );

  if (r.injects)
    parts.push(
      `<section><h2>Injects</h2>${table(
        ['Planerad', 'Typ', 'Inject', 'Status', 'Spelad'],
        r.injects.map((i) => [
          esc(i.planned),
          esc(i.kind),
          `${esc(i.title)}${i.live ? ' <span class="muted">(tillagd under övningen)</span>' : ''}`,
          esc({ pending: 'Ej spelad', delivered: 'Spelad', skipped: 'Överhoppad' }[i.status]),
          esc(fmtClock(i.deliveredAt)),
        ]),
      )}</section>`,
    );

  if (r.alarms)
    parts.push(
      `<section><h2>Larm och svar</h2>${r.alarms
        .map(
          (a) =>
            `<h3>${esc(a.label)}</h3><p class="muted">Larmat ${esc(fmtTime(a.startedAt))}; ${a.alarmed.length} larmade, ${a.responses.length} svar.</p>${table(
              ['Vem', 'Svar', 'Tid', 'Svarstid'],
              a.responses.map((x) => [
                esc(x.who),
                esc(x.response),
                esc(fmtClock(x.at)),
                esc(fmtDuration(x.afterMs)),
              ]),
            )}${a.noAnswer.length ? `<p class="warn">Inget svar: ${esc(a.noAnswer.join(', '))}</p>` : ''}`,
        )
        .join('')}</section>`,
    );

  parts.push(
    `<section><h2>Stadsdelsområdenas rapportering</h2>${table(
      ['Område', 'Rapporter', 'Första', 'Senaste', 'Värsta läge', 'Längsta glapp', 'Försenade'],
      r.districts.map((d) => [
        esc(d.name),
        `${d.reports}${d.noChange ? ` <span class="muted">(${d.noChange} inget nytt)</span>` : ''}`,
        esc(fmtClock(d.firstAt)),
        esc(fmtClock(d.lastAt)),
        esc(d.worstStatus ?? '–'),
        esc(fmtDuration(d.longestGapMs)),
        d.overdueCount
          ? `<span class="warn">${d.overdueCount} (${esc(fmtDuration(d.overdueMs))})</span>`
          : '0',
      ]),
    )}</section>`,
  );

  parts.push(
    `<section><h2>Uppdrag</h2>${table(
      ['Uppdrag', 'Till', 'Givet', 'Status', 'Klart', 'Tid', 'Tidsfrist'],
      r.tasks.map((t) => [
        esc(t.title),
        esc(t.assignee),
        esc(fmtClock(t.createdAt)),
        esc(
          { open: 'Öppet', in_progress: 'Pågår', done: 'Klart', cancelled: 'Avbrutet' }[t.status] ??
            t.status,
        ),
        esc(fmtClock(t.doneAt)),
        esc(fmtDuration(t.durationMs)),
        t.deadline
          ? `${esc(fmtClock(t.deadline))}${t.late ? ' <span class="warn">försenat</span>' : ''}`
          : '–',
      ]),
    )}</section>`,
  );

  if (r.costs)
    parts.push(
      `<section><h2>Kostnader</h2>${table(
        ['Tid', 'Vad', 'Belopp'],
        r.costs.rows.map((c) => [
          esc(fmtTime(c.at)),
          esc(c.text),
          `<span class="num">${esc(c.amount.toLocaleString('sv-SE'))} ${esc(c.currency)}</span>`,
        ]),
      )}<p>Summa: ${Object.entries(r.costs.totals)
        .map(([cur, n]) => `${esc(n.toLocaleString('sv-SE'))} ${esc(cur)}`)
        .join(', ')}</p></section>`,
    );

  if (r.evaluations.length)
    parts.push(
      `<section><h2>Utvärderingar</h2><ul>${r.evaluations
        .map((e) => `<li>${esc(e.status)}${e.summary ? `: ${esc(e.summary)}` : ''}</li>`)
        .join('')}</ul></section>`,
    );

  parts.push(
    `<section class="log"><h2>Loggen</h2>${table(
      ['Nr', 'Tid', 'Vem', 'Händelse'],
      r.log.map((l) => [
        String(l.seq),
        `<span class="nowrap">${esc(fmtTime(l.at))}</span>`,
        esc(l.by),
        esc(l.text),
      ]),
      'log-table',
    )}</section>`,
  );
  return page(`Utvärdering: ${r.title}`, parts.join('\n'), {
    cssHref: opts.cssHref,
    exercise: r.isExercise,
    bands: opts.cssHref !== undefined,
  });
}

/** The current situation picture (lägesbild) as a printable page. */
export function renderSituationHtml(
  s: CityState,
  opts: { cssHref?: string; generatedAt: string },
): string {
  const exercise = isExerciseSpace(s.space);
  const open = Object.values(s.events)
    .filter((e) => e.status === 'open')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const parts: string[] = [];
  parts.push(`<header class="doc-head">
<p class="kicker">Stockholms stad · Lägesbild${exercise && s.exercise.control ? ` · ${EXERCISE_MARK}: ${esc(s.exercise.control.name)}` : ''}</p>
<h1>Lägesbild ${esc(fmtTime(opts.generatedAt))}</h1>
<dl class="facts">
<div><dt>Pågående händelser</dt><dd>${open.length}</dd></div>
<div><dt>Krisledningsnämnden</dt><dd>${s.boardInFunction ? 'I funktion' : 'Ej i funktion'}</dd></div>
<div><dt>Beredskap</dt><dd>${esc(HEIGHTENED_ALERT_LABEL[s.heightenedAlert.level])}</dd></div>
</dl>
</header>`);
  parts.push(
    `<section><h2>Händelser</h2>${
      open.length === 0
        ? '<p class="empty">Inga pågående händelser.</p>'
        : open
            .map((e) => {
              const fns = Object.keys(e.ckl) as CklFunction[];
              return `<article class="event"><h3>${esc(e.title)} <span class="level level-${e.level}">${esc(LEVEL_LABEL[e.level])}</span></h3>
<p>${esc(e.description)}</p>
<p class="muted">Öppnad ${esc(fmtTime(e.openedAt))} av ${esc(e.openedBy.name)}. Berör: ${esc(
                e.affectedDistrictIds.map((d) => lookup(s.districts, d)?.name ?? d).join(', ') ||
                  '–',
              )}. CKL: ${esc(fns.length ? fns.map((f) => CKL_FUNCTION_LABEL[f]).join(', ') : 'ej aktiverad')}.</p></article>`;
            })
            .join('')
    }</section>`,
  );
  const now = opts.generatedAt;
  parts.push(
    `<section><h2>Stadsdelsområden</h2>${table(
      ['Område', 'Läge', 'Senast bekräftad', 'Nästa rapport', 'Vad har hänt', 'Behov', 'Krisstöd'],
      Object.values(s.districts)
        .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
        .map((d) => {
          const rep = d.latestReportId ? lookup(s.reports, d.latestReportId) : undefined;
          const overdue = d.nextReportDue !== undefined && d.nextReportDue < now;
          return [
            esc(d.name),
            rep
              ? `<span class="status status-${rep.status}">${esc(DISTRICT_STATUS_LABEL[rep.status])}</span>`
              : '<span class="muted">ingen rapport</span>',
            esc(fmtTime(d.confirmedAt)),
            d.nextReportDue
              ? `${esc(fmtClock(d.nextReportDue))}${overdue ? ' <span class="warn">försenad</span>' : ''}`
              : '–',
            esc(rep?.happened ?? ''),
            esc(rep?.needs ?? ''),
            esc(rep ? CRISIS_SUPPORT_LABEL[rep.crisisSupport] : ''),
          ];
        }),
    )}</section>`,
  );
  const markers = Object.values(s.markers).filter((m) => !m.removed);
  parts.push(
    `<section><h2>Platser och incidenter</h2>${table(
      ['Typ', 'Benämning', 'Område', 'Position'],
      markers.map((m) => [
        esc(MARKER_KIND_LABEL[m.kind]),
        esc(m.label),
        esc(lookup(s.districts, m.districtId)?.name ?? m.districtId),
        `<span class="num">${m.lat.toFixed(5)}, ${m.lng.toFixed(5)}</span>`,
      ]),
    )}</section>`,
  );
  const decisions = s.decisionOrder
    .slice(-15)
    .reverse()
    .map((id) => lookup(s.decisions, id))
    .filter(present);
  parts.push(
    `<section><h2>Senaste beslut</h2>${table(
      ['Tid', 'Beslut', 'Av'],
      decisions.map((d) => [esc(fmtTime(d.at)), esc(d.what), esc(d.decidedBy.name)]),
    )}</section>`,
  );
  const c = s.exercise.control;
  if (c && c.messages.length)
    parts.push(
      `<section><h2>Meddelanden (övning)</h2>${table(
        ['Tid', 'Från', 'Kanal', 'Meddelande'],
        c.messages
          .slice(-20)
          .reverse()
          .map((m) => [
            esc(fmtClock(m.at)),
            esc(m.from),
            esc(MESSAGE_CHANNEL_LABEL[m.channel]),
            esc(`${m.subject ? `${m.subject} – ` : ''}${m.text}`),
          ]),
      )}</section>`,
    );
  return page('Lägesbild', parts.join('\n'), {
    cssHref: opts.cssHref,
    exercise,
    bands: opts.cssHref !== undefined,
  });
}
