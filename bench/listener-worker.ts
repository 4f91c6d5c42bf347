/**
 * One process of the split load generator: it holds a share of the listening consoles, so
 * receiving 5,000 copies of every event is not one event loop's work. The parent (bench/run.ts)
 * drives it over IPC; times are wall-clock milliseconds (`performance.timeOrigin + now()`), which
 * processes on one machine share.
 *
 *   parent → {op:'open', url, cookie?, lastSeq, count, localAddress?}   → {op:'opened', ms}
 *   parent → {op:'collect', sent: {commandId: epochMs}, timeoutMs}      → {op:'collected', …}
 *   parent → {op:'close'}                                               → exits
 */
import { performance } from 'node:perf_hooks';
import { SelfMonitor, closeAll, listenMany, percentile, type Listener } from './lib';
import type { WorkerCollect, WorkerOpen, WorkerReply, WorkerRequest } from './workerMessages';

const wall = () => performance.timeOrigin + performance.now();

let listeners: Listener[] = [];
/** Per console: commandId → arrival (wall ms) of the first copy. */
const arrivals = new Map<Listener, Map<string, number>>();
const self = new SelfMonitor();
let gaps0 = 0;
let dups0 = 0;

const reply = (m: WorkerReply) => process.send?.(m);

async function open(o: WorkerOpen): Promise<void> {
  const t0 = performance.now();
  listeners = await listenMany(o.count, () => ({
    url: o.url,
    cookie: o.cookie,
    lastSeq: o.lastSeq,
    localAddress: o.localAddress,
    onEvent: (e, _at, l) => {
      const m = arrivals.get(l);
      if (m && !m.has(e.commandId)) m.set(e.commandId, wall());
    },
  }));
  for (const l of listeners) arrivals.set(l, new Map());
  self.reset();
  reply({ op: 'opened', ms: performance.now() - t0 });
}

async function collect(c: WorkerCollect): Promise<void> {
  const ids = Object.keys(c.sent);
  const t0 = performance.now();
  const complete = () =>
    listeners.every(
      (l) => l.lastSeq >= (c.untilSeq ?? 0) && ids.every((id) => arrivals.get(l)?.has(id)),
    );
  while (!complete() && performance.now() - t0 < c.timeoutMs)
    await new Promise((r) => setTimeout(r, 10));
  const latencies: number[] = [];
  const perConsoleP99: number[] = [];
  let missing = 0;
  for (const l of listeners) {
    const m = arrivals.get(l) as Map<string, number>;
    const mine: number[] = [];
    for (const id of ids) {
      const at = m.get(id);
      if (at === undefined) missing++;
      else mine.push(at - c.sent[id]);
    }
    latencies.push(...mine);
    perConsoleP99.push(percentile(Float64Array.from(mine).sort(), 99));
    m.clear();
  }
  const gaps = listeners.reduce((a, l) => a + l.gaps, 0);
  const duplicates = listeners.reduce((a, l) => a + l.duplicates, 0);
  reply({
    op: 'collected',
    latencies,
    perConsoleP99,
    missing,
    gaps: gaps - gaps0,
    duplicates: duplicates - dups0,
    received: listeners.reduce((a, l) => a + l.received, 0),
    minLastSeq: Math.min(...listeners.map((l) => l.lastSeq)),
    loadgen: self.read(),
  });
  gaps0 = gaps;
  dups0 = duplicates;
  self.reset();
}

process.on('message', (m: WorkerRequest) => {
  const run = async () => {
    switch (m.op) {
      case 'open':
        return open(m);
      case 'collect':
        return collect(m);
      case 'close':
        closeAll(listeners);
        self.stop();
        setTimeout(() => process.exit(0), 50);
        return;
    }
  };
  run().catch((err: Error) => reply({ op: 'error', message: err.message }));
});
process.on('disconnect', () => process.exit(0));
