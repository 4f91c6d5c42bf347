/** Channels over real protocols on loopback: SMTP (smtp-server), SMS gateway and webhook (HTTP). */
import { SMTPServer } from 'smtp-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmailChannel } from './email';
import { SmsGatewayChannel } from './sms';
import { WebhookChannel } from './webhook';
import { ChannelError, type OutgoingMessage } from './channel';

const msg: OutgoingMessage = {
  id: 'real|alarm_1|analys~p-a|1|email',
  space: 'real',
  alarmId: 'alarm_1',
  key: 'analys~p-a',
  channel: 'email',
  n: 1,
  name: 'Anna Alm',
  phone: '+46701000001',
  email: 'anna@example.se',
  subject: 'ÖVNING – Larm: Skyfall',
  text: 'ÖVNING – Kom till CKL.',
  link: 'http://localhost/k/abc',
  exercise: true,
};

test('R50 e-mail goes over SMTP to the configured server, with the link and the ÖVNING mark', async () => {
  const got: { to: string; body: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let body = '';
      stream.on('data', (d) => (body += d));
      stream.on('end', () => {
        got.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  const ch = new EmailChannel({ url: `smtp://127.0.0.1:${port}`, from: 'larm@lagesbild.local' });
  try {
    const res = await ch.send(msg);
    expect(res.delivered).toBe(false);
    expect(got).toHaveLength(1);
    expect(got[0].to).toBe('anna@example.se');
    expect(got[0].body).toContain('http://localhost/k/abc');
    expect(got[0].body).toMatch(/Subject: =\?UTF-8\?|Subject: .*Larm/);
  } finally {
    await ch.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  }
  // A server that is gone is a retryable failure.
  const dead = new EmailChannel({
    url: `smtp://127.0.0.1:${port}`,
    from: 'x@y.se',
    timeoutMs: 2000,
  });
  await expect(dead.send(msg)).rejects.toBeInstanceOf(ChannelError);
  await dead.close();
});

test('R51 SMS gateway and webhook POST JSON; a 5xx is a retryable failure, a 4xx is not', async () => {
  const bodies: unknown[] = [];
  let status = 200;
  const srv = createServer((req, res) => {
    let b = '';
    req.on('data', (d) => (b += d));
    req.on('end', () => {
      bodies.push(JSON.parse(b));
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end('{"status":"delivered","id":"x1"}');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
  try {
    const sms = new SmsGatewayChannel({ url, token: 't' });
    await expect(sms.send(msg)).resolves.toEqual({ delivered: true, providerId: 'x1' });
    expect(bodies[0]).toMatchObject({ to: '+46701000001', reference: msg.id });
    expect((bodies[0] as { text: string }).text).toContain('Svara: http://localhost/k/abc');
    await new WebhookChannel({ url }).send(msg);
    expect(bodies[1]).toMatchObject({ type: 'lagesbild.alarm', exercise: true, link: msg.link });
    status = 503;
    await expect(sms.send(msg)).rejects.toMatchObject({ retryable: true });
    status = 400;
    await expect(sms.send(msg)).rejects.toMatchObject({ retryable: false });
  } finally {
    srv.closeAllConnections();
    await new Promise<void>((r) => srv.close(() => r()));
  }
});

test('R51 a provider that does not answer in time, or cannot be reached, is a retryable failure with the reason', async () => {
  const srv = createServer(() => undefined); // takes the request, never answers
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  try {
    const slow = new SmsGatewayChannel({ url: `http://127.0.0.1:${port}/`, timeoutMs: 150 });
    await expect(slow.send(msg)).rejects.toMatchObject({
      retryable: true,
      message: 'ingen svar inom 150 ms',
    });
  } finally {
    srv.closeAllConnections();
    await new Promise<void>((r) => srv.close(() => r()));
  }
  // The port is closed now: nothing listens there.
  const gone = new SmsGatewayChannel({ url: `http://127.0.0.1:${port}/`, timeoutMs: 1000 });
  await expect(gone.send(msg)).rejects.toMatchObject({
    retryable: true,
    message: expect.stringMatching(/^nätverksfel: .*ECONNREFUSED/),
  });
});
