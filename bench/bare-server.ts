/**
 * The bare baseline: a Socket.IO server (websocket transport, bufferutil) that does nothing but
 * rebroadcast a message of the same size and shape as Lägesbild's event batch to every socket.
 * Same options as the real gateway, so the ratio shows what the product adds.
 *
 * With BARE_DURABLE_FILE set it is the durable bare baseline: each command is appended to that
 * file and fdatasynced before it is broadcast, one at a time, as Lägesbild does before an event
 * may reach anyone. The ratio against it is what the product adds beyond durability.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSync, writeSync, fdatasyncSync } from 'node:fs';
import { Server } from 'socket.io';
import { benchMetricsEnabled, readLoopFigures } from '../server/benchMetrics';

const http = createServer((req, res) => {
  if (req.url?.startsWith('/healthz')) {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        spaces: { real: { seq } },
        ...(benchMetricsEnabled() && req.url.includes('metrics=1')
          ? { metrics: readLoopFigures() }
          : {}),
      }),
    );
    return;
  }
  res.statusCode = 404;
  res.end();
});
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  pingInterval: 10_000,
  pingTimeout: 8_000,
  maxHttpBufferSize: 256 * 1024,
});

let seq = 0;
const durable = process.env.BARE_DURABLE_FILE ? openSync(process.env.BARE_DURABLE_FILE, 'a') : null;
let sample: Record<string, unknown> = { type: 'log.written', data: { text: '' } };
io.on('connection', (socket) => {
  socket.on('setup', (s: Record<string, unknown>, ack?: () => void) => {
    sample = s;
    ack?.();
  });
  socket.on('command', (env: { id: string }, ack?: (a: unknown) => void) => {
    seq++;
    const event = { ...sample, seq, commandId: `bare:${env.id}` };
    if (durable !== null) {
      writeSync(durable, `${JSON.stringify(event)}\n`);
      fdatasyncSync(durable);
    }
    io.emit('events', [event], { space: 'real', from: seq, to: seq });
    ack?.({ ok: true, seq });
  });
});

if (benchMetricsEnabled()) readLoopFigures();
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`bare socket.io on http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});
// Exit normally on SIGTERM so a profiled run (BENCH_NODE_ARGS=--cpu-prof) writes its profile.
process.on('SIGTERM', () => process.exit(0));
