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

/**
 * The embedded default and the exercise channel: writes what would have been sent to the log
 * (seen by the roles that may see contact details), so a demo works with no provider.
 */
export class OutboxChannel implements Channel {
  readonly kind = 'outbox' as const;
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
          text: msg.link ? `${msg.text} Svara: ${msg.link}` : msg.text,
        },
        CONTACT_DETAILS_AUDIENCE,
      ),
    ]);
    return { delivered: false };
  }
}
