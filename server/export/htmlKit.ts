/**
 * The parts every printable page shares: escaping, Swedish times and durations, the page frame
 * and tables. CSP-safe: no scripts and no inline styles; the style sheet is a static file
 * (/export/report.css), inlined only for the PDF renderer.
 */
import { EXERCISE_MARK } from '../../shared/domain/exercise';

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
export const fmtTime = (iso?: string | null): string => (iso ? dtf.format(new Date(iso)) : '–');
export const fmtClock = (iso?: string | null): string => (iso ? tf.format(new Date(iso)) : '–');

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

export interface PageOpts {
  /** Link to the static style sheet (served pages); left out for the PDF renderer. */
  cssHref?: string;
  exercise: boolean;
}

export function page(title: string, body: string, opts: PageOpts & { bands?: boolean }): string {
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

export const table = (head: string[], rows: string[][], cls = ''): string =>
  rows.length === 0
    ? '<p class="empty">Inget att redovisa.</p>'
    : `<table class="${cls}"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
