/**
 * Official warnings on a real server over loopback (R130–R139): file feeds that change under
 * it, the GeoJSON checked with a third-party validator, live updates over Socket.IO, a bad
 * file that keeps the last good set, exercises that see only their scenario's warnings, and
 * warnings as the basis of a disruption or a log entry.
 */
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, getIssues } from '@placemarkio/check-geojson';
import { login, serverHarness, tempDataDir } from './support/server';
import { PROJECT_ROOT } from '../server/paths';
import type { WarningCollectionMessage } from '../shared/protocol';

const FEEDS = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'feeds', 'sr-vma');
const CAP = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'cap', 'example-valid.xml');
const SMHI = path.join(
  PROJECT_ROOT,
  'shared',
  'warnings',
  'testdata',
  'smhi-ibww-handwritten.json',
);
const vma = (prefix: string) =>
  path.join(FEEDS, readdirSync(FEEDS).find((n) => n.startsWith(prefix)) as string);

const { srv, start, connect } = serverHarness();
let dir: string;
let vmaFile: string;

beforeEach(async () => {
  dir = tempDataDir('lb-warn-');
  vmaFile = path.join(dir, 'vma.json');
  copyFileSync(vma('2025-11-23'), vmaFile);
  const smhiFile = path.join(dir, 'smhi.json');
  copyFileSync(SMHI, smhiFile);
  await start({ WARNING_FEEDS: `vma=${vmaFile},smhi=${smhiFile},cap=${CAP}` }, undefined, {
    warningPollMs: 150,
  });
});

const get = async (cookie: string, q = ''): Promise<Response> =>
  fetch(`${srv.url}/api/warnings${q}`, { headers: { cookie } });
const until = async <T>(f: () => T | undefined | false, ms = 8000): Promise<T> => {
  const t0 = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
async function open(user: string) {
  const cookie = await login(srv.url, user);
  const c = await connect(cookie);
  const pushed: WarningCollectionMessage[] = [];
  c.socket.on('warnings', (m) => pushed.push(m));
  return { c, cookie, pushed };
}

test('R130 R133 GET /api/warnings is a valid RFC 7946 FeatureCollection with the properties every source carries', async () => {
  const { cookie } = await open('analys');
  expect((await fetch(`${srv.url}/api/warnings`)).status).toBe(401);
  let fc: WarningCollectionMessage | undefined;
  for (let i = 0; i < 100; i++) {
    const res = await get(cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
    fc = (await res.json()) as WarningCollectionMessage;
    if (fc.feeds.length === 3 && fc.feeds.every((f) => f.state === 'ok')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(fc?.feeds.map((f) => [f.id, f.state, f.count])).toEqual([
    ['vma-1', 'ok', 0],
    ['smhi-1', 'ok', 3],
    ['cap-1', 'ok', 1],
  ]);
  const text = JSON.stringify(fc);
  // The third-party validator: throws on invalid GeoJSON, lists hints otherwise.
  expect(() => check(text)).not.toThrow();
  expect(getIssues(text)).toEqual([]);
  for (const f of fc!.features)
    expect(Object.keys(f.properties)).toEqual(
      expect.arrayContaining([
        'source',
        'id',
        'level',
        'headline',
        'event',
        'onset',
        'expires',
        'status',
        'areaNames',
      ]),
    );
  const smhiNoArea = fc!.features.find((f) => f.properties.id === '9002-90021');
  expect(smhiNoArea?.geometry).toBeNull();
  expect(smhiNoArea?.properties.levelLabel).toBe('Meddelande');
});

test('R136 a feed file that changes reaches consoles live; a bad file keeps the last good set and reports the error', async () => {
  const { cookie, pushed } = await open('analys');
  const latest = () => pushed.at(-1);
  await until(() => latest()?.feeds.find((f) => f.id === 'vma-1')?.state === 'ok');

  copyFileSync(vma('2025-12-27'), vmaFile);
  const withVma = await until(() =>
    latest()?.features.some((f) => f.properties.id === 'SRCAP20251227191531I')
      ? latest()
      : undefined,
  );
  const vmaFeature = withVma!.features.find((f) => f.properties.id === 'SRCAP20251227191531I')!;
  expect(vmaFeature.geometry).toBeNull();
  expect(vmaFeature.properties).toMatchObject({
    source: 'vma',
    status: 'Actual',
    counties: ['20', '21', '22', '23'],
  });
  const goodAt = withVma!.feeds.find((f) => f.id === 'vma-1')!.dataAt;

  writeFileSync(vmaFile, readFileSync(vmaFile, 'utf8').slice(0, 300));
  const broken = await until(() => {
    const f = latest()?.feeds.find((x) => x.id === 'vma-1');
    return f?.state === 'error' ? latest() : undefined;
  });
  const feed = broken!.feeds.find((f) => f.id === 'vma-1')!;
  expect(feed.reason).toMatch(/ogiltig JSON/);
  expect(feed.failingSince).not.toBeNull();
  expect(feed.dataAt).toBe(goodAt);
  expect(broken!.features.some((f) => f.properties.id === 'SRCAP20251227191531I')).toBe(true);
  // The route says the same as the socket.
  const viaHttp = (await (await get(cookie)).json()) as WarningCollectionMessage;
  expect(viaHttp.feeds.find((f) => f.id === 'vma-1')?.state).toBe('error');

  // Backoff: the next try waits at least one interval after the failure.
  const rounds = srv.app.warnings.polls;
  expect(feed.nextTryAt).toBeGreaterThan(Date.parse(feed.failingSince!));
  // A good file again: the error clears at the next try.
  copyFileSync(vma('2026-05-02'), vmaFile);
  const healed = await until(() => {
    const f = latest()?.feeds.find((x) => x.id === 'vma-1');
    return f?.state === 'ok' && f.dataAt !== goodAt ? latest() : undefined;
  });
  expect(srv.app.warnings.polls).toBeGreaterThan(rounds);
  expect(healed!.features.some((f) => f.properties.counties.includes('14'))).toBe(true);
  expect(healed!.features.some((f) => f.properties.id === 'SRCAP20251227191531I')).toBe(false);
});

test('R138 an exercise shows its scenario’s warnings and never the live feeds’', async () => {
  const admin = await open('admin');
  const ack = await admin.c.command('exercise.start', {
    name: 'Varningsövning',
    participants: ['admin', 'analys'],
  });
  expect(ack).toMatchObject({ ok: true });
  const real = srv.app.spaces.get('real')!;
  const ex = Object.values(real.state.exercise.exercises).at(-1)!;
  await until(() => srv.app.spaces.get(ex.space)?.state.exercise.control);
  const inject = await admin.c.command(
    'exercise.addInject',
    {
      inject: {
        id: 'smhi-storm',
        kind: 'warning',
        level: 'red',
        headline: 'Storm – Stockholms län',
        event: 'Vind',
        counties: ['01'],
        polygon: [
          [17.8, 59.2],
          [18.3, 59.2],
          [18.3, 59.5],
          [17.8, 59.5],
          [17.8, 59.2],
        ],
      },
    },
    { space: ex.space },
  );
  expect(inject).toMatchObject({ ok: true });
  const space = srv.app.spaces.get(ex.space)!;
  await until(() => space.state.exercise.control?.injects['smhi-storm']?.status === 'delivered');
  const fc = (await (
    await get(admin.cookie, `?space=${ex.space}`)
  ).json()) as WarningCollectionMessage;
  expect(fc.origin).toBe('scenario');
  expect(fc.feeds).toEqual([]);
  expect(fc.features.map((f) => [f.properties.id, f.properties.level])).toEqual([
    ['ovning-smhi-storm', 'red'],
  ]);
  expect(() => check(JSON.stringify(fc))).not.toThrow();
  // A non-participant may not read an exercise's warnings.
  const tib = await open('tib.farsta');
  expect((await get(tib.cookie, `?space=${ex.space}`)).status).toBe(403);
  // The real space's live set never contains the exercise's warning.
  const live = (await (await get(tib.cookie)).json()) as WarningCollectionMessage;
  expect(live.features.some((f) => f.properties.id.startsWith('ovning-'))).toBe(false);
});

test('R139 a disruption opened from a warning, and a log entry with it as decision basis, keep its source and link', async () => {
  const { c } = await open('stadsdir');
  const source = {
    source: 'smhi',
    id: '9001-90011',
    level: 'yellow',
    headline: 'Vind – Stockholms skärgård',
    link: 'https://www.smhi.se/vader/varningar-och-brandrisk/varningar-och-meddelanden/varningar',
  };
  const opened = await c.command('event.open', {
    title: 'Vind – Stockholms skärgård',
    description: 'Öppnad från SMHI:s gula varning.',
    area: { kind: 'central' },
    source,
  });
  expect(opened).toMatchObject({ ok: true });
  const real = srv.app.spaces.get('real')!;
  const ev = Object.values(real.state.events).find((e) => e.source?.id === '9001-90011');
  expect(ev?.source).toEqual(source);
  const logged = await c.command('log.write', {
    eventId: ev!.id,
    text: 'Beslutsunderlag: SMHI gul varning – Vind – Stockholms skärgård.',
    source,
  });
  expect(logged).toMatchObject({ ok: true });
  expect(real.state.log.at(-1)?.source).toEqual(source);
  // A malformed reference is refused and changes nothing.
  const seq = real.seq;
  const bad = await c.command('log.write', {
    eventId: ev!.id,
    text: 'x',
    source: { ...source, link: 'javascript:alert(1)' },
  });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID' } });
  expect(real.seq).toBe(seq);
});

test('R135 only the administrator chooses whose attention new warnings draw', async () => {
  const analys = await open('analys');
  const refused = await analys.c.command('warnings.setAttention', { roles: ['ckl_analysis'] });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  if (!refused.ok) expect(refused.error.message).toMatch(/systemadministratören/);
  const admin = await open('admin');
  expect(
    await admin.c.command('warnings.setAttention', { roles: ['ckl_analysis', 'district_officer'] }),
  ).toMatchObject({ ok: true });
  expect(srv.app.spaces.get('real')!.state.warningAttention?.roles).toEqual([
    'ckl_analysis',
    'district_officer',
  ]);
});
