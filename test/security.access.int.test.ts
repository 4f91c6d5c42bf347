/**
 * Access control over real sockets and HTTP on loopback: who receives what, spaces
 * kept apart, and sessions that end (expiry, sign-out, disabled account).
 */
import { embeddedBackends } from '../server/app';
import { canSee } from '../shared/visibility';
import type { Actor } from '../shared/domain/actor';
import type { Audience } from '../shared/domain/state';
import type { StoredEvent } from '../shared/events';
import { login, serverHarness, type TestConsole } from './support/server';
import { connectOutcome, postJson, rawSocket, until } from './support/security';

const { srv, start, open, connect, real } = serverHarness();

const SECRET = 'Sekretess: brukare på Farstagården 12 flyttas till evakueringsplats B.';
const UNIT_SECRET = 'Sekretess: reservvattenintag vid Norsborg är sårbart.';
const hasText = (events: StoredEvent[], text: string) =>
  events.some((e) => e.type === 'log.written' && e.data.text === text);

describe('who receives what', () => {
  beforeEach(async () => {
    await start();
  });

  test('R72 a confidential district note reaches its district and the director, not another district — live, on resume, in a snapshot and in /api/log', async () => {
    const farsta = await open('tib.farsta');
    const dir = await open('stadsdir');
    const bromma = await open('tib.bromma');
    const ack = await farsta.command('log.write', {
      districtId: 'farsta',
      text: SECRET,
      confidential: true,
    });
    expect(ack.ok).toBe(true);
    // A public note after it, so every console has provably seen the seq of the secret one.
    const pub = await farsta.command('log.write', { text: 'Allmän anteckning.' });
    expect(pub.ok).toBe(true);
    const seq = real().seq;
    await Promise.all([farsta, dir, bromma].map((c) => c.waitForSeq(seq)));
    expect(hasText(farsta.events, SECRET)).toBe(true);
    expect(hasText(dir.events, SECRET)).toBe(true);
    expect(hasText(bromma.events, SECRET)).toBe(false);
    expect(hasText(bromma.events, 'Allmän anteckning.')).toBe(true);
    // The range still covers the hidden seq, so bromma sees no gap and no content.
    expect(bromma.batches.at(-1)!.to).toBe(seq);

    // Resume from before the note: replayed events are filtered the same way.
    const brommaResume = await open('tib.bromma', seq - 2);
    const farstaResume = await open('tib.farsta', seq - 2);
    await Promise.all([brommaResume.waitForSeq(seq), farstaResume.waitForSeq(seq)]);
    expect(hasText(brommaResume.events, SECRET)).toBe(false);
    expect(hasText(farstaResume.events, SECRET)).toBe(true);

    // A snapshot (a console far ahead or too far behind gets the whole state).
    const brommaSnap = await open('tib.bromma', 1e9);
    const dirSnap = await open('stadsdir', 1e9);
    await until(() => brommaSnap.snapshots.length > 0 && dirSnap.snapshots.length > 0, 'snapshots');
    const texts = (c: TestConsole) => c.snapshots[0].state.log.map((l) => l.text);
    expect(texts(brommaSnap)).not.toContain(SECRET);
    expect(texts(brommaSnap)).toContain('Allmän anteckning.');
    expect(texts(dirSnap)).toContain(SECRET);
    expect(JSON.stringify(brommaSnap.snapshots[0])).not.toContain('Farstagården');
    // Generic guard for every module's state, present and future: nothing in a snapshot
    // carries an audience that excludes the console it was sent to.
    const brommaActor: Pick<Actor, 'role' | 'districtId'> = {
      role: 'district_officer',
      districtId: 'bromma',
    };
    const leaks: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const aud = (node as { audience?: Audience }).audience;
      if (aud && !canSee(brommaActor, aud)) leaks.push(at);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}.${k}`);
    };
    walk(dirSnap.snapshots[0].state, 'state'); // the walker does find what bromma may not see…
    expect(leaks.length).toBeGreaterThan(0);
    leaks.length = 0;
    walk(brommaSnap.snapshots[0].state, 'state'); // …and bromma's own snapshot has none of it
    expect(leaks).toEqual([]);

    // History over HTTP.
    const logOf = async (user: string) => {
      const res = await fetch(`${srv.url}/api/log?after=0&limit=5000`, {
        headers: { cookie: await login(srv.url, user) },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { events: StoredEvent[] }).events;
    };
    expect(hasText(await logOf('tib.bromma'), SECRET)).toBe(false);
    expect(hasText(await logOf('tib.farsta'), SECRET)).toBe(true);
    expect(hasText(await logOf('stadsdir'), SECRET)).toBe(true);
  });

  test("R72 a unit's confidential note reaches its unit and the central roles, not another unit or a district", async () => {
    const trafik = await open('sakord.trafik');
    const vatten = await open('sakord.vatten');
    const farsta = await open('tib.farsta');
    const chief = await open('sakchef');
    const ack = await vatten.command('log.write', { text: UNIT_SECRET, confidential: true });
    expect(ack.ok).toBe(true);
    await vatten.command('log.write', { text: 'Allmänt.' });
    const seq = real().seq;
    await Promise.all([trafik, vatten, farsta, chief].map((c) => c.waitForSeq(seq)));
    expect(hasText(vatten.events, UNIT_SECRET)).toBe(true);
    expect(hasText(chief.events, UNIT_SECRET)).toBe(true);
    expect(hasText(trafik.events, UNIT_SECRET)).toBe(false);
    expect(hasText(farsta.events, UNIT_SECRET)).toBe(false);
  });

  test('R72 exercise and real never mix: a console of the real space gets nothing from another space', async () => {
    const ovning = await srv.app.registry.open('ovning-1');
    const realOnly = await open('stadsdir');
    const player = await open('stadsdir');
    const sub = await new Promise<{ ok: boolean }>((r) =>
      player.socket.emit('subscribe', { space: 'ovning-1', lastSeq: 0 }, r),
    );
    expect(sub.ok).toBe(true);
    const realSeq = real().seq;
    const exAck = await player.command(
      'log.write',
      { text: 'ÖVNING ÖVNING ÖVNING' },
      { space: 'ovning-1' },
    );
    expect(exAck.ok).toBe(true);
    expect(real().seq).toBe(realSeq);
    const seen: string[] = [];
    realOnly.socket.on('events', (_e, meta) => seen.push(meta.space));
    realOnly.socket.on('snapshot', (s) => seen.push(s.space));
    const realAck = await realOnly.command('log.write', { text: 'Skarpt läge.' });
    expect(realAck.ok).toBe(true);
    await realOnly.waitForSeq(real().seq);
    await until(
      () => player.events.some((e) => e.space === 'ovning-1'),
      'the exercise console gets the exercise event',
    );
    expect(seen.every((s) => s === 'real')).toBe(true);
    expect(realOnly.events.every((e) => e.space === 'real')).toBe(true);
    expect(hasText(realOnly.events, 'ÖVNING ÖVNING ÖVNING')).toBe(false);
    expect(real().state.log.some((l) => l.text === 'ÖVNING ÖVNING ÖVNING')).toBe(false);
    ovning.close();
  });

  test('R70 a wire command can never pass itself off as the system (no "__system" or "system" back door)', async () => {
    const tib = await open('tib.bromma');
    const before = real().seq;
    for (const type of ['__system', 'system']) {
      const ack = await tib.command(type, {
        drafts: [
          { type: 'user.registered', data: { userId: 'mallory', name: 'M', role: 'admin' } },
        ],
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    }
    expect(real().seq).toBe(before);
    expect(real().state.users.mallory).toBeUndefined();
  });

  test('R71 no account may be registered under the system id', async () => {
    const admin = await open('admin');
    const ack = await admin.command('user.register', {
      userId: 'system',
      name: 'Falsk',
      role: 'observer',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID' } });
  });
});

describe('sessions that end', () => {
  test('R74 an expired session cuts the socket and its cookie opens nothing', async () => {
    await start({ SESSION_TTL_MINUTES: String(1.5 / 60) }); // 1.5 s
    const cookie = await login(srv.url, 'tib.farsta');
    const c = await connect(cookie);
    const ended = new Promise<{ code: string }>((r) => c.socket.once('session_ended', r));
    const gone = new Promise<string>((r) => c.socket.once('disconnect', r));
    expect(await ended).toMatchObject({ code: 'UNAUTHENTICATED' });
    await gone;
    expect(c.socket.connected).toBe(false);
    expect(await connectOutcome(rawSocket(srv.url, { cookie }))).toBe('error:UNAUTHENTICATED');
    const me = await fetch(`${srv.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(401);
  });

  test('R74 a session revoked elsewhere (another node) is refused on the next command and its socket ended', async () => {
    const revoked = new Set<string>();
    await start({}, (config) => ({
      ...embeddedBackends(config),
      revocations: {
        isRevoked: async (sid) => revoked.has(sid),
        revoke: async (sid) => void revoked.add(sid),
      },
    }));
    const cookie = await login(srv.url, 'tib.farsta');
    const c = await connect(cookie);
    expect((await c.command('log.write', { text: 'Före.' })).ok).toBe(true);
    const token = decodeURIComponent(cookie.split('=')[1]);
    const { sid } = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as {
      sid: string;
    };
    revoked.add(sid); // signed out on another node: nothing told this node's socket
    const before = real().seq;
    const ended = new Promise<{ code: string }>((r) => c.socket.once('session_ended', r));
    const ack = await c.command('log.write', { text: 'Efter utloggning.' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await ended).toMatchObject({ code: 'UNAUTHENTICATED' });
    await until(() => !c.socket.connected, 'socket ended');
    expect(real().seq).toBe(before);
  });

  test('R74 signing out ends that session’s socket at once; another session of the same person lives on', async () => {
    await start();
    const cookieA = await login(srv.url, 'tib.farsta');
    const cookieB = await login(srv.url, 'tib.farsta');
    const a = await connect(cookieA);
    const b = await connect(cookieB);
    const ended = new Promise<{ code: string; message: string }>((r) =>
      a.socket.once('session_ended', r),
    );
    const res = await postJson(`${srv.url}/api/logout`, {}, { cookie: cookieA });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/lb_session=;.*Max-Age=0/i);
    expect((await ended).message).toBe('Du har loggat ut.');
    await until(() => !a.socket.connected, 'socket A cut');
    expect(await connectOutcome(rawSocket(srv.url, { cookie: cookieA }))).toBe(
      'error:UNAUTHENTICATED',
    );
    expect((await fetch(`${srv.url}/api/me`, { headers: { cookie: cookieA } })).status).toBe(401);
    expect(b.socket.connected).toBe(true);
    expect((await b.command('log.write', { text: 'fortfarande här' })).ok).toBe(true);
  });

  test('R74 a disabled account is cut off at once: socket, next handshake, HTTP and sign-in', async () => {
    await start();
    const cookie = await login(srv.url, 'tib.bromma');
    const victim = await connect(cookie);
    const admin = await open('admin');
    const ended = new Promise<{ code: string }>((r) => victim.socket.once('session_ended', r));
    const ack = await admin.command('user.disable', { userId: 'tib.bromma' });
    expect(ack.ok).toBe(true);
    expect(await ended).toMatchObject({ code: 'FORBIDDEN' });
    await until(() => !victim.socket.connected, 'victim socket cut');
    expect(await connectOutcome(rawSocket(srv.url, { cookie }))).toBe('error:UNAUTHENTICATED');
    expect((await fetch(`${srv.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    const relogin = await postJson(`${srv.url}/api/login`, {
      username: 'tib.bromma',
      password: 'krisledning',
    });
    expect(relogin.status).toBe(401);
    // And back again: enabling restores access.
    expect((await admin.command('user.enable', { userId: 'tib.bromma' })).ok).toBe(true);
    expect(await login(srv.url, 'tib.bromma')).toMatch(/^lb_session=/);
  });
});
