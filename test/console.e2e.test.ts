/**
 * The console in real Chromium against a real server: two (and three) people signed in at once,
 * live updates between them, the chair's two-step decision, the officer's limits, axe-core, and
 * a report filed with the keyboard alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { connectConsole, login } from './support/server';
import { acknowledgeAttention, axeViolations, browserSuite } from './support/browser';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..');

const suite = browserSuite();

const signIn = (user: string): Promise<Page> => suite.signInToMap(user);

const axe = axeViolations;

const real = () => suite.real();

/**
 * Points of a district's own area on the map, deepest first: a grid over its box, each point
 * counted by how many of its neighbours are in the area too (well inside, away from the
 * border, whatever label covers it), and whether a marker covers it. The server checks a
 * marker's place against the same division, so a point from here is one it takes.
 */
const pointsInside = (page: Page, district: string) =>
  page.evaluate((d) => {
    const area = document.querySelector(`path.district-${d}`);
    if (!area) return [];
    const r = area.getBoundingClientRect();
    const pts: { x: number; y: number; depth: number; free: boolean }[] = [];
    for (let y = r.top + 2; y < r.bottom; y += 2)
      for (let x = r.left + 2; x < r.right; x += 2) {
        const here = document.elementsFromPoint(x, y);
        // Free: no marker over it, so a click there reaches the map.
        const free = !here.some((e) => e.closest('.leaflet-marker-icon'));
        if (here.includes(area)) pts.push({ x, y, depth: 0, free });
      }
    for (const p of pts)
      p.depth = pts.filter((q) => Math.abs(q.x - p.x) <= 10 && Math.abs(q.y - p.y) <= 10).length;
    return pts.sort((a, b) => b.depth - a.depth);
  }, district);

const statusOnMap = (page: Page, district: string) =>
  page.$eval(`.map-label[data-district=${district}]`, (el) => (el as HTMLElement).dataset.status);

describe('console in Chromium', () => {
  let officer: Page;
  let chair: Page;

  test("the officer files a report and the chair's map changes within a second", async () => {
    [officer, chair] = await Promise.all([signIn('tib.farsta'), signIn('ordf')]);
    expect(await statusOnMap(chair, 'farsta')).toBe('severe');
    const panel = officer.getByTestId('district-panel');
    await panel
      .getByLabel('Vad har hänt (obligatoriskt)')
      .fill('Strömmen borta i hela Farsta, även Fagersjö.');
    await panel.getByLabel('Status').selectOption('critical');
    const t0 = Date.now();
    await panel.getByRole('button', { name: 'Skicka lägesrapport' }).click();
    await chair.waitForFunction(
      () =>
        (document.querySelector('.map-label[data-district=farsta]') as HTMLElement | null)?.dataset
          .status === 'critical',
      undefined,
      { timeout: 1000 },
    );
    const ms = Date.now() - t0;
    console.log(`report → chair's map: ${ms} ms`);
    expect(ms).toBeLessThan(1000);
    await officer.getByText('Lägesrapporten är sparad.').waitFor();
    // The overdue mark is gone for Farsta on the chair's screen: the report is fresh.
    expect(
      await chair.$eval('.map-label[data-district=farsta]', (el) =>
        el.classList.contains('is-overdue'),
      ),
    ).toBe(false);
  });

  test('the officer places a marker on the map and drags it; the chair sees it', async () => {
    const panel = officer.getByTestId('district-panel');
    const before = await chair.locator('.map-marker').count();
    await panel.getByLabel('Benämning').fill('Evakueringsplats Farsta gymnasium');
    await panel.getByLabel('Typ').selectOption('evacuation_site');
    await panel.getByRole('button', { name: 'Välj plats på kartan' }).click();
    // Well inside Farsta (a label over it is no obstacle: the labels let clicks through), with
    // room to drag: a place outside the district is refused, a move too.
    const inside = await pointsInside(officer, 'farsta');
    const at = inside.find((p) => p.free);
    if (!at) throw new Error('no point inside Farsta');
    await officer.mouse.click(at.x, at.y);
    await panel.getByText('Markeringen är sparad.').waitFor({ timeout: 3000 });
    await chair.waitForFunction(
      (n) => document.querySelectorAll('.map-marker').length === n + 1,
      before,
      { timeout: 2000 },
    );
    // Drag it a little, to another point well inside Farsta: a marker.move from whoever may
    // edit the district.
    const mk = officer.locator('.map-marker.mk-evacuation_site');
    const box = await mk.boundingBox();
    if (!box) throw new Error('no marker');
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const to = inside.find((p) => {
      const d = Math.hypot(p.x - from.x, p.y - from.y);
      return d >= 10 && d <= 20;
    });
    if (!to) throw new Error('no point inside Farsta to drag the marker to');
    const onChair = chair.locator('.map-marker.mk-evacuation_site');
    const chairBefore = await onChair.boundingBox();
    await officer.mouse.move(from.x, from.y);
    await officer.mouse.down();
    await officer.mouse.move(to.x, to.y, { steps: 5 });
    const placed = Object.values(real().state.markers).find((m) => m.kind === 'evacuation_site');
    if (!placed) throw new Error('marker not stored');
    expect(placed.districtId).toBe('farsta');
    await officer.mouse.up();
    await officer.waitForFunction(() => true); // let the dragend handler send
    const t0 = Date.now();
    while (Date.now() - t0 < 3000) {
      const now = real().state.markers[placed.id];
      if (now.lat !== placed.lat || now.lng !== placed.lng) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const moved = real().state.markers[placed.id];
    expect([moved.lat, moved.lng]).not.toEqual([placed.lat, placed.lng]);
    // The chair's map follows.
    await chair.waitForFunction(
      (b) => {
        const r = document.querySelector('.map-marker.mk-evacuation_site')?.getBoundingClientRect();
        return !!r && !!b && (Math.abs(r.x - b.x) > 2 || Math.abs(r.y - b.y) > 2);
      },
      chairBefore,
      { timeout: 2000 },
    );
    // The chair's markers are not draggable (the shared policy says only Farsta's TiB may).
    expect(await chair.locator('.map-marker.movable').count()).toBe(0);
    expect(await officer.locator('.map-marker.mk-evacuation_site.movable').count()).toBe(1);
  });

  test('the officer cannot edit another district: no controls, and a forced command is refused', async () => {
    await officer.getByTestId('district-row-bromma').click();
    const panel = officer.getByTestId('district-panel');
    await panel.getByRole('heading', { name: 'Bromma' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Skicka lägesrapport' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /Inget nytt/ }).count()).toBe(0);
    expect(await panel.getByText(/Endast läsning/).count()).toBe(1);
    // Forced: the same session, straight at the socket.
    const cookies = await officer.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const c = await connectConsole(suite.server.url, cookie);
    try {
      const ack = await c.command('district.report', {
        districtId: 'bromma',
        basedOnReportId: null,
        status: 'critical',
        happened: 'Forcerat',
        crisisSupport: 'active',
        nextReportDue: new Date(Date.now() + 3600_000).toISOString(),
      });
      expect(ack).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'Du kan bara rapportera för ditt eget stadsdelsområde.',
        },
      });
    } finally {
      c.close();
    }
    expect(await statusOnMap(chair, 'bromma')).toBe('none');
  });

  test('the director proposes, the chair declares in two steps, every console shows the new level', async () => {
    const director = await signIn('stadsdir');
    for (const p of [officer, chair, director])
      expect(await p.getByTestId('city-level').textContent()).toBe('Allvarlig händelse');
    const page = director.getByTestId('event-page');
    await page.getByRole('heading', { name: 'Elavbrott i Söderort' }).waitFor();
    const propose = page.getByTestId('propose-extraordinary');
    await propose.locator('summary').click();
    await propose
      .getByLabel('Beslutsunderlag (obligatoriskt)')
      .fill('Avbrottet förlängs till tre dygn; äldreboenden kan inte hållas varma.');
    await propose.getByRole('button', { name: 'Skicka förslaget till ordföranden' }).click();
    await propose.getByText('Sparat.').waitFor();

    // The proposal raises the chair's attention dialog (R228); the chair acknowledges it first.
    await chair
      .getByRole('alertdialog', { name: 'Förslag: extraordinär händelse' })
      .waitFor({ timeout: 2000 });
    await acknowledgeAttention(chair);
    const card = chair.getByTestId('proposal');
    await card.getByText(/tre dygn/).waitFor({ timeout: 2000 });
    await card.getByRole('button', { name: 'Besluta extraordinär händelse…' }).click();
    const confirm = card.getByRole('button', { name: 'Bekräfta beslut: extraordinär händelse' });
    expect(await confirm.isDisabled()).toBe(true);
    await card.getByLabel(/Jag har tagit del av underlaget/).check();
    await confirm.click();
    for (const p of [officer, chair, director])
      await p.waitForFunction(
        () =>
          document.querySelector('[data-testid=city-level]')?.textContent ===
          'Extraordinär händelse',
        undefined,
        { timeout: 2000 },
      );
    expect(await chair.getByTestId('level-banner').textContent()).toContain(
      'Krisledningsnämnden i funktion',
    );
    // The new level asks the TiB and the director to acknowledge it, not the chair who decided.
    await officer.getByRole('alertdialog', { name: /Extraordinär händelse/ }).waitFor();
    expect(await chair.getByTestId('attention-dialog').count()).toBe(0);
    for (const p of [officer, director]) await acknowledgeAttention(p);
  });

  test('axe-core finds no serious or critical WCAG 2.1 AA violation on the role screens', async () => {
    const director = (await suite.browser.contexts().at(-1)?.pages())?.[0] as Page;
    for (const [name, p] of [
      ['tib', officer],
      ['ordförande', chair],
      ['stadsdirektör', director],
    ] as const) {
      const v = await axe(p);
      if (v.length) console.log(name, JSON.stringify(v, null, 1));
      expect(v).toEqual([]);
    }
  });

  test('a report can be filed with the keyboard alone', async () => {
    const page = await signIn('tib.skarpnack');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return `${el?.tagName}|${el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : ''}|${el?.textContent ?? ''}`;
      });
    let found = false;
    for (let i = 0; i < 150 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused()).startsWith('TEXTAREA|Vad har hänt');
    }
    expect(found).toBe(true);
    await page.keyboard.type('Lugnt i Skarpnäck; reservkraft vid vårdboendet testad.');
    let onSubmit = false;
    for (let i = 0; i < 20 && !onSubmit; i++) {
      await page.keyboard.press('Tab');
      onSubmit = (await focused()) === 'BUTTON||Skicka lägesrapport';
    }
    expect(onSubmit).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Lägesrapporten är sparad.').waitFor({ timeout: 3000 });
    expect(await statusOnMap(page, 'skarpnack')).toBe('normal');
  });

  test('a console that was away catches up by itself (resume from its last seq)', async () => {
    // Every socket on the server is closed; meanwhile another district reports.
    suite.server.app.io.local.disconnectSockets(true);
    await chair.getByTestId('connection').filter({ hasNotText: 'Live' }).waitFor({ timeout: 3000 });
    const bromma = await connectConsole(
      suite.server.url,
      await login(suite.server.url, 'tib.bromma'),
    );
    try {
      const ack = await bromma.command('district.report', {
        districtId: 'bromma',
        basedOnReportId: null,
        status: 'strained',
        happened: 'Vattenläcka vid Brommaplan.',
        crisisSupport: 'not_active',
        nextReportDue: new Date(Date.now() + 3600_000).toISOString(),
      });
      expect(ack).toMatchObject({ ok: true });
    } finally {
      bromma.close();
    }
    await chair.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 5000 });
    await chair.waitForFunction(
      () =>
        (document.querySelector('.map-label[data-district=bromma]') as HTMLElement | null)?.dataset
          .status === 'strained',
      undefined,
      { timeout: 3000 },
    );
  });

  // A phone's first load is what index.html names: every screen of the people on call (the
  // board, the decision lifecycle, the library, attention and log search included). The
  // administrators' screens load when first opened; with them the whole client has its own
  // budget.
  test('the built client stays under 320 KB gzipped at first load, 340 KB with every screen', () => {
    const dir = path.join(ROOT, 'dist', 'client');
    const gz = (f: string) => gzipSync(readFileSync(path.join(dir, 'assets', f))).length;
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const first = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map(
      (m) => m[1],
    );
    const all = readdirSync(path.join(dir, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    const firstLoad = first.reduce((n, f) => n + gz(f), 0);
    const total = all.reduce((n, f) => n + gz(f), 0);
    console.log(
      `client gzip: ${(firstLoad / 1024).toFixed(1)} KB at first load, ${(total / 1024).toFixed(1)} KB in all`,
    );
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(firstLoad).toBeLessThan(320 * 1024);
    expect(total).toBeLessThan(340 * 1024);
  });

  test('no console errors in any page (CSP, bundling, Leaflet)', () => {
    for (const c of suite.contexts)
      for (const p of c.pages()) expect((p as Page & { errors: string[] }).errors).toEqual([]);
  });
});
