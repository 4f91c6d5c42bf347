/** Reconnect storm: every console reconnects at once after the server is killed and restarted. */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  closeAll,
  fig,
  freePort,
  headSeq,
  listenMany,
  login,
  sender,
  sleep,
  sourceAddress,
  startLagesbild,
  tempDir,
  waitUntil,
} from './lib';
import { SERVER_CORE, type BenchOptions } from './options';
import { flags, log, ms } from './report';
export async function benchStorm(opts: BenchOptions) {
  const n = opts.stormConsoles;
  log(`\n== Reconnect storm (${n} consoles; server SIGKILLed and restarted)`);
  const dataDir = tempDir('lb-bench-storm-');
  const port = await freePort();
  const core = opts.pin ? SERVER_CORE : undefined;
  let srv = await startLagesbild({ dataDir, dist: opts.dist, core, port });
  try {
    const cookie = await login(srv.url, 'presidium');
    const sndCookie = await login(srv.url, 'stabschef');
    const head0 = await headSeq(srv.url);
    const listeners = await listenMany(n, (i) => ({
      url: srv.url,
      cookie,
      lastSeq: head0,
      reconnect: true,
      localAddress: sourceAddress(i, n, opts.spread),
    }));
    let snd = await sender(srv.url, sndCookie);
    let c = 0;
    for (let i = 0; i < 20; i++)
      await snd.send('log.write', { text: `Före avbrottet ${i}` }, `storm-a-${process.pid}-${++c}`);
    // A burst still in flight when the server dies: acknowledged ones must reach everyone.
    for (let i = 0; i < 50; i++)
      void snd.send('log.write', { text: `Under avbrottet ${i}` }, `storm-b-${process.pid}-${++c}`);
    await sleep(15);
    const tKill = performance.now();
    await srv.kill('SIGKILL');
    snd.close();
    const tSpawn = performance.now();
    srv = await startLagesbild({ dataDir, dist: opts.dist, core, port });
    const tUp = performance.now();
    const head1 = await headSeq(srv.url);
    const ok = await waitUntil(
      () => listeners.every((l) => l.socket.connected && l.lastSeq >= head1),
      60_000,
      5,
    );
    const tCaught = performance.now();
    // Live again: a few more events reach everyone, exactly once.
    snd = await sender(srv.url, await login(srv.url, 'stabschef'));
    for (let i = 0; i < 5; i++)
      await snd.send(
        'log.write',
        { text: `Efter avbrottet ${i}` },
        `storm-c-${process.pid}-${++c}`,
      );
    const head2 = await headSeq(srv.url);
    await waitUntil(() => listeners.every((l) => l.lastSeq >= head2), 20_000, 5);
    const gaps = listeners.reduce((a, l) => a + l.gaps, 0);
    const duplicates = listeners.reduce((a, l) => a + l.duplicates, 0);
    const snapshots = listeners.reduce((a, l) => a + l.snapshots, 0);
    const missed = listeners.reduce(
      (a, l) => a + (l.snapshots ? 0 : head2 - head0 - l.received),
      0,
    );
    const behind = listeners.filter((l) => l.lastSeq < head2).length;
    closeAll(listeners);
    snd.close();
    const result = {
      consoles: n,
      eventsDuringRun: head2 - head0,
      acknowledgedBeforeKill: head1 - head0,
      restartToListening: fig(tUp - tSpawn, 'ms'),
      listeningToAllCaughtUp: fig(tCaught - tUp, 'ms'),
      killToAllCaughtUp: fig(tCaught - tKill, 'ms'),
      allCaughtUp: ok,
      gaps,
      duplicates,
      missed,
      snapshotsSent: snapshots,
      consolesBehind: behind,
      target: '1,000 consoles caught up in < 5 s',
    };
    if (!ok || gaps || duplicates || missed || behind)
      flags.push({
        where: 'storm',
        message: `caught up ${ok}; ${gaps} gaps, ${duplicates} duplicates, ${missed} missed, ${behind} behind`,
      });
    log(
      `  restart ${ms(result.restartToListening)}; listening → all ${n} caught up ${ms(result.listeningToAllCaughtUp)} (kill → caught up ${ms(result.killToAllCaughtUp)}); gaps ${gaps}, duplicates ${duplicates}, missed ${missed}, snapshots ${snapshots}`,
    );
    return result;
  } finally {
    await srv.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
