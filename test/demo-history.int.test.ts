/** The demo's backdated history is consistent, and the reports' periods come from it (R141). */
import { login, serverPerFile } from './support/server';

const { srv } = serverPerFile();
let cookie: string;
beforeAll(async () => {
  cookie = await login(srv.url, 'stadsdir');
});

const periodOnPage = async (query: string): Promise<[string, string]> => {
  const res = await fetch(`${srv.url}/api/export/report${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const m = /<dt>Period<\/dt><dd>([^<]*) – ([^<]*)<\/dd>/.exec(await res.text());
  expect(m).not.toBeNull();
  return [m![1], m![2]];
};

test('R141 every event of the demo is at or after the one before it, the division and accounts first', async () => {
  const log = await srv.app.store.read('real', 0, 100_000);
  expect(log.length).toBeGreaterThan(20);
  const backwards = log.filter((e, i) => i > 0 && Date.parse(e.at) < Date.parse(log[i - 1].at));
  expect(backwards.map((e) => `${e.seq} ${e.type} ${e.at}`)).toEqual([]);
  expect(log.slice(0, 2).map((e) => e.type)).toEqual(['division.configured', 'user.registered']);
  // The history reaches back a month (the standing delegations) and ends before now.
  expect(Date.now() - Date.parse(log[0].at)).toBeGreaterThan(29 * 86_400_000);
  expect(Date.parse(log.at(-1)!.at)).toBeLessThanOrEqual(Date.now());
});

test('R141 the whole-log and the event report show their period forwards', async () => {
  const [from, to] = await periodOnPage('');
  expect(from < to).toBe(true); // "YYYY-MM-DD HH:MM" compares as text
  const [eFrom, eTo] = await periodOnPage('?eventId=evt_demo_soderort');
  expect(eFrom <= eTo).toBe(true);
  expect(from <= eFrom && eTo <= to).toBe(true);
});
