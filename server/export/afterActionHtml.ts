/**
 * The after-action report as a printable page (and, through it, the PDF). It renders the
 * report object and nothing else: every figure shown is a field of AfterActionReport.
 */
import {
  DISTRICT_STATUS_LABEL,
  LEVEL_LABEL,
  TASK_STATUS_LABEL,
} from '../../shared/domain/vocabulary';
import { plural } from '../../shared/text/plural';
import { COST_CATEGORY_LABEL } from '../../shared/domain/ckl';
import { formatOre, type AfterActionReport } from '../../shared/report/afterAction';
import { esc, fmtClock, fmtDuration, fmtTime, page, table } from './htmlKit';

const INJECT_STATUS_LABEL = { pending: 'Ej spelad', delivered: 'Spelad', skipped: 'Överhoppad' };
const ALARM_STATUS_LABEL = { active: 'Pågår', staffed: 'Bemannat', cancelled: 'Avbrutet' };
const VIA_LABEL = { link: 'Länk', console: 'Konsolen', recorded: 'Registrerat av larmande' };

const nowrap = (s: string) => `<span class="nowrap">${esc(s)}</span>`;
const money = (ore: number) => `<span class="num">${esc(formatOre(ore))}</span>`;
/** A duration, or a muted phrase when the thing did not happen. */
const took = (ms: number | null, never = 'inträffade inte') =>
  ms === null ? `<span class="muted">${esc(never)}</span>` : esc(fmtDuration(ms));

type Section = (r: AfterActionReport) => string;

const head: Section = (r) => `<header class="doc-head">
<p class="kicker">Stockholms stad · Lägesbild · ${esc(r.subtitle)}</p>
<h1>Utvärdering: ${esc(r.title)}</h1>
<dl class="facts">
<div><dt>Period</dt><dd>${esc(fmtTime(r.period.from))} – ${esc(fmtTime(r.period.to))}</dd></div>
<div><dt>Underlag</dt><dd>${plural(r.eventCount, 'händelse', 'händelser')} i loggen (${esc(r.space)})</dd></div>
<div><dt>Framtagen</dt><dd>${esc(fmtTime(r.generatedAt))}</dd></div>
${r.exercise ? `<div><dt>Övningsledare</dt><dd>${esc(r.exercise.leader)}</dd></div>${r.exercise.timeScale !== 1 ? `<div><dt>Tidskomprimering</dt><dd>${r.exercise.timeScale}×</dd></div>` : ''}` : ''}
</dl>
</header>`;

const objectives: Section = (r) =>
  r.exercise?.objectives.length
    ? `<section><h2>Övningsmål</h2><ul>${r.exercise.objectives.map((o) => `<li>${esc(o)}</li>`).join('')}</ul></section>`
    : '';

const events: Section = (r) =>
  `<section><h2>Händelser och nivåer</h2>${
    r.events.length === 0
      ? '<p class="empty">Ingen händelse öppnades.</p>'
      : r.events
          .map(
            (
              ev,
            ) => `<h3>${esc(ev.title)} <span class="level level-${ev.highestLevel}">${esc(LEVEL_LABEL[ev.highestLevel])}</span></h3>
<p class="muted">Öppnad ${esc(fmtTime(ev.openedAt))} av ${esc(ev.openedBy)}${ev.closedAt ? `, avslutad ${esc(fmtTime(ev.closedAt))}` : ', pågår'}. Nivåer: ${esc(
              ev.levels.map((l) => `${LEVEL_LABEL[l.level]} ${fmtClock(l.at)}`).join(' → '),
            )}.</p>
${table(
  ['Mått', 'Tid'],
  [
    ['Från första rapport till aktivering av CKL', took(ev.toCklMs)],
    ['Från första rapport till allvarlig händelse', took(ev.toSeriousMs)],
    ['Från första rapport till extraordinär händelse', took(ev.toExtraordinaryMs)],
    ['Från begäran till beslut om centralt stöd', took(ev.supportDecisionMs)],
    ['Händelsens längd', took(ev.durationMs, 'pågår')],
  ].map(([label, value]) => [esc(label), value]),
  'measures',
)}<p class="note">Första rapport = när händelsen öppnades i lägesbilden.</p>`,
          )
          .join('')
  }</section>`;

const ckl: Section = (r) => {
  const active = r.ckl.filter((c) => c.activated);
  if (active.length === 0) return '';
  return `<section><h2>CKL: aktivering och bemanning</h2>${active
    .map(
      (c) =>
        `<h3>${esc(c.title)}</h3>${table(
          ['Funktion', 'Aktiverad', 'Av', 'Avaktiverad', 'Första "kommer"', 'Bemannad (kvot)'],
          c.functions
            .filter((f) => f.activatedAt)
            .map((f) => [
              esc(f.label),
              esc(fmtClock(f.activatedAt)),
              esc(f.activatedBy ?? ''),
              esc(fmtClock(f.deactivatedAt)),
              f.alarmed
                ? took(f.firstComingAfterMs, 'ingen')
                : '<span class="muted">ej larmad</span>',
              f.alarmed ? took(f.staffedAfterMs, 'ej bemannad') : '–',
            ]),
        )}`,
    )
    .join(
      '',
    )}<p class="note">Tiderna räknas från aktiveringen, på larmlistor som bemannar funktionen.</p></section>`;
};

const timeline: Section = (r) =>
  `<section><h2>Tidslinje: nivåer och beslut</h2>${table(
    ['Tid', 'Vad', 'Vem', 'Underlag'],
    r.timeline.map((t) => [
      nowrap(fmtTime(t.at)),
      `<span class="tl tl-${t.kind}">${esc(t.text)}</span>`,
      esc(t.by),
      esc(t.basis ?? ''),
    ]),
    'timeline',
  )}</section>`;

const injects: Section = (r) =>
  r.injects
    ? `<section><h2>Injects</h2>${table(
        ['Planerad', 'Typ', 'Inject', 'Status', 'Spelad'],
        r.injects.map((i) => [
          esc(i.planned),
          esc(i.kind),
          `${esc(i.title)}${i.live ? ' <span class="muted">(tillagd under övningen)</span>' : ''}`,
          esc(INJECT_STATUS_LABEL[i.status]),
          esc(fmtClock(i.deliveredAt)),
        ]),
      )}</section>`
    : '';

const alarms: Section = (r) =>
  r.alarms.length === 0
    ? ''
    : `<section><h2>Larm och svar</h2>${r.alarms
        .map(
          (
            a,
          ) => `<h3>${esc(a.title)} <span class="muted">(${esc(ALARM_STATUS_LABEL[a.status])})</span></h3>
<p>Larmat ${esc(fmtTime(a.startedAt))} av ${esc(a.startedBy)}: ${a.alarmed} larmade, ${a.reached} nådda, ${a.answered} svar, ${a.coming} kommer, ${a.cannot} kan inte. Första svar efter ${took(a.firstAnswerAfterMs, 'inget svar')}; kvoten (${a.quota}) fylld efter ${took(a.quotaAfterMs, 'fylldes inte')}.</p>
${table(
  ['Lista', 'Bemannar', 'Kvot', 'Larmade', 'Nådda', 'Svar', 'Kommer', 'Kan inte', 'Tid till kvot'],
  a.lists.map((l) => [
    esc(l.name),
    esc(l.staffs ?? '–'),
    String(l.quota),
    String(l.alarmed),
    String(l.reached),
    String(l.answered),
    String(l.coming),
    String(l.cannot),
    l.exhausted && l.quotaAfterMs === null
      ? '<span class="warn">reserverna tog slut</span>'
      : took(l.quotaAfterMs, 'fylldes inte'),
  ]),
)}${table(
            ['Vem', 'Läge', 'Svar', 'Svarstid', 'Ankomst', 'Via'],
            a.people.map((p) => [
              `${esc(p.name)}${p.reserveFor ? ' <span class="muted">(reserv)</span>' : ''}`,
              esc(p.stateLabel),
              esc(fmtClock(p.answeredAt)),
              took(p.answerAfterMs, '–'),
              p.etaMinutes === null ? '–' : esc(`om ${p.etaMinutes} min`),
              esc(p.via ? VIA_LABEL[p.via] : '–'),
            ]),
          )}`,
        )
        .join('')}</section>`;

const districts: Section = (r) =>
  `<section><h2>Stadsdelsområdenas rapportering</h2>${table(
    ['Område', 'Rapporter', 'Första', 'Senaste', 'Värsta läge', 'Längsta glapp', 'Försenade'],
    r.districts.map((d) => [
      esc(d.name),
      `${d.reports}${d.noChange ? ` <span class="muted">(${d.noChange} inget nytt)</span>` : ''}`,
      esc(fmtClock(d.firstAt)),
      esc(fmtClock(d.lastAt)),
      esc(d.worstStatus ? DISTRICT_STATUS_LABEL[d.worstStatus] : '–'),
      esc(fmtDuration(d.longestGapMs)),
      d.overdueCount
        ? `<span class="warn">${d.overdueCount} (${esc(fmtDuration(d.overdueMs))})${d.staleAtEnd ? ', inaktuell vid periodens slut' : ''}</span>`
        : '0',
    ]),
  )}</section>`;

const tasks: Section = (r) =>
  `<section><h2>Uppdrag</h2>${
    r.tasks.total
      ? `<p>${r.tasks.total} uppdrag: ${r.tasks.done} klara, ${r.tasks.open} öppna, ${r.tasks.cancelled} avbrutna; ${r.tasks.late} försenade.</p>`
      : ''
  }${table(
    ['Uppdrag', 'Till', 'Givet', 'Status', 'Klart', 'Tid', 'Tidsfrist'],
    r.tasks.rows.map((t) => [
      esc(t.title),
      esc(t.assignee),
      esc(fmtClock(t.createdAt)),
      esc(TASK_STATUS_LABEL[t.status]),
      esc(fmtClock(t.doneAt)),
      esc(fmtDuration(t.durationMs)),
      t.deadline
        ? `${esc(fmtClock(t.deadline))}${t.late ? ' <span class="warn">försenat</span>' : ''}`
        : '–',
    ]),
  )}</section>`;

const CARD_OUTCOME_LABEL = { done: 'Klart', skipped: 'Ej tillämpligt', never: 'Aldrig gjort' };

const cards: Section = (r) =>
  r.cards.length === 0
    ? ''
    : `<section><h2>Åtgärdskort</h2>${r.cards
        .map(
          (c) =>
            `<h3>${esc(c.title)}</h3><p class="muted">${esc(c.holder)} · öppnat ${esc(fmtTime(c.openedAt))} · ${c.done} klara, ${c.skipped} ej tillämpliga, ${c.never} aldrig gjorda; ${c.late} försenade.</p>${table(
              ['Steg', 'Utfall', 'När', 'Vem', 'Tidsfrist'],
              c.steps.map((s) => [
                esc(s.text),
                `${esc(CARD_OUTCOME_LABEL[s.outcome])}${s.reason ? ` – ${esc(s.reason)}` : ''}${s.fromLog ? ' (i loggen)' : ''}`,
                esc(fmtClock(s.at)),
                esc(s.by ?? '–'),
                s.dueAt
                  ? `${esc(fmtClock(s.dueAt))}${s.late ? ' <span class="warn">försenat</span>' : ''}`
                  : '–',
              ]),
            )}`,
        )
        .join('')}</section>`;

const costs: Section = (r) =>
  r.costs.rows.length === 0
    ? ''
    : `<section><h2>Kostnader</h2>${table(
        ['Tid', 'Kategori', 'Vad', 'Belopp'],
        r.costs.rows.map((c) => [
          nowrap(fmtTime(c.at)),
          esc(COST_CATEGORY_LABEL[c.category]),
          `${esc(c.kind)}${c.description ? ` – ${esc(c.description)}` : ''}${c.voided ? ` <span class="warn">makulerad: ${esc(c.voided.reason)}</span>` : ''}`,
          c.voided ? `<del>${money(c.amountOre)}</del>` : money(c.amountOre),
        ]),
      )}<dl class="facts">
<div><dt>Skadekostnader</dt><dd>${money(r.costs.damageOre)}</dd></div>
<div><dt>Insatskostnader</dt><dd>${money(r.costs.responseOre)}</dd></div>
<div><dt>Summa</dt><dd>${money(r.costs.totalOre)}</dd></div>
</dl>${r.costs.voidedCount ? `<p class="note">${r.costs.voidedCount} makulerade poster ingår inte i summorna.</p>` : ''}</section>`;

const evaluations: Section = (r) =>
  r.evaluations.length === 0
    ? ''
    : `<section><h2>Utvärdering och lärdomar</h2>${r.evaluations
        .map(
          (e) =>
            `<h3>${esc(e.eventTitle)}</h3><p class="muted">${
              e.status === 'done'
                ? `Slutförd ${esc(fmtTime(e.doneAt))} av ${esc(e.doneBy ?? '')}`
                : `Att göra sedan ${esc(fmtTime(e.openedAt))}`
            }</p>${e.summary ? `<p>${esc(e.summary)}</p>` : ''}`,
        )
        .join('')}</section>`;

const log: Section = (r) =>
  `<section class="log"><h2>Loggen</h2>${table(
    ['Nr', 'Tid', 'Vem', 'Händelse'],
    r.log.map((l) => [String(l.seq), nowrap(fmtTime(l.at)), esc(l.by), esc(l.text)]),
    'log-table',
  )}</section>`;

const SECTIONS: readonly Section[] = [
  head,
  objectives,
  events,
  ckl,
  timeline,
  injects,
  alarms,
  districts,
  tasks,
  cards,
  costs,
  evaluations,
  log,
];

export function renderAfterActionHtml(r: AfterActionReport, opts: { cssHref?: string }): string {
  return page(
    `Utvärdering: ${r.title}`,
    SECTIONS.map((s) => s(r))
      .filter(Boolean)
      .join('\n'),
    { cssHref: opts.cssHref, exercise: r.isExercise, bands: opts.cssHref !== undefined },
  );
}
