/**
 * The server contract an offline duty officer's outbox relies on (R17): queued commands keep their ids, are replayed in order after reconnect, are applied
 * once, and a report based on an older district picture is refused as STALE with the latest id.
 */
import type { CommandAck } from '../shared/protocol';
import {
  connectConsole,
  login,
  newCommandId,
  serverPerTest,
  type TestConsole,
} from './support/server';

const { srv, consoles, real } = serverPerTest();
const open = async (cookie: string, lastSeq = 0) => {
  const c = await connectConsole(srv.url, cookie, lastSeq);
  consoles.push(c);
  return c;
};

interface Queued {
  id: string;
  type: string;
  payload: unknown;
}
/** Sends the whole outbox at once (no waiting between), as a console does after reconnect. */
const replay = (c: TestConsole, outbox: Queued[]): Promise<CommandAck[]> =>
  Promise.all(outbox.map((q) => c.command(q.type, q.payload, { id: q.id })));

const report = (basedOnReportId: string | null, happened: string) => ({
  districtId: 'farsta',
  basedOnReportId,
  status: 'severe',
  happened,
  crisisSupport: 'active',
  nextReportDue: new Date(Date.now() + 3600_000).toISOString(),
});

test('R17 a queued outbox is replayed in order after reconnect, applied once; a second replay is answered duplicate', async () => {
  const cookie = await login(srv.url, 'tib.farsta');
  const tib = await open(cookie);
  const based = real().state.districts.farsta.latestReportId ?? null;
  const seenSeq = real().seq;
  tib.close(); // the connection drops; the officer keeps working
  const outbox: Queued[] = [
    { id: newCommandId(), type: 'district.report', payload: report(based, 'Offline 1') },
    ...Array.from({ length: 8 }, (_, i) => ({
      id: newCommandId(),
      type: 'log.write',
      payload: { districtId: 'farsta', text: `Offline-anteckning ${i + 1}` },
    })),
    {
      id: newCommandId(),
      type: 'marker.place',
      payload: { kind: 'incident', label: 'Brand', districtId: 'farsta', lat: 59.245, lng: 18.09 },
    },
  ];
  const back = await open(cookie, seenSeq);
  const acks = await replay(back, outbox);
  expect(acks.every((a) => a.ok && !a.duplicate)).toBe(true);
  const seqs = acks.map((a) => (a.ok ? a.seq : -1));
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // in queue order
  expect(new Set(seqs).size).toBe(outbox.length);
  // The log holds them once each, in queue order, under the officer's own command ids.
  const log = await srv.app.store.read('real', seenSeq);
  expect(log.map((e) => e.commandId)).toEqual(outbox.map((q) => `tib.farsta:${q.id}`));

  // The acks were lost (the connection dropped again): the console replays the same outbox.
  back.close();
  const again = await open(cookie, seenSeq);
  const before = real().seq;
  const acks2 = await replay(again, outbox);
  expect(acks2).toEqual(acks.map((a) => ({ ...a, duplicate: true })));
  expect(real().seq).toBe(before);
});

test('R17 a queued report on a district that changed meanwhile is refused STALE with the latest report id; nothing is overwritten', async () => {
  const cookie = await login(srv.url, 'tib.farsta');
  const officer = await open(cookie);
  const based = real().state.districts.farsta.latestReportId ?? null;
  officer.close();
  const queued: Queued = {
    id: newCommandId(),
    type: 'district.report',
    payload: report(based, 'Skrivet offline'),
  };
  // Meanwhile a colleague on the same duty account reports from another device.
  const colleague = await open(await login(srv.url, 'tib.farsta'));
  const theirs = await colleague.command('district.report', report(based, 'Kollegans rapport'));
  expect(theirs.ok).toBe(true);
  const latest = real().state.districts.farsta.latestReportId;
  expect(latest).not.toBe(based);

  const back = await open(cookie, real().seq);
  const seqBefore = real().seq;
  const [ack] = await replay(back, [queued]);
  expect(ack).toMatchObject({
    ok: false,
    error: { code: 'STALE', details: { latestReportId: latest } },
  });
  if (!ack.ok) expect(ack.error.message).toMatch(/ändrats/);
  expect(real().seq).toBe(seqBefore);
  expect(real().state.reports[latest!].happened).toBe('Kollegans rapport');
  // A refused id is not remembered as done: the same id, resent, is still refused, not "duplicate".
  const [again] = await replay(back, [queued]);
  expect(again).toMatchObject({ ok: false, error: { code: 'STALE' } });
  // The officer compares and files on top of the latest, as a new command.
  const merged = await back.command('district.report', report(latest!, 'Sammanvägd rapport'));
  expect(merged.ok).toBe(true);
  expect(real().state.districts.farsta.latestReportId).not.toBe(latest);
});

test('R17 a confirm-no-change queued offline is stale too once the district changed', async () => {
  const cookie = await login(srv.url, 'tib.farsta');
  const c = await open(cookie);
  const based = real().state.districts.farsta.latestReportId ?? null;
  if (!based) expect((await c.command('district.report', report(null, 'Start'))).ok).toBe(true);
  const base = real().state.districts.farsta.latestReportId!;
  const first = await c.command('district.confirmNoChange', {
    districtId: 'farsta',
    basedOnReportId: base,
    nextReportDue: new Date(Date.now() + 7200_000).toISOString(),
  });
  expect(first.ok).toBe(true);
  const stale = await c.command('district.confirmNoChange', {
    districtId: 'farsta',
    basedOnReportId: base,
    nextReportDue: new Date(Date.now() + 7200_000).toISOString(),
  });
  expect(stale).toMatchObject({
    ok: false,
    error: {
      code: 'STALE',
      details: { latestReportId: real().state.districts.farsta.latestReportId },
    },
  });
});
