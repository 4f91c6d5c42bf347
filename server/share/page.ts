/**
 * The shared page a partner opens (and prints, and gets as PDF): server-rendered HTML with no
 * script at all and one static style sheet, mobile first. R92–R97.
 */
import { EXERCISE_MARK } from '../../shared/domain/exercise';
import { LEVEL_LABEL } from '../../shared/domain/vocabulary';
import { SITREP_SECTIONS } from '../../shared/domain/ckl';
import type { SharedDistrict, SharedReport } from '../../shared/domain/share';
import { esc, fmtDuration, fmtTime } from '../export/html';
import { documentTitle, SHARE_BASE_PATH, type ShareDocument } from './document';
import { districtMapSvg, districtWords, type DivisionGeoJson } from './map';

export const SHARE_CSS_PATH = `${SHARE_BASE_PATH}/dela.css`;

const BAND = `${EXERCISE_MARK} – ${EXERCISE_MARK} – ${EXERCISE_MARK}`;

interface Frame {
  title: string;
  exercise: boolean;
  /** Link to the style sheet (served page); left out when the PDF renderer inlines it. */
  cssHref?: string;
  /** Served page: the ÖVNING band at the top and bottom (the PDF has it on every page). */
  bands: boolean;
  head?: string;
}

function frame(f: Frame, body: string): string {
  const band = f.exercise && f.bands ? `<p class="exercise-band" role="note">${BAND}</p>` : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow, noarchive">
<meta name="referrer" content="no-referrer">
<title>${esc(f.title)}</title>
${f.cssHref ? `<link rel="stylesheet" href="${esc(f.cssHref)}">` : ''}
${f.head ?? ''}
</head>
<body class="share${f.exercise ? ' is-exercise' : ''}">
${band}
${body}
${band}
</body>
</html>
`;
}

/** A refusal a partner understands (unknown, ended, revoked, too many requests). */
export function refusalPage(status: number, message: string, exercise = false): string {
  const heading = status === 429 ? 'Vänta en stund' : 'Länken kan inte öppnas';
  return frame(
    {
      title: `${exercise ? `${EXERCISE_MARK}: ` : ''}${heading} – Stockholms stad`,
      exercise,
      cssHref: SHARE_CSS_PATH,
      bands: true,
    },
    `<main class="refusal-main"><p class="kicker">Stockholms stad · Delad lägesbild</p><h1>${heading}</h1>` +
      `<div class="refusal" role="alert"><p>${esc(message)}</p></div>` +
      `<p>Behöver ni lägesbilden? Kontakta Stockholms stads centrala krisledning (CKL) eller den som gav er länken.</p></main>`,
  );
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p class="text">${esc(p)}</p>`)
    .join('');

/** The report's sections that have text, as [heading, text]. */
export const sectionsOf = (r: SharedReport): [string, string][] =>
  SITREP_SECTIONS.map(([key, label]): [string, string] => [label, r[key]]).filter(([, v]) =>
    v.trim(),
  );

const reportSections = (r: SharedReport): string =>
  sectionsOf(r)
    .map(([k, v]) => `<h3>${k}</h3>${paragraphs(v)}`)
    .join('');

/** How old a district's report was when the version was approved. */
export function ageAtApproval(d: SharedDistrict, approvedAt: string): number | null {
  if (!d.reportedAt) return null;
  return Math.max(0, Date.parse(approvedAt) - Date.parse(d.reportedAt));
}

const STATE_SYMBOL: Record<string, string> = {
  normal: '●',
  strained: '◐',
  severe: '▲',
  critical: '✕',
  missing: '?',
  unknown: '?',
  outside: '–',
};

function districtTable(r: SharedReport): string {
  const outside = r.districts.filter((d) => d.state === 'outside').map((d) => d.name);
  const rest =
    outside.length > 0 ? `<p>Ingår inte i lägesbilden: ${esc(outside.join(', '))}.</p>` : '';
  const inScope = r.districts.filter((d) => d.state !== 'outside');
  if (inScope.length === 0) return `<p>Inget stadsdelsområde ingår i lägesbilden.</p>${rest}`;
  const rows = inScope.map((d) => {
    const sym = STATE_SYMBOL[d.status ?? d.state] ?? '–';
    const age = ageAtApproval(d, r.approvedAt);
    return `<tr class="row-${d.state}"><th scope="row">${esc(d.name)}</th>
<td><span class="sw ${d.status ? `s-${d.status}` : `d-${d.state}`}" aria-hidden="true"></span> <span aria-hidden="true">${sym}</span> ${esc(districtWords(d))}</td>
<td class="num">${d.reportedAt ? esc(fmtTime(d.reportedAt)) : '–'}</td>
<td class="num">${age === null ? '–' : esc(fmtDuration(age))}</td>
<td class="num">${d.nextReportDue ? esc(fmtTime(d.nextReportDue)) : '–'}</td></tr>`;
  });
  return `<div class="table-wrap"><table class="districts">
<caption>Stadsdelsområdenas läge när lägesbilden godkändes</caption>
<thead><tr><th scope="col">Stadsdelsområde</th><th scope="col">Läge</th><th scope="col">Senaste rapport</th><th scope="col">Rapportens ålder vid godkännandet</th><th scope="col">Nästa rapport utlovad</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>${rest}`;
}

const LEGEND: [string, string][] = [
  ['s-normal', 'Normalläge'],
  ['s-strained', 'Ansträngt'],
  ['s-severe', 'Allvarligt'],
  ['s-critical', 'Kritiskt'],
  ['d-stale', 'Rapporten var inaktuell (randig)'],
  ['d-missing', 'Rapport saknades'],
  ['d-outside', 'Ingår inte i lägesbilden'],
];

/** The page (served with `cssHref`) or the PDF's source (without). */
export function renderSharePage(
  doc: ShareDocument,
  geo: DivisionGeoJson | undefined,
  opts: { cssHref?: string },
): string {
  const r = doc.report;
  const title = documentTitle(doc);
  const served = opts.cssHref !== undefined;
  const scope = r.eventTitle
    ? `${esc(r.eventTitle)}${r.eventLevel ? ` (${esc(LEVEL_LABEL[r.eventLevel])})` : ''}`
    : 'Hela staden';
  const notices: string[] = [];
  if (doc.superseded)
    notices.push(
      'En nyare version av lägesbilden har godkänts efter den här. Be Stockholms stad om den.',
    );
  if (doc.follow)
    notices.push(
      'Länken visar alltid den senast godkända versionen. Ladda om sidan för att se om en ny har kommit; tidigare versioner finns i flödet.',
    );
  const head = served
    ? `<link rel="alternate" type="application/atom+xml" title="${esc(title)} (Atom)" href="${esc(doc.links.atom)}">
<link rel="alternate" type="application/feed+json" title="${esc(title)} (JSON Feed)" href="${esc(doc.links.jsonfeed)}">`
    : '';
  const body = `<header class="doc-head">
<p class="kicker">Stockholms stad · Central krisledning · Delad lägesbild${doc.exerciseName ? ` · ${EXERCISE_MARK}: ${esc(doc.exerciseName)}` : ''}</p>
<h1>${esc(title)}</h1>
<dl class="facts">
<div><dt>Version</dt><dd>${r.version}</dd></div>
<div><dt>Godkänd</dt><dd>${esc(fmtTime(r.approvedAt))} av stabschefen</dd></div>
<div><dt>Gäller</dt><dd>${scope}</dd></div>
<div><dt>Delad med</dt><dd>${esc(doc.recipient)}</dd></div>
<div><dt>Länken gäller till</dt><dd>${esc(fmtTime(doc.expiresAt))}</dd></div>
</dl>
</header>
<main>
${notices.map((n) => `<p class="notice">${esc(n)}</p>`).join('\n')}
<section aria-labelledby="h-report">
<h2 id="h-report">${esc(r.title)}</h2>
${reportSections(r)}
</section>
<section aria-labelledby="h-map">
<h2 id="h-map">Stadsdelsområdena</h2>
${
  geo
    ? `<figure class="map">${districtMapSvg(geo, r.districts, { titleId: 'map-title', descId: 'map-desc', title: 'Karta: stadsdelsområdenas läge' })}
<figcaption><ul class="legend">${LEGEND.map(([c, l]) => `<li><span class="sw ${c}" aria-hidden="true"></span> ${l}</li>`).join('')}</ul></figcaption></figure>`
    : ''
}
${districtTable(r)}
<p class="note">Åldrarna avser tiden när lägesbilden godkändes: hur gammal varje stadsdelsområdes senaste rapport då var.</p>
</section>
${
  served
    ? `<section class="downloads" aria-labelledby="h-dl"><h2 id="h-dl">Hämta</h2><ul>
<li><a href="${esc(doc.links.pdf)}">PDF för utskrift</a></li>
<li><a href="${esc(doc.links.json)}">JSON</a></li>
<li><a href="${esc(doc.links.geojson)}">GeoJSON (kartan)</a></li>
<li><a href="${esc(doc.links.atom)}">Atom-flöde</a> och <a href="${esc(doc.links.jsonfeed)}">JSON Feed</a> för er egen lägesbild</li>
</ul></section>`
    : ''
}
</main>
<footer class="doc-foot">
<p>Delad av Stockholms stad, central krisledning (CKL), till ${esc(doc.recipient)}. Länken är avsedd för mottagaren; vidarebefordra den inte. Staden kan återkalla den när som helst.</p>
<p>Gränser: Stockholms stad, Stadsbyggnadskontoret (öppna data).</p>
</footer>`;
  return frame({ title, exercise: doc.exercise, cssHref: opts.cssHref, bands: served, head }, body);
}
