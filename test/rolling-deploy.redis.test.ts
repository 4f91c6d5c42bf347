/**
 * A rolling deploy: two nodes of different releases (protocol versions) on one Redis log,
 * behind a loopback proxy that moves a console from the old node to the new one, as the
 * real proxy does when a node restarts. The console is the real one (its store and its
 * connection, over socket.io-client). It never applies what a node of another version sends:
 * it stops, keeps the state it had, queues what the person does, and asks to be reloaded.
 */
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { Server as IoServer } from 'socket.io';
import type { StoreApi } from 'zustand/vanilla';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { redisBackends } from '../server/redis/backends';
import { createConsoleStore, type Console } from '../client/src/store/console';
import { connect, type Connection } from '../client/src/store/connection';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';
import { SHARED_REDIS_URL, deletePrefix, testPrefix, waitFor } from './support/redis';

jest.setTimeout(60_000);

const NEXT = PROTOCOL_VERSION + 1;
const prefix = testPrefix();
let oldNode: TestServer;
let newNode: TestServer;
let cookie: string;
const closers: (() => unknown)[] = [];

/** A TCP proxy on loopback whose upstream can be switched; `cut` ends every open connection. */
interface Proxy {
  url: string;
  target: number;
  cut(): void;
  close(): Promise<void>;
}
async function startProxy(target: number): Promise<Proxy> {
  const open = new Set<Socket>();
  const server: Server = createServer((down) => {
    const up = tcpConnect(p.target, '127.0.0.1');
    for (const s of [down, up]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    down.pipe(up).pipe(down);
    down.on('close', () => up.destroy());
    up.on('close', () => down.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const p: Proxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    target,
    cut: () => {
      for (const s of open) s.destroy();
    },
    close: () => {
      p.cut();
      return new Promise((r) => server.close(() => r()));
    },
  };
  return p;
}

/** The console as the browser runs it: signed in from /api/me, then the socket. */
async function openConsole(
  url: string,
  protocolVersion = PROTOCOL_VERSION,
): Promise<{ store: StoreApi<Console>; conn: Connection }> {
  const store = createConsoleStore({ storage: null });
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as {
    user: Parameters<Console['signedIn']>[0];
  };
  store.getState().signedIn(me.user);
  const conn = connect(store, url, {
    protocolVersion,
    socket: { extraHeaders: { cookie }, transports: ['websocket'] },
  });
  closers.push(() => conn.close());
  return { store, conn };
}

const seqOf = (store: StoreApi<Console>) => store.getState().spaces.real?.seq ?? 0;

beforeAll(async () => {
  const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_PREFIX: prefix, DEMO: 'on' };
  oldNode = await startTestServer({ ...env, NODE_ID: 'old' }, redisBackends, {
    protocolVersion: PROTOCOL_VERSION,
  });
  newNode = await startTestServer({ ...env, NODE_ID: 'new' }, redisBackends, {
    protocolVersion: NEXT,
  });
  // One session for both nodes: the secret is shared through Redis.
  cookie = await login(oldNode.url, 'stadsdir');
});

afterAll(async () => {
  for (const c of closers.reverse()) await c();
  await newNode?.close();
  await oldNode?.close();
  await deletePrefix(SHARED_REDIS_URL, prefix);
});

test('a console moved to a node of the next release stops, keeps its state and asks for a reload', async () => {
  const proxy = await startProxy(Number(new URL(oldNode.url).port));
  closers.push(() => proxy.close());
  const { store } = await openConsole(proxy.url);
  await waitFor(() => store.getState().connection.status === 'live', 10_000, 'console live');
  await waitFor(() => store.getState().loaded.real === true, 10_000, 'state loaded');

  // Before the deploy: a change made on the old node reaches the console.
  const writer = await connectConsole(oldNode.url, cookie);
  closers.push(() => writer.close());
  const before = await writer.command('log.write', { text: 'Före uppgraderingen.' });
  expect(before).toMatchObject({ ok: true });
  const beforeSeq = (before as { seq: number }).seq;
  await waitFor(() => seqOf(store) >= beforeSeq, 10_000, 'the change before the deploy');

  // The deploy: the proxy sends this console's next connection to the new node.
  proxy.target = Number(new URL(newNode.url).port);
  proxy.cut();
  await waitFor(() => store.getState().mustReload !== null, 10_000, 'the reload request');
  expect(store.getState().mustReload).toEqual({ serverVersion: NEXT });
  const frozen = store.getState().spaces.real;

  // The new release goes on writing to the shared log; the old node fans it out too.
  const nextConsole = await connectConsole(newNode.url, cookie, 0, NEXT);
  closers.push(() => nextConsole.close());
  const after = await nextConsole.command('log.write', { text: 'Efter uppgraderingen.' });
  expect(after).toMatchObject({ ok: true });
  const afterSeq = (after as { seq: number }).seq;
  await writer.waitForSeq(afterSeq, 10_000);
  await nextConsole.waitForSeq(afterSeq, 10_000);

  // What the person does now waits in the outbox for the reloaded page; nothing is sent.
  store.getState().send('test', 'log.write', { text: 'Skrivet medan sidan behöver laddas om.' });
  await new Promise((r) => setTimeout(r, 1500)); // the reconnect policy's longest wait and then some
  expect(store.getState().spaces.real).toBe(frozen);
  expect(seqOf(store)).toBe(beforeSeq);
  expect(store.getState().pending).toHaveLength(1);
  expect(store.getState().connection.status).not.toBe('live');
  expect(
    writer.events.some((e) => e.data && (e.data as { text?: string }).text?.includes('medan')),
  ).toBe(false);

  // The reloaded page speaks the new release's version and is live on the same log.
  const reloaded = await openConsole(proxy.url, NEXT);
  await waitFor(
    () =>
      reloaded.store.getState().connection.status === 'live' && seqOf(reloaded.store) >= afterSeq,
    10_000,
    'the reloaded console',
  );
  expect(reloaded.store.getState().mustReload).toBeNull();
});

test('a console of the next release that reaches an old node is refused the same way', async () => {
  const { store } = await openConsole(oldNode.url, NEXT);
  await waitFor(() => store.getState().mustReload !== null, 10_000, 'the reload request');
  expect(store.getState().mustReload).toEqual({ serverVersion: PROTOCOL_VERSION });
  expect(store.getState().loaded.real).toBeUndefined();
  expect(seqOf(store)).toBe(0);
});

test('the node refuses a handshake of another version with PROTOCOL_MISMATCH and its version', async () => {
  await expect(connectConsole(newNode.url, cookie, 0, PROTOCOL_VERSION)).rejects.toMatchObject({
    message: 'PROTOCOL_MISMATCH',
    data: {
      code: 'PROTOCOL_MISMATCH',
      message: 'En ny version finns – ladda om sidan',
      serverVersion: NEXT,
    },
  });
  // A console that names no version is one of version 1, from before consoles named it.
  await expect(connectConsole(newNode.url, cookie)).rejects.toMatchObject({
    message: 'PROTOCOL_MISMATCH',
  });
  const old = await connectConsole(oldNode.url, cookie);
  closers.push(() => old.close());
  expect(old.socket.connected).toBe(true);
});

test('a console refuses a hello of a version it does not know, and every event after it', async () => {
  // A node of a release that did not yet check the handshake: it serves anyone and says its
  // version only in hello, then streams events by its own rules.
  const http = createHttpServer();
  const io = new IoServer(http, { serveClient: false });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => io.close(() => r(undefined))));
  const port = (http.address() as AddressInfo).port;
  io.on('connection', (s) => {
    s.emit('hello', {
      protocolVersion: NEXT,
      nodeId: 'foreign',
      user: { userId: 'stadsdir', name: 'Stadsdirektör', role: 'director', active: true },
      serverTime: new Date().toISOString(),
    } as never);
    s.emit(
      'events',
      [
        {
          seq: 1,
          space: 'real',
          type: 'log.written',
          data: { entryId: 'l1', text: 'Från en annan version' },
          at: new Date().toISOString(),
          actor: { userId: 'x', name: 'X', role: 'director' },
          commandId: 'c1',
          hash: 'h',
        },
      ] as never,
      { space: 'real', from: 1, to: 1 } as never,
    );
  });
  const store = createConsoleStore({ storage: null });
  const conn = connect(store, `http://127.0.0.1:${port}`, {
    socket: { transports: ['websocket'] },
  });
  closers.push(() => conn.close());
  await waitFor(() => store.getState().mustReload !== null, 10_000, 'the reload request');
  expect(store.getState().mustReload).toEqual({ serverVersion: NEXT });
  await new Promise((r) => setTimeout(r, 300));
  expect(seqOf(store)).toBe(0);
  expect(store.getState().me).toBeNull();
  expect(store.getState().connection.status).not.toBe('live');
});
