import type { Channel, OutgoingMessage, SendResult } from './channel';
import { ChannelError, postJson } from './channel';

export interface SmsGatewayOptions {
  /** The provider's endpoint; it receives POST {to, text, reference} as JSON. */
  url: string;
  token?: string;
  sender?: string;
  timeoutMs?: number;
}

/**
 * An SMS gateway over HTTP. The provider answers 2xx with JSON; `{"status":"delivered"}` (a
 * synchronous delivery receipt) counts as delivered, anything else 2xx as sent. Every request
 * carries `Idempotency-Key` (the message id, also `reference`): the gateway must answer a
 * repeat of a key it accepted with that answer and not send again (docs/operations.md).
 */
export class SmsGatewayChannel implements Channel {
  readonly kind = 'sms' as const;
  readonly keyed = true;
  constructor(private readonly opts: SmsGatewayOptions) {}

  async send(msg: OutgoingMessage): Promise<SendResult> {
    if (!msg.phone) throw new ChannelError('inget telefonnummer', false);
    const text = msg.link ? `${msg.text} Svara: ${msg.link}` : msg.text;
    const res = (await postJson(
      this.opts.url,
      {
        to: msg.phone,
        text,
        reference: msg.id,
        ...(this.opts.sender ? { from: this.opts.sender } : {}),
      },
      {
        timeoutMs: this.opts.timeoutMs ?? 10_000,
        headers: {
          'idempotency-key': msg.id,
          ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}),
        },
      },
    )) as { status?: unknown; id?: unknown };
    return {
      delivered: res.status === 'delivered',
      ...(typeof res.id === 'string' ? { providerId: res.id } : {}),
    };
  }
}
