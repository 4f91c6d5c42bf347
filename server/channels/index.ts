import type { ChannelKind } from '../../shared/domain/alarm';
import type { Space } from '../space';
import type { Channel } from './channel';
import { EmailChannel } from './email';
import { ConsoleChannel, OutboxChannel } from './local';
import { SmsGatewayChannel } from './sms';
import { WebhookChannel } from './webhook';

export type { Channel, OutgoingMessage, SendResult } from './channel';
export { ChannelError } from './channel';

/** Channel settings from the environment (docs/operations.md). */
/** Sends in flight per channel unless ALARM_SEND_CONCURRENCY says otherwise (see below). */
export const DEFAULT_SEND_CONCURRENCY = 256;

export interface ChannelConfig {
  smtpUrl?: string;
  smtpFrom: string;
  smtpInsecureTls: boolean;
  smsUrl?: string;
  smsToken?: string;
  smsSender?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  sendTimeoutMs: number;
  /**
   * Sends in flight per channel. 256 hands 1,000 first messages to a provider answering in
   * 30–250 ms within about 0.6 s of sending (1,000 / 256 × 140 ms), leaving room under 2 s for
   * the retries of its failures; 128 left 1.1 s and the whole took 1.9–2.0 s. Still a bound on
   * the connections we open: lower it for a provider with a tighter rate limit.
   */
  sendConcurrency: number;
}

export function loadChannelConfig(env: NodeJS.ProcessEnv = process.env): ChannelConfig {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'Lägesbild <larm@lagesbild.local>',
    smtpInsecureTls: env.SMTP_INSECURE_TLS === 'true',
    smsUrl: env.SMS_GATEWAY_URL || undefined,
    smsToken: env.SMS_GATEWAY_TOKEN || undefined,
    smsSender: env.SMS_SENDER || undefined,
    webhookUrl: env.ALARM_WEBHOOK_URL || undefined,
    webhookSecret: env.ALARM_WEBHOOK_SECRET || undefined,
    sendTimeoutMs: Number(env.ALARM_SEND_TIMEOUT_MS) || 10_000,
    sendConcurrency: Math.max(1, Number(env.ALARM_SEND_CONCURRENCY) || DEFAULT_SEND_CONCURRENCY),
  };
}

/** The channels by kind; a real channel without a provider is absent, and the outbox stands in. */
export type Channels = Partial<Record<ChannelKind, Channel>> & { outbox: Channel };

export function buildChannels(spaces: Map<string, Space>, cfg: ChannelConfig): Channels {
  const out: Channels = { outbox: new OutboxChannel(spaces), console: new ConsoleChannel(spaces) };
  if (cfg.smtpUrl)
    out.email = new EmailChannel({
      url: cfg.smtpUrl,
      from: cfg.smtpFrom,
      insecureTls: cfg.smtpInsecureTls,
      timeoutMs: cfg.sendTimeoutMs,
    });
  if (cfg.smsUrl)
    out.sms = new SmsGatewayChannel({
      url: cfg.smsUrl,
      token: cfg.smsToken,
      sender: cfg.smsSender,
      timeoutMs: cfg.sendTimeoutMs,
    });
  if (cfg.webhookUrl)
    out.webhook = new WebhookChannel({
      url: cfg.webhookUrl,
      secret: cfg.webhookSecret,
      timeoutMs: cfg.sendTimeoutMs,
    });
  return out;
}
