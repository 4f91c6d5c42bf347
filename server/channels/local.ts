import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { CONTACT_DETAILS_AUDIENCE } from '../../shared/domain/alarm';
import { draft } from '../../shared/events';
import type { Space } from '../space';
import type { Channel, OutgoingMessage, SendResult } from './channel';
import { ChannelError } from './channel';

const spaceOf = (spaces: Map<string, Space>, name: string): Space => {
  const s = spaces.get(name);
  if (!s) throw new ChannelError(`rummet ${name} finns inte`, false);
  return s;
};

/** The in-console notification: an event in the log that reaches the person's console. */
export class ConsoleChannel implements Channel {
  readonly kind = 'console' as const;
  /** Appended under a command id from the message id: a repeat is the same event. */
  readonly keyed = true;
  constructor(private readonly spaces: Map<string, Space>) {}

  async send(msg: OutgoingMessage): Promise<SendResult> {
    if (!msg.userId) throw new ChannelError('personen har inget konto', false);
    await spaceOf(this.spaces, msg.space).appendSystem(SYSTEM_ACTOR, `notify|${msg.id}`, [
      draft('alarm.consoleNotified', {
        alarmId: msg.alarmId,
        key: msg.key,
        userId: msg.userId,
        n: msg.n,
        text: msg.text,
      }),
    ]);
    return { delivered: true };
  }
}

/** What the outbox keeps of each message, with its link, for the operator's process only. */
export interface MailboxEntry {
  at: string;
  space: string;
  alarmId: string;
  key: string;
  channel: OutgoingMessage['channel'];
  to: string;
  n: number;
  text: string;
  link?: string;
}

/** How many messages the local mailbox keeps (oldest dropped first). */
export const MAILBOX_LIMIT = 1000;

/**
 * The embedded default and the exercise channel: records in the log that a message was
 * delivered to the outbox (seen by the roles that may see contact details), so a demo works
 * with no provider. The log holds the message's text but never its answer link (R86): the link
 * is a one-time credential that lets anyone who reads it answer for the person. The link stays
 * in a bounded mailbox inside the server process (`mailbox`), reachable by no route or socket.
 */
export class OutboxChannel implements Channel {
  readonly kind = 'outbox' as const;
  readonly keyed = true;
  readonly mailbox: MailboxEntry[] = [];
  constructor(private readonly spaces: Map<string, Space>) {}

  async send(msg: OutgoingMessage): Promise<SendResult> {
    const to =
      msg.channel === 'sms'
        ? (msg.phone ?? '')
        : msg.channel === 'email'
          ? (msg.email ?? '')
          : msg.name;
    await spaceOf(this.spaces, msg.space).appendSystem(SYSTEM_ACTOR, `outbox|${msg.id}`, [
      draft(
        'alarm.outboxed',
        {
          alarmId: msg.alarmId,
          key: msg.key,
          channel: msg.channel,
          to: to || msg.name,
          n: msg.n,
          text: msg.text,
          ...(msg.link ? { withLink: true } : {}),
        },
        CONTACT_DETAILS_AUDIENCE,
      ),
    ]);
    this.mailbox.push({
      at: new Date().toISOString(),
      space: msg.space,
      alarmId: msg.alarmId,
      key: msg.key,
      channel: msg.channel,
      to: to || msg.name,
      n: msg.n,
      text: msg.link ? `${msg.text} Svara: ${msg.link}` : msg.text,
      link: msg.link,
    });
    if (this.mailbox.length > MAILBOX_LIMIT)
      this.mailbox.splice(0, this.mailbox.length - MAILBOX_LIMIT);
    return { delivered: false };
  }
}
