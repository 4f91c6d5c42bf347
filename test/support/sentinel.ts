/**
 * A Redis primary, its replica and three sentinels of the test's own, on free loopback ports in
 * temporary directories (never the machine's Redis). Sentinel is tuned to notice a dead
 * primary within a second and to promote quickly; docs/operations.md gives the same figures.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { durableNodeArgs, freePort, pingRedis, waitFor } from './redis';

export const SENTINEL_NAME = 'lagesbild';
export const DOWN_AFTER_MS = 1000;
export const FAILOVER_TIMEOUT_MS = 3000;

/** Whether this machine has redis-sentinel (Debian package redis-sentinel). */
export const haveSentinel = (): boolean =>
  spawnSync('sh', ['-c', 'command -v redis-sentinel'], { stdio: 'ignore' }).status === 0;

export interface DataNode {
  port: number;
  dir: string;
  /** Starts (again) on the same port and directory; `replicaOf` makes it a replica. */
  start(replicaOf?: number): Promise<void>;
  kill(): Promise<void>;
  running(): boolean;
}

export interface Topology {
  primary: DataNode;
  replica: DataNode;
  sentinels: { host: string; port: number }[];
  /** `host:port,…` for REDIS_SENTINELS. */
  sentinelList: string;
  /** The port the sentinels name as primary now. */
  currentPrimaryPort(): Promise<number>;
  stop(): Promise<void>;
}

const killChild = (c: ChildProcess | null): Promise<void> =>
  new Promise((res) => {
    if (!c || c.exitCode !== null || c.signalCode !== null) return res();
    c.once('exit', () => res());
    c.kill('SIGKILL');
  });

export async function dataNode(root: string, name: string): Promise<DataNode> {
  const port = await freePort();
  const dir = path.join(root, name);
  let child: ChildProcess | null = null;
  const node: DataNode = {
    port,
    dir,
    async start(replicaOf) {
      spawnSync('mkdir', ['-p', dir]);
      child = spawn(
        'redis-server',
        [
          ...durableNodeArgs(port, dir, 'always'),
          '--loglevel',
          'warning',
          // A (re)joining replica is synced at once; Redis's default waits 5 s for others first.
          '--repl-diskless-sync-delay',
          '0',
          ...(replicaOf ? ['--replicaof', '127.0.0.1', String(replicaOf)] : []),
        ],
        { stdio: 'ignore' },
      );
      await waitFor(() => pingRedis(port), 10_000, `redis-server ${name} on ${port}`);
    },
    kill: async () => {
      const c = child;
      child = null;
      await killChild(c);
    },
    running: () => child !== null && child.exitCode === null,
  };
  return node;
}

/** Primary + replica (linked) + three sentinels that agree on the primary. */
export async function startTopology(): Promise<Topology> {
  const root = mkdtempSync(path.join(tmpdir(), 'lb-sentinel-'));
  const primary = await dataNode(root, 'primary');
  const replica = await dataNode(root, 'replica');
  await primary.start();
  await replica.start(primary.port);
  const probe = new Redis({ port: primary.port, host: '127.0.0.1' });
  await waitFor(
    async () => /slave0:.*state=online/.test(await probe.info('replication')),
    10_000,
    'the replica linked',
  );
  probe.disconnect();
  const sentinelProcs: ChildProcess[] = [];
  const sentinels: { host: string; port: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const conf = path.join(root, `sentinel-${i}.conf`);
    // Sentinel rewrites its file with what it learns; each needs its own.
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${root}`,
        `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${SENTINEL_NAME} ${DOWN_AFTER_MS}`,
        `sentinel failover-timeout ${SENTINEL_NAME} ${FAILOVER_TIMEOUT_MS}`,
        `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
        '',
      ].join('\n'),
    );
    sentinelProcs.push(
      spawn('redis-sentinel', [conf, '--loglevel', 'warning'], { stdio: 'ignore' }),
    );
    sentinels.push({ host: '127.0.0.1', port });
  }
  const askSentinel = async (port: number): Promise<string[] | null> => {
    const s = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    s.on('error', () => undefined);
    try {
      await s.connect();
      return (await s.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_NAME)) as string[];
    } catch {
      return null;
    } finally {
      s.disconnect();
    }
  };
  // Each sentinel must know the others before a failover can get a majority.
  for (const s of sentinels)
    await waitFor(
      async () => {
        const r = new Redis({
          port: s.port,
          host: '127.0.0.1',
          lazyConnect: true,
          retryStrategy: () => null,
        });
        r.on('error', () => undefined);
        try {
          await r.connect();
          const info = (await r.call('SENTINEL', 'master', SENTINEL_NAME)) as string[];
          const f = (k: string) => info[info.indexOf(k) + 1];
          return Number(f('num-other-sentinels')) === 2 && Number(f('num-slaves')) === 1;
        } catch {
          return false;
        } finally {
          r.disconnect();
        }
      },
      20_000,
      `sentinel ${s.port} sees the others and the replica`,
    );
  return {
    primary,
    replica,
    sentinels,
    sentinelList: sentinels.map((s) => `${s.host}:${s.port}`).join(','),
    async currentPrimaryPort() {
      for (const s of sentinels) {
        const addr = await askSentinel(s.port);
        if (addr) return Number(addr[1]);
      }
      throw new Error('no sentinel answers');
    },
    async stop() {
      await Promise.all(sentinelProcs.map(killChild));
      await primary.kill();
      await replica.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
