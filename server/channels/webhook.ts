import type { Channel, OutgoingMessage, SendResult } from './channel';
import { postJson } from './channel';

export interface WebhookOptions {
  url: string;
  secret?: string;
  timeoutMs?: number;
}

/** Posts each message as JSON to a configured URL (e.g. a paging system or a chat bridge). */
export class WebhookChannel implements Channel {
  readonly kind = 'webhook' as const;
  readonly keyed = true;
  constructor(private readonly opts: WebhookOptions) {}

  async send(msg: OutgoingMessage): Promise<SendResult> {
    await postJson(
      this.opts.url,
      {
        type: 'lagesbild.alarm',
        id: msg.id,
        alarmId: msg.alarmId,
        message: msg.n,
        name: msg.name,
        phone: msg.phone,
        email: msg.email,
        subject: msg.subject,
        text: msg.text,
        link: msg.link,
        exercise: msg.exercise,
      },
      {
        timeoutMs: this.opts.timeoutMs ?? 10_000,
        headers: {
          'idempotency-key': msg.id,
          ...(this.opts.secret ? { 'x-lagesbild-secret': this.opts.secret } : {}),
        },
      },
    );
    return { delivered: false };
  }
}
