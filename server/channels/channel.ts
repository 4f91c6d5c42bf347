import type { ChannelKind } from '../../shared/domain/alarm';

/** One message to one person over one channel (the first alarm, a reminder, or a stand-down). */
export interface OutgoingMessage {
  /** Stable per (alarm, person, message, channel): providers can dedupe on it. */
  id: string;
  space: string;
  alarmId: string;
  key: string;
  /** The channel the list asked for; the outbox records it when it stands in. */
  channel: ChannelKind;
  n: number;
  name: string;
  userId?: string;
  phone?: string;
  email?: string;
  subject: string;
  text: string;
  /** The personal one-time answer link, when the message asks for an answer. */
  link?: string;
  exercise: boolean;
}

export interface SendResult {
  /** The provider confirmed delivery to the person (not only acceptance). */
  delivered: boolean;
  providerId?: string;
}

/** A way to reach people. `send` throws on failure; the caller records it and retries (R51). */
export interface Channel {
  readonly kind: ChannelKind;
  send(msg: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}

export class ChannelError extends Error {
  constructor(
    message: string,
    /** False when retrying cannot help (e.g. the address is rejected). */
    readonly retryable = true,
  ) {
    super(message);
  }
}

/** POSTs JSON with a time limit; any non-2xx answer is a failure with the provider's status. */
export async function postJson(
  url: string,
  body: unknown,
  opts: { timeoutMs: number; headers?: Record<string, string> },
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...opts.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    throw new ChannelError(
      e.name === 'TimeoutError'
        ? `ingen svar inom ${opts.timeoutMs} ms`
        : `nätverksfel: ${e.message}`,
    );
  }
  const text = await res.text().catch(() => '');
  if (!res.ok)
    throw new ChannelError(
      `leverantören svarade ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      res.status >= 500 || res.status === 429 || res.status === 408,
    );
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}
