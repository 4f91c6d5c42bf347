/**
 * The flooding console of bench/abuse.ts in its own process, so handling its thousands of
 * acknowledgements does not delay the measuring process's view of the other person's acks.
 * Usage: tsx bench/abuse-flooder.ts <url> <cookie> <n> <tag>; prints one JSON line at the end.
 */
import { io as ioClient } from 'socket.io-client';

const [url, cookie, nArg, tag] = process.argv.slice(2);
const n = Number(nArg);
const socket = ioClient(url, {
  transports: ['websocket'],
  extraHeaders: { cookie },
  reconnection: false,
  forceNew: true,
});
let answered = 0;
let refused = 0;
let done = false;
const finish = (cut: boolean) => {
  if (done) return;
  done = true;
  process.stdout.write(`${JSON.stringify({ answered, refused, cut })}\n`);
  socket.close();
  setTimeout(() => process.exit(0), 50);
};
socket.on('connect', () => {
  process.stdout.write('flooding\n');
  for (let i = 0; i < n; i++)
    socket.emit(
      'command',
      { id: `flood-${tag}-${i}`, type: 'log.write', payload: { text: `Flod ${i}` } },
      (a: { ok: boolean }) => {
        answered++;
        if (!a?.ok) refused++;
        if (answered === n) finish(false);
      },
    );
});
socket.on('disconnect', () => finish(true));
socket.on('connect_error', (e) => {
  console.error(e.message);
  process.exit(1);
});
