/** Small derived views of the alarm state for the console (no rules: who may do what is the policy's). */
import {
  CHANNEL_LABEL,
  RECIPIENT_STATE_LABEL,
  WAITING_STATES,
  dutyLabel,
  dutyOfTarget,
  type Alarm,
  type ListTarget,
  type Recipient,
  type RecipientState,
  type SendRecord,
} from '../../../../shared/domain/alarm';
import type { CityState } from '../../../../shared/domain/state';
import { messageForRecipient } from '../../../../shared/domain/alarmMessage';
import { fillTemplate } from '../../../../shared/text/template';
import { tableGet, tableValues } from '../../../../shared/domain/table';

/** A symbol per state so the board never relies on colour alone. */
export const STATE_SYMBOL: Record<RecipientState, string> = {
  queued: '…',
  sent: '→',
  delivered: '⇥',
  reminded: '⟳',
  acknowledged: '✓',
  declined: '✕',
  replaced: '⇄',
  no_answer: '∅',
  stood_down: '–',
};

/** Every message handed on so far went only to the outbox: nobody was reached outside it. */
export const onlyOutboxed = (r: Recipient): boolean => {
  const sent = Object.values(r.sends).filter((s) => s.status === 'sent');
  return sent.length > 0 && sent.every((s) => s.via === 'outbox');
};

export const stateLabel = (r: Recipient): string =>
  r.state === 'acknowledged' && r.etaMinutes !== undefined
    ? `${RECIPIENT_STATE_LABEL.acknowledged}, ETA ${r.etaMinutes} min`
    : r.state === 'sent' && onlyOutboxed(r)
      ? 'I utkorgen – inte skickat'
      : RECIPIENT_STATE_LABEL[r.state];

/**
 * One message's line on the board, naming the channel that really carried it (R163): an SMS
 * the outbox stood in for reads "inte skickat", never "skickat".
 */
export function sendText(s: SendRecord, exercise: boolean, at: (iso?: string) => string): string {
  const asked = CHANNEL_LABEL[s.channel];
  switch (s.status) {
    case 'sent':
      if (s.via === 'outbox')
        return `${asked}: inte skickat – lagt i utkorgen ${at(s.at)} (${
          exercise ? 'övning utan riktiga kanaler' : `ingen ${asked}-leverantör är inställd`
        })`;
      if (s.via) return `${asked}: skickat via ${CHANNEL_LABEL[s.via]} ${at(s.at)}`;
      return `${asked}: skickat ${at(s.at)}`;
    case 'pending':
      return `${asked}: väntar`;
    case 'failed':
      return `${asked}: misslyckades (försök ${s.attempts}), nytt försök ${at(s.retryAt)}`;
    case 'gave_up':
      return `${asked}: gav upp: ${s.lastError ?? 'okänt fel'}`;
    default: {
      const never: never = s.status;
      return never;
    }
  }
}

export const isWaiting = (r: Recipient): boolean => WAITING_STATES.includes(r.state);

/** When someone who said "coming" is expected: answer time + ETA. */
export const arrivalAt = (r: Recipient): string | undefined =>
  r.answeredAt && r.etaMinutes !== undefined
    ? new Date(Date.parse(r.answeredAt) + r.etaMinutes * 60_000).toISOString()
    : undefined;

export const targetLabel = (s: CityState, t: ListTarget): string =>
  dutyLabel(dutyOfTarget(t), (id) => s.districts[id]?.name ?? id);

export const alarmsNewestFirst = (s: CityState): Alarm[] =>
  [...s.alarm.alarmOrder]
    .reverse()
    .map((id) => s.alarm.alarms[id])
    .filter((a): a is Alarm => !!a);

/** The recipients of one list in the order they were called. */
export function recipientsOf(a: Alarm, listId: string): Recipient[] {
  const order = a.lists[listId]?.order ?? [];
  return tableValues(a.recipients)
    .filter((r) => r.listId === listId)
    .sort((x, y) => order.indexOf(x.contactId) - order.indexOf(y.contactId));
}

/**
 * The alarms that reached this person's console and still wait for their answer: an active
 * alarm, their contact, a console notification sent (R48). From the state, so a reload keeps it.
 */
export function myOpenCalls(s: CityState, userId: string): { alarm: Alarm; r: Recipient }[] {
  const out: { alarm: Alarm; r: Recipient }[] = [];
  for (const a of alarmsNewestFirst(s)) {
    if (a.status !== 'active') continue;
    for (const r of tableValues(a.recipients)) {
      if (tableGet(s.alarm.contacts, r.contactId)?.userId !== userId || !isWaiting(r)) continue;
      const notified = Object.values(r.sends).some(
        (x) => x.channel === 'console' && x.status === 'sent',
      );
      if (notified) out.push({ alarm: a, r });
    }
  }
  return out;
}

/** The message as the person received it ({namn}, {lista} filled as the server does). */
export const messageFor = messageForRecipient;

/**
 * The board's message line: one message goes to many, so it is shown as the first person
 * called got it, and says whose it is (never a raw {namn}).
 */
export function boardMessage(a: Alarm): { text: string; as: string | null } {
  const first = a.listOrder.map((l) => recipientsOf(a, l)[0]).find(Boolean);
  if (first) return { text: messageForRecipient(a, first), as: first.name };
  return {
    text: fillTemplate(a.message, { namn: '[namn]', lista: '[lista]', rubrik: a.title }),
    as: null,
  };
}

/** A line for the live region when a person's state changes on the board. */
export function changeLine(before: Recipient | undefined, r: Recipient, a: Alarm): string | null {
  if (before?.state === r.state) return null;
  const list = a.lists[r.listId]?.name ?? '';
  if (!before)
    return r.reserveFor
      ? `${list}: reserv ${r.name} larmas (ersätter ${tableGet(a.recipients, r.reserveFor)?.name ?? 'annan'}).`
      : null;
  return `${list}: ${r.name} – ${stateLabel(r)}.`;
}
