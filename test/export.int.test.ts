/** Exports and replay over HTTP on a real server with the demo data. */
import { check } from '@placemarkio/check-geojson';
import { login, serverPerFile } from './support/server';
import { applyEvent } from '../shared/reducer';
import type { StoredEvent } from '../shared/events';
import type { CityState } from '../shared/domain/state';
import { REPORT_VERSION, type AfterActionReport } from '../shared/report/afterAction';

const { srv } = serverPerFile();
let cookie: string;
beforeAll(async () => {
  cookie = await login(srv.url, 'stadsdir');
});
const get = (path: string, c = cookie) => fetch(`${srv.url}${path}`, { headers: { cookie: c } });

test('the situation map exports as GeoJSON that passes a third-party RFC 7946 validator', async () => {
  const res = await get('/api/export/situation?format=geojson');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
  const text = await res.text();
  const fc = check(text) as unknown as { features: { properties: Record<string, unknown> }[] }; // throws on any RFC 7946 violation
  // The validator does fail on broken GeoJSON, so passing it means something.
  expect(() =>
    check(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[18]}}]}',
    ),
  ).toThrow();
  const kinds = fc.features.map((f) => f.properties.kind);
  expect(kinds.filter((k) => k === 'district')).toHaveLength(11);
  expect(kinds).toContain('trygghetspunkt');
  expect(kinds).toContain('incident');
  const farsta = fc.features.find((f) => f.properties.districtId === 'farsta');
  expect(farsta?.properties).toMatchObject({ status: 'severe', statusLabel: 'Allvarligt' });
  expect((farsta?.properties as { openEvents: { title: string }[] }).openEvents[0].title).toBe(
    'Elavbrott i Söderort',
  );
});

test('the after-action report is a CSP-safe printable page built from the log', async () => {
  const res = await get('/api/export/report?eventId=evt_demo_soderort');
  expect(res.status).toBe(200);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  const html = await res.text();
  expect(html).not.toMatch(/<script|style=|<style/i);
  expect(html).toContain('<link rel="stylesheet" href="/export/report.css">');
  expect(html).toContain('Utvärdering: Elavbrott i Söderort');
  expect(html).toContain('Från första rapport till aktivering av CKL');
  expect(html).toContain('1 h 05 min'); // opened 190 min ago, CKL 125 min ago
  expect(html).toContain('Farsta');
  const css = await get('/export/report.css');
  expect(css.status).toBe(200);
  expect(css.headers.get('content-type')).toMatch(/text\/css/);
});

test('format=json is the report itself, versioned, with the figures the page shows', async () => {
  const res = await get('/api/export/report?eventId=evt_demo_soderort&format=json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const r = (await res.json()) as AfterActionReport;
  expect(r.version).toBe(REPORT_VERSION);
  expect(r).toMatchObject({ eventId: 'evt_demo_soderort', title: 'Elavbrott i Söderort' });
  expect(r.events[0].toCklMs).toBe(65 * 60_000); // opened 190 min ago, CKL 125 min ago
  expect(r.districts.map((d) => d.name)).toContain('Farsta');
  // The demo's call-out for the analysis function: four on the list, quota two.
  expect(r.alarms[0]).toMatchObject({ alarmed: 3, answered: 3, coming: 2, quota: 2 });
  expect(r.alarms[0].quotaAfterMs).toBeGreaterThan(0);
  expect(r.ckl[0].functions.find((f) => f.fn === 'analysis')?.alarmed).toBe(true);
  for (const key of ['timeline', 'ckl', 'alarms', 'tasks', 'costs', 'evaluations', 'log'])
    expect(r).toHaveProperty(key);
  expect(r.log.every((l) => !/^[a-z]+\.[a-zA-Z]+/.test(l.text))).toBe(true);
});

test('the raw log exports as JSON (format=log) and CSV, scoped to the event', async () => {
  const json = (await (
    await get('/api/export/report?eventId=evt_demo_soderort&format=log')
  ).json()) as {
    events: StoredEvent[];
  };
  expect(json.events.length).toBeGreaterThan(5);
  expect(
    json.events.some(
      (e) => e.data && (e.data as { eventId?: string }).eventId === 'evt_demo_trafik',
    ),
  ).toBe(false);
  const csvRes = await get('/api/export/report?eventId=evt_demo_soderort&format=csv');
  expect(csvRes.headers.get('content-type')).toMatch(/text\/csv/);
  const csv = await csvRes.text();
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(json.events.length + 1);
});

test('exports are authenticated and refuse unknown events', async () => {
  expect((await get('/api/export/report', '')).status).toBe(401);
  expect((await get('/api/export/report?eventId=nope')).status).toBe(404);
  expect((await get('/api/export/situation?format=docx')).status).toBe(400);
});

test('R69 replay returns the state before the event and its events, which the reducer plays', async () => {
  const r = (await (await get('/api/replay?eventId=evt_demo_soderort')).json()) as {
    initial: CityState;
    events: StoredEvent[];
    window: { fromSeq: number; toSeq: number };
  };
  expect(r.initial.events.evt_demo_soderort).toBeUndefined();
  expect(r.events[0]).toMatchObject({ type: 'event.opened', seq: r.window.fromSeq });
  let s = r.initial;
  for (const e of r.events) s = applyEvent(s, e);
  const real = srv.app.spaces.get('real')!.state;
  expect(s.events.evt_demo_soderort).toEqual(real.events.evt_demo_soderort);
  // Paging: a small limit gives a cursor to continue from.
  const p1 = (await (await get('/api/replay?eventId=evt_demo_soderort&limit=3')).json()) as {
    events: StoredEvent[];
    next: number;
  };
  expect(p1.events).toHaveLength(3);
  const p2 = (await (
    await get(`/api/replay?eventId=evt_demo_soderort&after=${p1.next}`)
  ).json()) as {
    events: StoredEvent[];
    initial?: unknown;
  };
  expect(p2.initial).toBeUndefined();
  expect(p2.events[0].seq).toBe(p1.events[2].seq + 1);
});

test('the scenario list shows titles, not the script', async () => {
  const r = (await (await get('/api/exercises/scenarios')).json()) as {
    scenarios: Record<string, unknown>[];
  };
  expect(r.scenarios.map((s) => s.id).sort()).toEqual([
    'elavbrott-vinter-soderort',
    'storbrand-evakuering-skarholmen',
  ]);
  expect(r.scenarios[0].injects).toBeUndefined();
});
