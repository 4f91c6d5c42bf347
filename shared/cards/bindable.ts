/**
 * The console actions a card step can be bound to (R176): the step ticks itself when the log
 * shows the action on the card's event. The editor offers exactly these; a file may name any
 * event type, which the card check then verifies (R238).
 */
import type { FulfilledBy } from './model';

export interface BindableAction {
  /** What the step's `fulfilledBy` becomes. */
  fulfilledBy: FulfilledBy;
  label: string;
}

const on = (type: string, label: string, extra: Omit<FulfilledBy, 'type'> = {}) => ({
  fulfilledBy: { type, ...extra },
  label,
});

export const BINDABLE_ACTIONS: readonly BindableAction[] = [
  on('log.written', 'En anteckning skrivs i dagboken'),
  on('district.reported', 'Stadsdelsområdet lämnar lägesrapport'),
  on('event.centralSupportRequested', 'Centralt stöd begärs'),
  on('event.centralSupportDecided', 'Beslut om centralt stöd fattas'),
  on('ckl.activated', 'CKL-funktioner aktiveras'),
  on('ckl.briefingScheduled', 'Stabsgenomgång planeras'),
  on('decision.recorded', 'Ett beslut fattas'),
  on('decision.recorded', 'Ett inriktningsbeslut fattas', { kind: 'direction' }),
  on('decision.recorded', 'Beslut där krisledningsnämndens ordförande informeras', {
    informed: 'ordförande',
  }),
  on('decision.recorded', 'Beslut där kommunstyrelsens presidium informeras', {
    informed: 'presidi',
  }),
  on('board.urgentDecisionReported', 'Brådskande beslut anmäls till nämnden'),
  on('liaison.contactLogged', 'Kontakt med extern aktör loggas'),
  on('liaison.representativePlaced', 'Representant placeras hos extern aktör'),
  on('analysis.sitrepDrafted', 'Utkast till lägesbild tas fram'),
  on('analysis.consequencesRecorded', 'Konsekvensanalys registreras'),
  on('information.messagePublished', 'Meddelande publiceras'),
  on('information.mediaLogged', 'Mediebevakning loggas'),
  on('information.pressConferenceScheduled', 'Presskonferens planeras'),
  on('administration.staffSiteSet', 'Uppehållsplats ställs i ordning'),
  on('administration.shiftAdded', 'Pass läggs till i tjänstgöringsschemat'),
  on('administration.costRecorded', 'Kostnad registreras'),
  on('exercise.injectDelivered', 'Inspel levereras i övningen'),
];

/** One key per binding, for a select's value: type, decision kind and informed match. */
export const bindingKey = (f: FulfilledBy | undefined): string =>
  f ? [f.type, f.kind ?? '', f.informed ?? ''].join('|') : '';

/** The label of a binding as the editor shows it; an unlisted one by its event type. */
export function bindingLabel(f: FulfilledBy): string {
  const known = BINDABLE_ACTIONS.find((b) => bindingKey(b.fulfilledBy) === bindingKey(f));
  if (known) return known.label;
  const extra = [f.kind && `beslutstyp ${f.kind}`, f.informed && `informerad "${f.informed}"`]
    .filter(Boolean)
    .join(', ');
  return `Händelsen ${f.type}${extra ? ` (${extra})` : ''}`;
}
