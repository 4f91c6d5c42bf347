import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../server/config';
import { createLagesbild, embeddedBackends, type Backends, type Lagesbild } from '../../server/app';
import type { StoredEvent } from '../../shared/events';
import type {
  BatchMeta,
  ClientToServerEvents,
  CommandAck,
  ServerToClientEvents,
  SnapshotMessage,
} from '../../shared/protocol';
import { DEMO_PASSWORD } from '../../server/demoPeople';

export interface TestServer {
  app: Lagesbild;
  url: string;
  dataDir: string;
  close(opts?: { keepData?: boolean }): Promise<void>;
}

export function tempDataDir(prefix = 'lb-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A real server on a free loopback port, with its own data directory. */
export async function startTestServer(
  env: Record<string, string> = {},
  backends?: (c: Config) => Promise<Backends> | Backends,
  /** What no setting gives, e.g. the protocol version of another release. */
  overrides: Partial<Config> = {},
): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? tempDataDir();
  const config: Config = {
    ...loadConfig({
      DEMO: 'on',
      PORT: '0',
      HOST: '127.0.0.1',
      LOGIN_RATE_LIMIT: '1000',
      // Tests drive consoles faster than people do; test/abuse.int.test.ts tests the limit (R87).
      COMMAND_RATE_PER_SECOND: '100000',
      COMMAND_RATE_BURST: '100000',
      ...env,
      DATA_DIR: dataDir,
    }),
    ...overrides,
  };
  const app = await createLagesbild(
    config,
    backends ? await backends(config) : embeddedBackends(config),
  );
  const port = await app.listen();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    close: async (opts) => {
      await app.close();
      await new Promise<void>((r) => app.http.close(() => r()));
      if (!opts?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A server a test file starts when it will (with settings of its own), closed after each test
 * (`'each'`) or after the file (`'all'`) together with the consoles opened on it.
 * `srv` stands for the server last started.
 */
export function serverHarness(lifetime: 'each' | 'all' = 'each') {
  let current: TestServer | undefined;
  const now = () => {
    if (!current) throw new Error('no server started');
    return current;
  };
  const consoles: TestConsole[] = [];
  (lifetime === 'each' ? afterEach : afterAll)(async () => {
    for (const c of consoles.splice(0)) c.close();
    await current?.close();
    current = undefined;
  });
  const srv: TestServer = {
    get app() {
      return now().app;
    },
    get url() {
      return now().url;
    },
    get dataDir() {
      return now().dataDir;
    },
    close: (opts) => now().close(opts),
  };
  /** A console on `cookie`'s session, closed with the server. */
  const connect = async (cookie: string, lastSeq = 0) => {
    const c = await connectConsole(srv.url, cookie, lastSeq);
    consoles.push(c);
    return c;
  };
  return {
    srv,
    /** Consoles to close with the server. */
    consoles,
    /** Starts the server `srv` stands for from now on. */
    start: async (...args: Parameters<typeof startTestServer>) =>
      (current = await startTestServer(...args)),
    connect,
    /** A console signed in as `user`, closed with the server. */
    open: async (user: string, lastSeq = 0) => connect(await login(srv.url, user), lastSeq),
    real: () => srv.app.spaces.get('real')!,
  };
}

/** A harness whose server starts with the default settings before each test or the first. */
function startedHarness(lifetime: 'each' | 'all') {
  const harness = serverHarness(lifetime);
  (lifetime === 'each' ? beforeEach : beforeAll)(async () => {
    await harness.start();
  });
  return harness;
}

/** A fresh server with the default settings for every test of the file. */
export const serverPerTest = () => startedHarness('each');

/** One server with the default settings for all the tests of the file. */
export const serverPerFile = () => startedHarness('all');

/** Signs in over HTTP and returns the session cookie. */
export async function login(
  url: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200)
    throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no cookie');
  return cookie.split(';')[0];
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A console as the tests see it: the events it received, in order, and a way to send commands. */
export interface TestConsole {
  socket: ClientSocket;
  events: StoredEvent[];
  batches: BatchMeta[];
  snapshots: SnapshotMessage[];
  lastSeq(): number;
  command(
    type: string,
    payload: unknown,
    opts?: { id?: string; space?: string; actingFor?: string },
  ): Promise<CommandAck>;
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

let counter = 0;
export const newCommandId = () => `cmd-${process.pid}-${Date.now()}-${++counter}`;

export function connectConsole(
  url: string,
  cookie: string,
  lastSeq = 0,
  /** The protocol the console names in its handshake (none: the version before consoles did). */
  protocolVersion?: number,
): Promise<TestConsole> {
  const socket: ClientSocket = ioClient(url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    auth: { lastSeq, ...(protocolVersion === undefined ? {} : { protocolVersion }) },
    reconnection: false,
    forceNew: true,
  });
  const c: TestConsole = {
    socket,
    events: [],
    batches: [],
    snapshots: [],
    lastSeq: () => c.batches.at(-1)?.to ?? c.snapshots.at(-1)?.seq ?? lastSeq,
    command: (type, payload, opts = {}) =>
      new Promise((resolve) =>
        socket.emit(
          'command',
          {
            id: opts.id ?? newCommandId(),
            type,
            payload,
            ...(opts.space ? { space: opts.space } : {}),
            ...(opts.actingFor ? { actingFor: opts.actingFor } : {}),
          } as never,
          resolve,
        ),
      ),
    waitForSeq: (seq, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const t0 = Date.now();
        const check = () => {
          if (c.lastSeq() >= seq) return resolve();
          if (Date.now() - t0 > timeoutMs)
            return reject(new Error(`timed out waiting for seq ${seq} (at ${c.lastSeq()})`));
          setTimeout(check, 10);
        };
        check();
      }),
    close: () => socket.disconnect(),
  };
  socket.on('events', (evs, meta) => {
    c.events.push(...evs);
    c.batches.push(meta);
  });
  socket.on('snapshot', (s) => c.snapshots.push(s));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(c));
    socket.once('connect_error', (e) => reject(e));
  });
}
