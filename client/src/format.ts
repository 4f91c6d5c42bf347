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
