/** Exercise mode end to end over a real server and real sockets (R60–R69). */
import { maySeeSpace, takesPartIn } from '../shared/visibility';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { login, serverHarness, tempDataDir, type TestConsole } from './support/server';
import type { StoredEvent } from '../shared/events';

const SCENARIO = `
format: lagesbild-scenario/1
id: kort-test
title: Kort testövning
division: sdo-11-2023
injects:
  - id: larm
    at: '00:00'
    kind: message
    from: Ellevio
    text: Strömmen har gått i Farsta.
  - id: handelse
    at: '00:01'
    kind: event
    ref: elavbrott
    title: Elavbrott i Farsta
    owner: { district: farsta }
  - id: rapport
    at: '00:02'
    kind: report
    district: farsta
    status: severe
    happened: Strömlöst i hela Farsta.
  - id: plats
    at: '00:03'
    kind: marker
    marker: trygghetspunkt
    label: Trygghetspunkt Farsta centrum
    district: farsta
    lat: 59.2434
    lng: 18.0921
    event: elavbrott
`;

const { srv, start: startServer, open, consoles, real } = serverHarness();
let dataDir: string;
const start = async (env: Record<string, string> = {}) => {
  await startServer({
    DATA_DIR: dataDir,
    SCENARIO_DIR: path.join(dataDir, 'scen'),
    ...env,
  });
};

beforeEach(async () => {
  dataDir = tempDataDir();
  mkdirSync(path.join(dataDir, 'scen'));
  writeFileSync(path.join(dataDir, 'scen', 'kort.yaml'), SCENARIO);
  await start();
});
const until = async (ok: () => boolean, ms = 8000) => {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const readAll = async (space: string): Promise<StoredEvent[]> =>
  srv.app.store.read(space, 0, 100_000);

async function startExercise(c: TestConsole, payload: Record<string, unknown>) {
  const ack = await c.command('exercise.start', { name: 'Testövning', ...payload });
  expect(ack).toMatchObject({ ok: true });
  const ex = Object.values(real().state.exercise.exercises).at(-1)!;
  await until(
    () =>
      srv.app.spaces.get(ex.space)?.state.exercise.control !== null &&
      srv.app.spaces.get(ex.space) !== undefined,
  );
  return { ex, space: () => srv.app.spaces.get(ex.space)! };
}

test('R65 a short scenario plays end to end with compressed time: injects in order, in the exercise log only', async () => {
  const lead = await open('stabschef');
  const tib = await open('tib.farsta');
  // One exercise minute per 100 ms.
  const { ex, space } = await startExercise(lead, { scenarioId: 'kort-test', timeScale: 600 });
  expect(ex.space).toMatch(/^exercise-/);
  const sub = await new Promise<{ ok: boolean }>((r) =>
    tib.socket.emit('subscribe', { space: ex.space, lastSeq: 0 }, r),
  );
  expect(sub.ok).toBe(true);

  // Real events keep flowing to everyone meanwhile.
  const realAck = await tib.command('log.write', { text: 'Skarp anteckning under övningen.' });
  expect(realAck.ok).toBe(true);

  await until(() =>
    Object.values(space().state.exercise.control?.injects ?? {}).every(
      (i) => i.status === 'delivered',
    ),
  );
  const exLog = await readAll(ex.space);
  const delivered = exLog.filter((e) => e.type === 'exercise.injectDelivered');
  expect(delivered.map((e) => (e.data as { injectId: string }).injectId)).toEqual([
    'larm',
    'handelse',
    'rapport',
    'plats',
  ]);
  // Each delivery is followed, in the same command, by its effect.
  const effectOf = (id: string) => {
    const d = exLog.find((e) => e.type === 'exercise.injectDelivered' && e.data.injectId === id)!;
    return exLog.find((e) => e.seq === d.seq + 1)!;
  };
  expect(effectOf('larm').type).toBe('exercise.message');
  expect(effectOf('handelse')).toMatchObject({
    type: 'event.opened',
    data: { eventId: 'evt_elavbrott' },
  });
  expect(effectOf('rapport')).toMatchObject({
    type: 'district.reported',
    data: { districtId: 'farsta' },
  });
  expect(effectOf('plats')).toMatchObject({
    type: 'marker.placed',
    data: { eventId: 'evt_elavbrott' },
  });
  expect(effectOf('larm').commandId).toBe(`inject:${ex.id}:larm`);
  // Deliveries honour the clock: a minute of exercise time is about 100 ms.
  const startedAt = Date.parse(space().state.exercise.control!.startedAt);
  delivered.forEach((e, i) =>
    expect(Date.parse(e.at) - startedAt).toBeGreaterThanOrEqual(i * 100 - 50),
  );

  // The real log knows only that the exercise exists.
  const realLog = await readAll('real');
  const realTypes = realLog.map((e) => e.type);
  expect(realTypes).toContain('exercise.started');
  expect(realTypes.filter((t) => t.startsWith('exercise.') && t !== 'exercise.started')).toEqual(
    [],
  );
  expect(realLog.some((e) => e.commandId.startsWith('inject:'))).toBe(false);
  expect(realLog.some((e) => JSON.stringify(e.data).includes('Strömmen har gått i Farsta'))).toBe(
    false,
  );
  expect(real().state.events.evt_elavbrott).toBeUndefined();
  expect(space().state.events.evt_elavbrott.title).toBe('Elavbrott i Farsta');

  // The participant's console received the exercise events on its exercise subscription.
  await until(() => tib.events.some((e) => e.space === ex.space && e.type === 'marker.placed'));
  const seen = tib.events.filter(
    (e) => e.space === ex.space && e.type === 'exercise.injectDelivered',
  );
  expect(seen.map((e) => (e.data as { injectId: string }).injectId)).toEqual([
    'larm',
    'handelse',
    'rapport',
    'plats',
  ]);
  // And the district officer never received the script before each inject was played (R67).
  expect(tib.events.some((e) => e.space === ex.space && e.type === 'exercise.injectAdded')).toBe(
    false,
  );
  expect(tib.events.some((e) => e.space === 'real' && e.type === 'log.written')).toBe(true);
});

test('R66 the leader pauses, skips, adds live and resumes; nothing plays while paused', async () => {
  const lead = await open('stabschef');
  // One exercise minute per second: the first inject is due at once, the rest later.
  const { ex, space } = await startExercise(lead, { scenarioId: 'kort-test', timeScale: 60 });
  await until(() => space().state.exercise.control?.injects.larm?.status === 'delivered');
  const inEx = (type: string, payload: unknown) => lead.command(type, payload, { space: ex.space });
  expect(await inEx('exercise.pause', {})).toMatchObject({ ok: true });
  expect(await inEx('exercise.skipInject', { injectId: 'rapport' })).toMatchObject({ ok: true });
  const live = await inEx('exercise.addInject', {
    inject: {
      id: 'extra',
      kind: 'message',
      from: 'Länsstyrelsen',
      text: 'Samverkanskonferens kl. 11.',
    },
  });
  expect(live).toMatchObject({ ok: true });
  await new Promise((r) => setTimeout(r, 1300));
  const c = () => space().state.exercise.control!;
  expect(c().status).toBe('paused');
  expect(c().injects.handelse.status).toBe('pending');
  expect(c().injects.extra.status).toBe('pending');

  // A participant cannot steer the exercise.
  const tib = await open('tib.farsta');
  expect(await tib.command('exercise.resume', {}, { space: ex.space })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  // Nor deliver an inject by hand.
  expect(
    await lead.command('exercise.deliverInject', { injectId: 'handelse' }, { space: ex.space }),
  ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // A bad live inject is refused with its path.
  const bad = await inEx('exercise.addInject', {
    inject: { id: 'x', kind: 'report', district: 'farsta' },
  });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID' } });
  expect((bad as { error: { message: string } }).error.message).toMatch(
    /^inject\.(status|happened)/,
  );

  expect(await inEx('exercise.resume', {})).toMatchObject({ ok: true });
  await until(() => c().injects.plats.status === 'delivered');
  const order = (await readAll(ex.space))
    .filter((e) => e.type === 'exercise.injectDelivered')
    .map((e) => (e.data as { injectId: string }).injectId);
  expect(order).toEqual(['larm', 'extra', 'handelse', 'plats']);
  expect(c().injects.rapport.status).toBe('skipped');
  expect(space().state.reports.rep_rapport).toBeUndefined();
});

test('R69 delivery is idempotent and survives a restart; R64 ending closes the exercise log', async () => {
  const lead = await open('stabschef');
  const { ex, space } = await startExercise(lead, { scenarioId: 'kort-test', timeScale: 30 });
  await until(() => space().state.exercise.control?.injects.larm?.status === 'delivered');
  // The same delivery again is a duplicate, not a second message.
  const again = await space().submit(
    { userId: 'system', name: 'x', role: 'admin' },
    `inject:${ex.id}:larm`,
    { type: 'exercise.deliverInject', payload: { injectId: 'larm' } },
  );
  expect(again).toMatchObject({ ok: true, duplicate: true });
  const before = (await readAll(ex.space)).length;
  for (const c of consoles.splice(0)) c.close();
  await srv.close({ keepData: true });

  await start();
  const sp = () => srv.app.spaces.get(ex.space)!;
  expect(sp()).toBeDefined();
  expect((await readAll(ex.space)).length).toBeGreaterThanOrEqual(before);
  // Injects still pending were rescheduled from the log.
  await until(() => sp().state.exercise.control?.injects.plats?.status === 'delivered');
  const delivered = (await readAll(ex.space)).filter((e) => e.type === 'exercise.injectDelivered');
  expect(delivered.map((e) => (e.data as { injectId: string }).injectId)).toEqual([
    'larm',
    'handelse',
    'rapport',
    'plats',
  ]);

  const lead2 = await open('stabschef');
  expect(await lead2.command('exercise.end', { exerciseId: ex.id })).toMatchObject({ ok: true });
  await until(() => sp().state.exercise.control?.status === 'ended');
  const refused = await lead2.command('log.write', { text: 'efter slutet' }, { space: ex.space });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(real().state.exercise.exercises[ex.id].status).toBe('ended');
});

test('R60 only an administrator or the CKL lead starts an exercise; R68 only participants enter it', async () => {
  const tib = await open('tib.farsta');
  expect(await tib.command('exercise.start', { name: 'x' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const admin = await open('admin');
  const missing = await admin.command('exercise.start', { name: 'x', scenarioId: 'finns-inte' });
  expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const { ex } = await startExercise(admin, { participants: ['stabschef', 'tib.farsta'] });
  const exSpace = srv.app.spaces.get(ex.space)!;
  expect(Object.keys(exSpace.state.users).sort()).toEqual(['admin', 'stabschef', 'tib.farsta']);
  expect(exSpace.state.users['tib.farsta']).toMatchObject({
    role: 'district_officer',
    districtId: 'farsta',
  });
  expect(exSpace.state.division?.districts.length).toBe(11);

  // The real space's summary and the exercise space's own users agree on who takes part, so
  // what a console lists is exactly what the server lets in (R68 in one place each side).
  const summary = real().state.exercise.exercises[ex.id];
  for (const u of Object.values(real().state.users))
    expect([u.userId, takesPartIn(u, summary)]).toEqual([u.userId, maySeeSpace(u, exSpace.state)]);

  const outsider = await open('tib.skarpnack');
  const sub = await new Promise<{ ok: boolean; message?: string }>((r) =>
    outsider.socket.emit('subscribe', { space: ex.space, lastSeq: 0 }, r),
  );
  expect(sub).toEqual({ ok: false, message: 'Du deltar inte i den här övningen.' });
  expect(await outsider.command('log.write', { text: 'x' }, { space: ex.space })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const res = await fetch(`${srv.url}/api/log?space=${ex.space}`, {
    headers: { cookie: await login(srv.url, 'tib.skarpnack') },
  });
  expect(res.status).toBe(403);

  // Every existing command works inside the exercise unchanged.
  const tibIn = await tib.command(
    'district.report',
    {
      districtId: 'farsta',
      basedOnReportId: null,
      status: 'strained',
      happened: 'Övningsrapport.',
      crisisSupport: 'standby',
      nextReportDue: new Date(Date.now() + 3600_000).toISOString(),
    },
    { space: ex.space },
  );
  expect(tibIn).toMatchObject({ ok: true });
  expect(real().state.districts.farsta.latestReportId).not.toBe(
    exSpace.state.districts.farsta.latestReportId,
  );
});
