/**
 * R96: a partner's system polls the share's approved reports as Atom (RFC 4287) or JSON Feed
 * 1.1. Each approved version is one entry, newest first; an exercise says ÖVNING in the feed's
 * and every entry's title (R97).
 */
import { EXERCISE_MARK } from '../../shared/domain/exercise';
import type { SharedReport } from '../../shared/domain/share';
import { LEVEL_LABEL } from '../../shared/domain/vocabulary';
import { esc, fmtTime } from '../export/html';
import { documentTitle, type ShareDocument } from './document';
import { districtWords } from './map';
import { sectionsOf } from './page';

const PUBLISHER = 'Stockholms stad, central krisledning';

/** Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/FFFF) go. */
export const xmlSafe = (s: string): string =>
  s.replace(
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
const x = (s: unknown) => esc(xmlSafe(String(s ?? '')));

const entryId = (r: SharedReport) => `tag:stockholm.se,2024:lagesbild/${r.sitrepId}`;
const entryTitle = (doc: ShareDocument, r: SharedReport) =>
  `${doc.exercise ? `${EXERCISE_MARK}: ` : ''}Version ${r.version}: ${r.title}`;

function scope(r: SharedReport): string {
  if (!r.eventTitle) return 'Hela staden';
  return r.eventLevel ? `${r.eventTitle} (${LEVEL_LABEL[r.eventLevel]})` : r.eventTitle;
}

/** The entry as plain text: what a feed reader without HTML shows. */
export function entryText(doc: ShareDocument, r: SharedReport): string {
  const lines = [
    ...(doc.exercise
      ? [`${EXERCISE_MARK} – det här är en övning, inte ett verkligt läge.`, '']
      : []),
    `Gäller: ${scope(r)}. Godkänd ${fmtTime(r.approvedAt)} av stabschefen.`,
    '',
    ...sectionsOf(r).flatMap(([label, v]) => [`${label}:`, v, '']),
    'Stadsdelsområdena:',
    ...r.districts.map((d) => `- ${d.name}: ${districtWords(d)}`),
  ];
  return lines.join('\n');
}

function entryHtml(doc: ShareDocument, r: SharedReport): string {
  return [
    doc.exercise ? `<p><strong>${EXERCISE_MARK} – det här är en övning.</strong></p>` : '',
    `<p>Gäller: ${esc(scope(r))}. Godkänd ${esc(fmtTime(r.approvedAt))} av stabschefen.</p>`,
    ...sectionsOf(r).map(
      ([label, v]) => `<h3>${label}</h3><p>${esc(v).replace(/\n/g, '<br>')}</p>`,
    ),
    `<h3>Stadsdelsområdena</h3><ul>${r.districts
      .map((d) => `<li>${esc(d.name)}: ${esc(districtWords(d))}</li>`)
      .join('')}</ul>`,
  ].join('');
}

export function atomFeed(doc: ShareDocument): string {
  const title = documentTitle(doc);
  const entries = doc.reports.map(
    (r) => `<entry>
<id>${x(entryId(r))}</id>
<title>${x(entryTitle(doc, r))}</title>
<published>${x(r.approvedAt)}</published>
<updated>${x(r.approvedAt)}</updated>
<link rel="alternate" type="text/html" href="${x(doc.links.page)}"/>
<summary type="text">${x(`${doc.exercise ? `${EXERCISE_MARK}: ` : ''}${r.situation.slice(0, 400)}`)}</summary>
<content type="html">${x(entryHtml(doc, r))}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
<id>${x(`tag:stockholm.se,2024:delning/${doc.shareId}`)}</id>
<title>${x(title)}</title>
<subtitle>${x(`${doc.exercise ? `${EXERCISE_MARK}. ` : ''}Godkända versioner av Stockholms stads lägesbild, delade med ${doc.recipient}.`)}</subtitle>
<updated>${x(doc.updatedAt)}</updated>
<author><name>${x(PUBLISHER)}</name></author>
<link rel="self" type="application/atom+xml" href="${x(doc.links.atom)}"/>
<link rel="alternate" type="text/html" href="${x(doc.links.page)}"/>
${entries.join('\n')}
</feed>
`;
}

export function jsonFeed(doc: ShareDocument) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: documentTitle(doc),
    home_page_url: doc.links.page,
    feed_url: doc.links.jsonfeed,
    description: `${doc.exercise ? `${EXERCISE_MARK}. ` : ''}Godkända versioner av Stockholms stads lägesbild, delade med ${doc.recipient}.`,
    language: 'sv',
    authors: [{ name: PUBLISHER }],
    _lagesbild: { exercise: doc.exercise, expiresAt: doc.expiresAt },
    items: doc.reports.map((r) => ({
      id: entryId(r),
      url: doc.links.page,
      title: entryTitle(doc, r),
      content_text: entryText(doc, r),
      content_html: entryHtml(doc, r),
      date_published: r.approvedAt,
      date_modified: r.approvedAt,
      _lagesbild: { version: r.version, exercise: doc.exercise },
    })),
  };
}
