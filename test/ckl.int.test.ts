/** The four CKL functions over a real server and real sockets on loopback. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectConsole, login, serverPerTest, type TestConsole } from './support/server';
import { xmllint, CAP_DIR } from './support/xmllint';

const { srv, consoles, real } = serverPerTest();
const cookies = new Map<string, string>();
const cookie = async (user: string) => {
  if (!cookies.has(user)) cookies.set(user, await login(srv.url, user));
  return cookies.get(user) as string;
};
const open = async (user: string) => {
  const c = await connectConsole(srv.url, await cookie(user));
  consoles.push(c);
  return c;
};
beforeEach(() => cookies.clear());
const EVT = 'evt_demo_soderort';
const ok = async (c: TestConsole, type: string, payload: unknown) => {
  const ack = await c.command(type, payload);
  if (!ack.ok) throw new Error(`${type}: ${ack.error.code} ${ack.error.message}`);
  return ack.seq;
};
const lastOf = (c: TestConsole, type: string) => c.events.filter((e) => e.type === type).at(-1);
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function activate(fns: string[]) {
  const dir = await open('stadsdir');
  await ok(dir, 'ckl.activate', { eventId: EVT, functions: fns, decision: { basis: 'Behov.' } });
}

test('R21 R25 R26 liaison logs a contact and runs a conference with roll-call, minutes and joint direction', async () => {
  const chair = await open('ordf');
  const liaison = await open('samverkan');
  const contact = {
    actorId: 'ellevio',
    eventId: EVT,
    direction: 'in',
    channel: 'phone',
    summary: 'Ellevio: återställning tidigast i morgon 06:00.',
  };
  const refused = await liaison.command('liaison.logContact', contact);
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  await activate(['liaison']);
  await ok(liaison, 'liaison.logContact', contact);
  await ok(liaison, 'liaison.scheduleConference', {
    eventId: EVT,
    at: new Date().toISOString(),
    cadenceMinutes: 180,
  });
  const conferenceId = Object.values(real().state.ckl.conferences)[0].id;
  await ok(liaison, 'liaison.startConference', { conferenceId });
  await ok(liaison, 'liaison.rollCall', {
    conferenceId,
    entries: [
      { actorId: 'polisen', presence: 'present' },
      { actorId: 'storstockholms-brandforsvar', presence: 'present' },
      { actorId: 'ellevio', presence: 'present' },
      { actorId: 'region-stockholm', presence: 'excused' },
    ],
  });
  for (const [item, text] of Object.entries({
    situation: '40 000 hushåll utan ström.',
    forecast: 'Minst ett dygn.',
    actions: 'Värmestugor, reservkraft till äldreboenden.',
    needs: 'Bussar för evakuering.',
    communication: 'Gemensamt budskap kl 12 via stockholm.se och Krisinformation.se.',
  }))
    await ok(liaison, 'liaison.minute', { conferenceId, item, text });
  const seq = await ok(liaison, 'liaison.closeConference', {
    conferenceId,
    jointDirection: 'Prioritera värme och vatten till sårbara grupper.',
  });
  await chair.waitForSeq(seq);
  expect(lastOf(chair, 'liaison.conferenceClosed')?.data).toMatchObject({
    conferenceId,
    jointDirection: 'Prioritera värme och vatten till sårbara grupper.',
  });
  const conf = real().state.ckl.conferences[conferenceId];
  expect(conf.rollCall.polisen).toBe('present');
  expect(Object.keys(conf.minutes)).toHaveLength(5);
  expect(real().state.ckl.conferences[conf.nextId!].status).toBe('scheduled');
  expect(real().state.ckl.contacts.at(-1)?.by.userId).toBe('samverkan');
});

test('R28 R29 analysis compiles a report from two district reports; the lead approves; the chair and districts receive it', async () => {
  const chair = await open('ordf');
  const tibFarsta = await open('tib.farsta');
  const tibSkarp = await open('tib.skarpnack');
  const analysis = await open('analys');
  const lead = await open('stabschef');
  const report = (districtId: string, basedOnReportId: string | null) => ({
    districtId,
    basedOnReportId,
    status: 'severe',
    happened: `Strömlöst i ${districtId}.`,
    needs: 'Reservkraft.',
    crisisSupport: 'active',
    nextReportDue: inHours(1),
  });
  await ok(tibFarsta, 'district.report', report('farsta', 'rep_demo_farsta_1'));
  await ok(tibSkarp, 'district.report', report('skarpnack', null));
  const fresh = [
    real().state.districts.farsta.latestReportId,
    real().state.districts.skarpnack.latestReportId,
  ];
  const draftSeq = await ok(analysis, 'analysis.draftSitrep', {
    eventId: EVT,
    title: 'Samlad lägesbild Söderort',
    situation: 'Tre stadsdelsområden strömlösa.',
    forecast: 'Återställning tidigast i morgon.',
  });
  // The newest version is the one just drafted (the demo has an approved one before it).
  const sitrepId = Object.values(real().state.ckl.sitreps).at(-1)!.id;
  const seq = await ok(lead, 'ckl.approveSitrep', { sitrepId });
  for (const c of [chair, tibFarsta, tibSkarp]) await c.waitForSeq(seq);
  const got = lastOf(chair, 'analysis.sitrepApproved');
  expect(got?.actor.userId).toBe('stabschef');
  expect(got?.data).toMatchObject({
    sitrepId,
    version: 2, // the demo's approved report is version 1
    title: 'Samlad lägesbild Söderort',
    draftedBy: { userId: 'analys' },
    sentTo: ['Krisledningsnämndens ordförande', 'Stadsdelsområdena'],
  });
  const sources = (got?.data as { sources: { districtReportIds: string[] } }).sources;
  expect(sources.districtReportIds).toEqual(expect.arrayContaining(fresh));
  // The districts receive the approved report, never the draft.
  expect(lastOf(tibFarsta, 'analysis.sitrepApproved')?.data).toMatchObject({ sitrepId });
  expect(tibFarsta.events.some((e) => e.type === 'analysis.sitrepDrafted')).toBe(false);
  expect(tibFarsta.events.some((e) => e.seq === draftSeq)).toBe(false);
  expect(chair.events.some((e) => e.seq === draftSeq)).toBe(true);

  // A new draft after approval: a district console that starts from a snapshot holds the
  // approved report only (R29, R38).
  await ok(analysis, 'analysis.draftSitrep', {
    eventId: EVT,
    title: 'Samlad lägesbild Söderort',
    situation: 'Utkast 2.',
  });
  const late = await connectConsole(srv.url, await cookie('tib.farsta'), Number.MAX_SAFE_INTEGER);
  consoles.push(late);
  // It claims a seq past the server's, so it is at nothing until the snapshot comes.
  for (let i = 0; i < 500 && late.snapshots.length === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
  await late.waitForSeq(real().seq);
  const snap = late.snapshots.at(-1)!.state.ckl.sitreps;
  const seen = Object.values(snap).map((r) => [r.id, r.status]);
  expect(seen).toContainEqual([sitrepId, 'approved']);
  expect(seen.filter(([, status]) => status === 'draft')).toEqual([]);
  expect(Object.values(real().state.ckl.sitreps).filter((r) => r.status === 'draft')).toHaveLength(
    1,
  );
});

test('R30 R31 R32 information drafts, gets approval, publishes, and the CAP export validates', async () => {
  const info = await open('info');
  const lead = await open('stabschef');
  const obs = await open('presidium');
  await ok(info, 'information.draftMessage', {
    eventId: EVT,
    targetGroup: 'public',
    headline: 'Värmestugor öppnar i Söderort',
    body: 'Farsta, Enskede-Årsta-Vantör & Skarpnäck: värmestugor öppnar kl 18 i tre skolor.',
    instruction: 'Hjälp äldre grannar att ta sig dit.',
    cap: { category: 'Infra', urgency: 'Expected', severity: 'Severe', certainty: 'Observed' },
  });
  const messageId = Object.values(real().state.ckl.messages).at(-1)!.id;
  const capUrl = `${srv.url}/api/cap/${messageId}`;
  const get = async (user?: string) =>
    fetch(capUrl, user ? { headers: { cookie: await cookie(user) } } : {});
  expect((await get()).status).toBe(401);
  expect((await get('tib.farsta')).status).toBe(404); // a draft is not theirs to see
  expect((await get('info')).status).toBe(409);
  const own = await info.command('information.approveMessage', { messageId });
  expect(own).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await ok(lead, 'information.approveMessage', { messageId });
  const seq = await ok(info, 'information.publishMessage', { messageId });
  await obs.waitForSeq(seq);
  expect(lastOf(obs, 'information.messagePublished')?.data).toMatchObject({
    messageId,
    approvedBy: { userId: 'stabschef' },
    draftedBy: { userId: 'info' },
  });

  const res = await get('tib.farsta');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/xml/);
  const xml = await res.text();
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-cap-int-'));
  try {
    const file = path.join(dir, 'alert.xml');
    writeFileSync(file, xml);
    // The validator is checked in the same test: the official examples pass and fail.
    expect(xmllint(path.join(CAP_DIR, 'example-valid.xml')).ok).toBe(true);
    expect(xmllint(path.join(CAP_DIR, 'example-invalid.xml')).ok).toBe(false);
    const r = xmllint(file);
    expect(r.output).toContain('validates');
    expect(r.ok).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(xml).toContain('<status>Actual</status>');
  expect(xml).toContain('&amp; Skarpnäck');
  expect((xml.match(/<polygon>/g) ?? []).length).toBe(3);
  expect(xml).toContain('<event>Elavbrott i Söderort</event>');
});

test('R33 R35 administration records costs and the staff location; every console that may see it receives it', async () => {
  const chair = await open('ordf');
  const adm = await open('admin.ckl');
  const refused = await adm.command('administration.setStaffSite', {
    site: 'protected_command_post',
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  await activate(['admin']);
  const before = real().state.ckl.costs[EVT] ?? { damageOre: 0, responseOre: 0 };
  await ok(adm, 'administration.recordCost', {
    eventId: EVT,
    category: 'damage',
    kind: 'Frysskador i förskola',
    amountSek: 48250.75,
  });
  await ok(adm, 'administration.recordCost', {
    eventId: EVT,
    category: 'response',
    kind: 'Hyra av reservkraftverk',
    amountSek: 12000,
  });
  await ok(adm, 'administration.setStaffSite', {
    site: 'protected_command_post',
    note: 'Staben flyttar 14:00.',
  });
  const seq = await ok(adm, 'administration.recordMovement', {
    person: 'Lena Nyström',
    userId: 'stabschef',
    site: 'protected_command_post',
    direction: 'in',
  });
  await chair.waitForSeq(seq);
  expect(real().state.ckl.costs[EVT]).toMatchObject({
    damageOre: before.damageOre + 4825075,
    responseOre: before.responseOre + 1200000,
  });
  expect(real().state.ckl.staffSite?.site).toBe('protected_command_post');
  expect(real().state.ckl.presence['u:stabschef'].site).toBe('protected_command_post');
  expect(
    chair.events.filter(
      (e) => e.type === 'administration.costRecorded' && e.actor.userId === 'admin.ckl',
    ),
  ).toHaveLength(2);
  expect(lastOf(chair, 'administration.movementRecorded')?.actor.userId).toBe('admin.ckl');

  // Crisis support for a colleague reaches the administrative function only.
  const liaisonConsole = await open('samverkan');
  const s2 = await ok(chair, 'administration.requestStaffSupport', {
    person: 'Medarbetare på analys',
    need: 'Samtalsstöd efter nattpasset.',
  });
  await adm.waitForSeq(s2);
  await liaisonConsole.waitForSeq(s2);
  expect(lastOf(adm, 'administration.staffSupportRequested')).toBeDefined();
  expect(lastOf(liaisonConsole, 'administration.staffSupportRequested')).toBeUndefined();
});
