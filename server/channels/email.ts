import type { Transporter } from 'nodemailer';
import type { Channel, OutgoingMessage, SendResult } from './channel';
import { ChannelError } from './channel';

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
  /** Accept a self-signed certificate (a test server on loopback). */
  insecureTls?: boolean;
  timeoutMs?: number;
}

/** E-mail over SMTP to a configurable server. "Sent" means the server accepted it. */
export class EmailChannel implements Channel {
  readonly kind = 'email' as const;
  /** SMTP drops no repeat, whatever the Message-ID; a resumed e-mail is "possibly twice". */
  readonly keyed = false;
  /** Loaded with the first channel, not with every server. */
  private readonly transport: Promise<Transporter>;

  constructor(private readonly opts: SmtpOptions) {
    const t = opts.timeoutMs ?? 15_000;
    this.transport = import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: opts.url,
        connectionTimeout: t,
        greetingTimeout: t,
        socketTimeout: t,
        tls: opts.insecureTls ? { rejectUnauthorized: false } : undefined,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    );
    this.transport.catch(() => undefined); // reported by the first send
  }

  async send(msg: OutgoingMessage): Promise<SendResult> {
    if (!msg.email) throw new ChannelError('ingen e-postadress', false);
    try {
      const info = await (
        await this.transport
      ).sendMail({
        from: this.opts.from,
        to: msg.email,
        subject: msg.subject,
        text: msg.link ? `${msg.text}\n\nSvara här: ${msg.link}\n` : `${msg.text}\n`,
        headers: { 'X-Lagesbild-Message': msg.id },
        messageId: `<${msg.id.replace(/[^a-zA-Z0-9._-]/g, '.')}@lagesbild>`,
      });
      if (info.rejected && info.rejected.length > 0)
        throw new ChannelError(`adressen avvisades: ${info.rejected.join(', ')}`, false);
      return { delivered: false, providerId: info.messageId };
    } catch (err) {
      if (err instanceof ChannelError) throw err;
      const e = err as Error & { responseCode?: number };
      throw new ChannelError(
        `SMTP: ${e.message}`,
        !(e.responseCode && e.responseCode >= 500 && e.responseCode < 600),
      );
    }
  }

  async close(): Promise<void> {
    (await this.transport).close();
  }
}
