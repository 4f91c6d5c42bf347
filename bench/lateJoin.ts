/** A crisis with a long history: how long a console that joins late takes to have it all. */
import { performance } from 'node:perf_hooks';
import {
  dist,
  fig,
  headSeq,
  listen,
  login,
  percentile,
  sender,
  sleep,
  waitUntil,
  type Proc,
} from './lib';
import type { BenchOptions } from './options';
import { log, ms } from './report';
export async function benchLateJoin(
  opts: BenchOptions,
  history: { dataDir: string; seq: number },
  srv: Proc,
) {
  log(`\n== Late join (a crisis with ${history.seq} events in its history)`);
  const cookie = await login(srv.url, 'ordf');
  const snd = await sender(srv.url, await login(srv.url, 'stabschef'));
  const joins: { stateMs: number; liveMs: number; bytes: number }[] = [];
  for (let k = 0; k < (opts.mode === 'tiny' ? 2 : 5); k++) {
    const head = await headSeq(srv.url);
    const t0 = performance.now();
    const l = await listen({ url: srv.url, cookie, lastSeq: 0 });
    await waitUntil(() => l.lastSeq >= head, 20_000, 1);
    const stateMs = performance.now() - t0;
    const id = `late-${process.pid}-${k}-${Date.now()}`;
    const t1 = performance.now();
    await snd.send('log.write', { text: 'Ny händelse efter anslutning.' }, id);
    await waitUntil(() => l.lastSeq >= head + 1, 10_000, 1);
    const liveMs = performance.now() - t1;
    const engine = (
      l.socket.io as unknown as {
        engine: { transport: { ws?: { _socket?: { bytesRead: number } } } };
      }
    ).engine;
    const bytes = engine.transport.ws?._socket?.bytesRead ?? NaN;
    joins.push({ stateMs, liveMs, bytes });
    l.close();
    await sleep(100);
  }
  const state = dist(joins.map((j) => j.stateMs));
  const result = {
    historyEvents: history.seq,
    joins: joins.length,
    timeToFullState: state,
    timeFirstLiveEvent: dist(joins.map((j) => j.liveMs)),
    bytesReceived: fig(
      percentile(
        joins.map((j) => j.bytes).sort((a, b) => a - b),
        50,
      ),
      'bytes',
    ),
    target: 'full state in < 1 s at 50,000 events',
  };
  log(
    `  full state: median ${ms(state.p50)}, max ${ms(state.max)}; ${Math.round(result.bytesReceived.value / 1024)} KiB over the wire; first live event after ${ms(result.timeFirstLiveEvent.p50)}`,
  );
  snd.close();
  return result;
}
