/** The current situation picture (lägesbild) as a printable page, rendered on the server. */
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
import { esc, fmtClock, fmtTime, page, table } from './htmlKit';
import { filesSection } from './filesSection';
import { lookup, present } from '../../shared/domain/keyed';
import { numberedMarkers, situationMapLegend, situationMapSvg } from './situationMap';
import type { DivisionGeoJson } from '../share/map';

export { esc, fmtDuration, fmtTime } from './htmlKit';

/** The current situation picture (lägesbild) as a printable page. */
export function renderSituationHtml(
  s: CityState,
  opts: {
    cssHref?: string;
    generatedAt: string;
    images?: ReadonlyMap<string, string>;
    /** The space's borders: with them the page opens with the map (R249). */
    borders?: DivisionGeoJson;
  },
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
  if (opts.borders)
    parts.push(
      `<section class="map-section"><h2>Karta</h2><figure class="map-figure">${situationMapSvg(
        opts.borders,
        s,
        opts.generatedAt,
      )}<figcaption>${situationMapLegend()}</figcaption></figure></section>`,
    );
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
  const markers = numberedMarkers(s);
  parts.push(
    `<section><h2>Platser och incidenter</h2>${table(
      ['Nr', 'Typ', 'Benämning', 'Område', 'Position'],
      markers.map((m, i) => [
        `<span class="num">${i + 1}</span>`,
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
  const files = filesSection(s, opts.images);
  if (files) parts.push(files);
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
