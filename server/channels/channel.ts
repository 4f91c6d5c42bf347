import http from 'node:http';
import https from 'node:https';
import type { ChannelKind } from '../../shared/domain/alarm';

/** One message to one person over one channel (the first alarm, a reminder, or a stand-down). */
export interface OutgoingMessage {
  /**
   * Stable per (space, alarm, person, message, channel), the same for every attempt: the
   * idempotency key a provider drops a repeat by, and recorded in `alarm.sendStarted`.
   */
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
  /**
   * Whether a repeat of `msg.id` is dropped at the other end (R129): the HTTP channels send it
   * as `Idempotency-Key`, the log channels append under a command id derived from it. SMTP
   * has no such thing; a resumed e-mail may arrive twice and is recorded as possibly so.
   */
  readonly keyed: boolean;
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

/**
 * Connections to providers are kept open and reused: an alarm of 1,000 people is 1,000 POSTs
 * to the same host within a second or two. node:http rather than fetch: undici's fetch cost
 * about three times the CPU per request, and the server's CPU was what the first messages of
 * a large alarm waited for (docs/benchmarks.md).
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/** POSTs JSON with a time limit; any non-2xx answer is a failure with the provider's status. */
export function postJson(
  url: string,
  body: unknown,
  opts: { timeoutMs: number; headers?: Record<string, string> },
): Promise<unknown> {
  const u = new URL(url);
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const transport = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: ChannelError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    };
    const req = transport.request(u, {
      method: 'POST',
      agent: agents[u.protocol as keyof typeof agents],
      headers: {
        'content-type': 'application/json',
        'content-length': String(payload.length),
        ...opts.headers,
      },
    });
    const timer = setTimeout(() => {
      fail(new ChannelError(`ingen svar inom ${opts.timeoutMs} ms`));
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (err) => fail(new ChannelError(`nätverksfel: ${err.message}`)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => fail(new ChannelError(`nätverksfel: ${err.message}`)));
      res.on('end', () => {
        if (settled) return;
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300)
          return fail(
            new ChannelError(
              `leverantören svarade ${status}${text ? `: ${text.slice(0, 200)}` : ''}`,
              // 409: a request with the same Idempotency-Key is still being processed
              // (draft-ietf-httpapi-idempotency-key-header); asking again later is right.
              status >= 500 || status === 429 || status === 408 || status === 409,
            ),
          );
        settled = true;
        clearTimeout(timer);
        try {
          resolve(text ? JSON.parse(text) : {});
        } catch {
          resolve({});
        }
      });
    });
    req.end(payload);
  });
}
