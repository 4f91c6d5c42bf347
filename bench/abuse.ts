/**
 * What one console can do to the others (R87, R88), against the same server without the
 * abuse as the baseline of the same run:
 *
 * - flood: one console fires N commands (5,000) at once; another person sends commands one
 *   after another meanwhile. Their acknowledgement p99 during the flood is compared with the
 *   same probe on the quiet server. Outside tiny mode the flood also runs once more against a
 *   server whose limit is off, to show what the limit buys.
 * - subscribe: a console asks for a catch-up again and again and never reads (a raw websocket
 *   whose TCP reading is paused). The server's RSS is sampled before, at its peak and after
 *   the console was dropped, against the RSS of the quiet server.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import {
  compare,
  dist,
  fig,
  headSeq,
  login,
  sender,
  serverMetrics,
  sleep,
  startLagesbild,
  tempDir,
  type Comparison,
  type Proc,
  type Sender,
} from './lib';

export interface AbuseOptions {
  mode: 'full' | 'quick' | 'tiny';
  dist: boolean;
  core?: number;
}

/** A console that asks and never reads: an engine.io websocket whose TCP reading is paused. */
export async function nonReadingConsole(url: string, cookie: string) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: { cookie },
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (m) => {
      const text = String(m);
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ protocolVersion: 1, lastSeq: 0 })}`);
      if (text.startsWith('40')) resolve();
      if (text.startsWith('44')) reject(new Error(text));
    });
    ws.on('error', reject);
  });
  let closed = false;
  ws.on('close', () => (closed = true));
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  let ack = 0;
  return {
    subscribe: (space: string) =>
      ws.send(`42${++ack}${JSON.stringify(['subscribe', { space, lastSeq: 0 }])}`),
    closed: () => closed,
    terminate: () => ws.terminate(),
  };
}

/** One command after another from a second person: each acknowledgement's time. */
async function probe(s: Sender, n: number, tag: string, gapMs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await s.send('log.write', { text: `Prov ${tag} ${i}` }, `probe-${tag}-${i}`);
    if (r.ok) out.push(r.ms);
    await sleep(gapMs);
  }
  return out;
}

async function flood(srv: Proc, n: number, probes: number, tag: string) {
  const victim = await sender(srv.url, await login(srv.url, 'info'));
  try {
    const seq0 = await headSeq(srv.url);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, 'abuse-flooder.ts'),
        srv.url,
        await login(srv.url, 'analys'),
        String(n),
        tag,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const started = new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('flooding')) resolve();
      }),
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await started;
    const t0 = performance.now();
    const during = await probe(victim, probes, `${tag}-during`, 0);
    await exited;
    const line = out.trim().split('\n').at(-1) ?? '{}';
    const r = JSON.parse(line) as { answered: number; refused: number; cut: boolean };
    return {
      victimAck: dist(during),
      flooderAdmitted: (await headSeq(srv.url)) - seq0 - during.length,
      flooderRefused: r.refused,
      flooderCut: r.cut,
      floodHandledIn: fig(performance.now() - t0, 'ms'),
    };
  } finally {
    victim.close();
  }
}

export async function benchAbuse(
  log: (s: string) => void,
  opts: AbuseOptions,
): Promise<{ result: Record<string, unknown>; comparisons: Record<string, Comparison> }> {
  const n = opts.mode === 'tiny' ? 500 : 5000;
  const probes = opts.mode === 'tiny' ? 10 : 50;
  log(`\n== Abuse: one console floods (${n} commands) or never reads; another person works`);
  const limits = { COMMAND_RATE_PER_SECOND: '20', COMMAND_RATE_BURST: '100' };
  const dataDir = tempDir('lb-bench-abuse-');
  const srv = await startLagesbild({ dataDir, dist: opts.dist, core: opts.core, env: limits });
  const result: Record<string, unknown> = { commands: n, probes, limits };
  const comparisons: Record<string, Comparison> = {};
  try {
    // Quiet: the other person's acknowledgements with no one flooding (bare baseline).
    const victim = await sender(srv.url, await login(srv.url, 'info'));
    await probe(victim, 5, 'warm', 5);
    const quiet = dist(await probe(victim, probes, 'quiet', 5));
    victim.close();
    const limited = await flood(srv, n, probes, 'limited');
    result.flood = { quiet, limited };
    comparisons['abuse.flood.victimAckP99'] = compare(limited.victimAck.p99, quiet.p99);
    log(
      `  other person's ack p99: ${limited.victimAck.p99.value} ms during the flood vs ${quiet.p99.value} ms quiet (bare) → ${comparisons['abuse.flood.victimAckP99'].ratio}×; flooder admitted ${limited.flooderAdmitted}, refused RATE_LIMITED ${limited.flooderRefused}, ${limited.flooderCut ? 'cut off' : 'all answered'} after ${limited.floodHandledIn.value} ms`,
    );

    // Subscribe abuse: RSS before, at the peak, and after the console was dropped.
    const before = (await serverMetrics(srv.url))?.rssMb ?? NaN;
    const abuser = await nonReadingConsole(srv.url, await login(srv.url, 'analys'));
    let peak = before;
    let sent = 0;
    const t0 = performance.now();
    const seconds = opts.mode === 'tiny' ? 3 : 30;
    while (!abuser.closed() && performance.now() - t0 < seconds * 1000) {
      for (let i = 0; i < 20; i++) abuser.subscribe('real');
      sent += 20;
      await sleep(50);
      peak = Math.max(peak, (await serverMetrics(srv.url))?.rssMb ?? 0);
    }
    const droppedAfter = abuser.closed() ? fig(performance.now() - t0, 'ms') : null;
    abuser.terminate();
    await sleep(2000);
    const after = (await serverMetrics(srv.url))?.rssMb ?? NaN;
    result.subscribe = {
      subscribesSent: sent,
      droppedAfter,
      rssBefore: fig(before, 'MB'),
      rssPeak: fig(peak, 'MB'),
      rssAfter: fig(after, 'MB'),
    };
    comparisons['abuse.subscribe.rssPeak'] = compare(fig(peak, 'MB'), fig(before, 'MB'));
    log(
      `  subscribe abuse: ${sent} subscribes from a console that never reads; ${droppedAfter ? `dropped after ${droppedAfter.value} ms` : 'NOT dropped'}; server RSS ${before} MB before (bare) → peak ${peak} MB → ${after} MB after`,
    );
  } finally {
    await srv.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (opts.mode !== 'tiny') {
    // The same flood with the limit off: what others waited before R87.
    const dir = tempDir('lb-bench-abuse-off-');
    const off = await startLagesbild({ dataDir: dir, dist: opts.dist, core: opts.core });
    try {
      const unlimited = await flood(off, n, probes, 'unlimited');
      (result.flood as Record<string, unknown>).unlimited = unlimited;
      log(
        `  without the limit: other person's ack p99 ${unlimited.victimAck.p99.value} ms; flooder admitted ${unlimited.flooderAdmitted}, all answered after ${unlimited.floodHandledIn.value} ms`,
      );
    } finally {
      await off.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { result, comparisons };
}
