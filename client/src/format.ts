/** Times as Swedish staff read them: 24-hour, Europe/Stockholm, whatever the device says. */
const TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
});
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

export const hhmm = (iso: string | undefined): string => (iso ? TIME.format(new Date(iso)) : '–');
export const dayTime = (iso: string | undefined): string =>
  iso ? DATE_TIME.format(new Date(iso)) : '–';

/** The value for an <input type="datetime-local"> in Stockholm time, `minutes` from now. */
export function localInputValue(fromNowMinutes: number, now = Date.now()): string {
  const d = new Date(now + fromNowMinutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** An <input type="datetime-local"> value, read as Stockholm time, to an ISO instant. */
export function fromLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // Stockholm's offset at that moment (CET/CEST), found by formatting the guess back.
  const guess = new Date(asUtc);
  const shown = localInputValue(0, guess.getTime());
  const [d, t] = shown.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  const offset = Date.UTC(y, mo - 1, da, h, mi) - asUtc;
  return new Date(asUtc - offset).toISOString();
}
