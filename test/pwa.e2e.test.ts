/**
 * The installed console without a network, in real Chromium against a real server (R255–R258):
 * the service worker keeps the shell, the manifest, the icons and the borders; tib.farsta goes
 * offline, reloads (the page comes from the service worker), drafts a report and a marker and
 * attaches photos to the district report and to a marker; "Ej skickat ännu" lists all of it,
 * also after a second reload (the photos from IndexedDB); back online everything is delivered
 * exactly once, as the server's log shows, and a resend of a queued photo is recognised. A
 * click on a system notification brings the console to the item it announced.
 */
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { connectConsole, login } from './support/server';
import {
  acknowledgeAttention,
  axeViolations,
  browserSuite,
  freeSpotInFarsta,
  type ConsolePage,
} from './support/browser';
import { png } from './support/files';

jest.setTimeout(180_000);

const SHOTS = process.env.SCREENSHOTS ? path.join(__dirname, '..', 'docs', 'screenshots') : null;
const suite = browserSuite();
const real = () => suite.server.app.spaces.get('real')!;
const farsta = () => real().state.districts.farsta;

async function signIn(user: string, viewport = { width: 1366, height: 900 }) {
  const r = await suite.signIn(user, { viewport });
  // The shell is cached once the service worker is active (needed for an offline reload).
  await r.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await acknowledgeAttention(r.page);
  return r;
}

async function goOffline(page: ConsolePage, ctx: BrowserContext) {
  await ctx.setOffline(true);
  await page.waitForSelector('[data-testid=connection]:has-text("Offline")');
}

const sha256 = async (b: Buffer) =>
  (await import('node:crypto')).createHash('sha256').update(b).digest('hex');

test('R255 R257 R258 offline: reload from the service worker, a report, a marker and two photos wait; back online each is delivered exactly once', async () => {
  // A marker to photograph, placed while online.
  const cookie = await login(suite.server.url, 'tib.farsta');
  const online = await connectConsole(suite.server.url, cookie, real().seq);
  const placed = await online.command('marker.place', {
    kind: 'incident',
    label: 'Översvämmad gångtunnel',
    districtId: 'farsta',
    lat: 59.245,
    lng: 18.09,
  });
  online.close();
  expect(placed.ok).toBe(true);
  const marker = Object.values(real().state.markers).find(
    (m) => m.label === 'Översvämmad gångtunnel',
  )!;

  const { page, ctx } = await signIn('tib.farsta');
  const panel = page.getByTestId('district-panel');
  await panel.getByText('Översvämmad gångtunnel').waitFor();

  // The shell the service worker keeps: the page, the manifest, the icons and the borders.
  const cached = await page.evaluate(async () => {
    const c = await caches.open('lagesbild-shell-v1');
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(cached).toEqual(
    expect.arrayContaining([
      '/',
      '/manifest.webmanifest',
      '/icons/icon-192.png',
      '/icons/icon-512.png',
      '/icons/icon-maskable-512.png',
      '/api/division',
      '/api/config',
    ]),
  );
  expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);

  const seqBefore = real().seq;
  await goOffline(page, ctx);
  // A reload with no network: the service worker answers with the page and the map.
  await page.reload();
  await page.waitForSelector('[data-testid=from-cache]');
  await page.waitForSelector('.map-label[data-district=farsta]');
  expect(
    await page.evaluate(() => document.querySelector('link[rel=manifest]')?.getAttribute('href')),
  ).toBe('/manifest.webmanifest');

  // A report.
  await panel.getByLabel('Status').first().selectOption({ label: 'Allvarligt' });
  await panel.getByLabel('Vad har hänt (obligatoriskt)').fill('Offline: vatten i Farsta gård');
  await panel.getByRole('button', { name: 'Skicka lägesrapport' }).click();
  await page.waitForSelector('[data-testid=outbox-item]');

  // A marker, placed by a click on the map.
  await panel.getByLabel('Benämning').fill('Sandsäckar Farsta strand');
  await panel.getByRole('button', { name: 'Välj plats på kartan' }).click();
  const spot = await freeSpotInFarsta(page);
  await page.mouse.click(spot.x, spot.y);
  await page.waitForSelector('[data-testid=outbox-item] >> nth=1');

  // A photo on the district's report (the camera input), and the same photo again.
  const reportPhoto = png(120, 90, [20, 90, 160]);
  const reportForm = panel.locator('form.attach-form').first();
  for (let i = 0; i < 2; i++) {
    await reportForm.getByTestId('attach-camera').setInputFiles({
      name: 'IMG_0101.png',
      mimeType: 'image/png',
      buffer: reportPhoto,
    });
    await reportForm.getByLabel('Bildtext (valfri)').fill('Källaren i Farsta gård');
    await reportForm.getByRole('button', { name: 'Bifoga' }).click();
    await reportForm.getByText(/sparad i den här webbläsaren och skickas när/).waitFor();
  }
  // A photo on the marker placed earlier.
  const markerPhoto = png(100, 80, [160, 60, 20]);
  const markerRow = panel.locator('ul.markers li', { hasText: 'Översvämmad gångtunnel' });
  await markerRow.getByText('Bifoga foto').click();
  await markerRow.getByTestId('attach-file').setInputFiles({
    name: 'tunnel.png',
    mimeType: 'image/png',
    buffer: markerPhoto,
  });
  await markerRow.getByRole('button', { name: 'Bifoga' }).click();
  await markerRow.getByText(/sparad i den här webbläsaren/).waitFor();

  const outbox = page.getByTestId('outbox');
  // The same photo chosen twice for the same report waits once.
  await expect(page.getByTestId('outbox-upload').count()).resolves.toBe(2);
  const waiting = async () => ({
    commands: await page.getByTestId('outbox-item').allInnerTexts(),
    uploads: await page.getByTestId('outbox-upload').allInnerTexts(),
  });
  // Survives a second offline reload: the commands from localStorage, the photos from IndexedDB.
  await page.reload();
  await page.waitForSelector('[data-testid=outbox-upload] >> nth=1');
  const listed = await waiting();
  expect(listed.commands).toHaveLength(2);
  expect(listed.commands[0]).toMatch(
    /Lägesrapport.*Vatten i Farsta gård|Lägesrapport.*Farsta gård/s,
  );
  expect(listed.commands[1]).toMatch(/Markering.*Sandsäckar Farsta strand/s);
  expect(listed.uploads[0]).toMatch(
    /Foto till lägesrapport.*IMG_0101\.png.*Källaren i Farsta gård/s,
  );
  expect(listed.uploads[1]).toMatch(/Foto till kartmarkering.*tunnel\.png/s);
  for (const u of listed.uploads) expect(u).toMatch(/Väntar på anslutning/);
  await expect(outbox.innerText()).resolves.toMatch(/Ej skickat ännu \(4\)/);
  expect(await axeViolations(page, '[data-testid=outbox]')).toEqual([]);
  if (SHOTS) {
    await outbox.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'offline-uploads-1366.png') });
  }
  const queuedIds = await page
    .getByTestId('outbox-upload')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(real().seq).toBe(seqBefore); // nothing reached the server

  await ctx.setOffline(false);
  await page.waitForSelector('[data-testid=connection]:has-text("Live")', { timeout: 20_000 });
  await outbox.waitFor({ state: 'detached', timeout: 20_000 });

  // Exactly once each, as the server's log has it.
  const log = await suite.server.app.store.read('real', seqBefore);
  const types = log.map((e) => e.type);
  expect(types.filter((t) => t === 'district.reported')).toHaveLength(1);
  expect(types.filter((t) => t === 'marker.placed')).toHaveLength(1);
  const added = log.filter((e) => e.type === 'attachment.added');
  expect(added).toHaveLength(2);
  const att = added.map((e) => e.data as { target: string; targetId: string; hash: string });
  const reportId = farsta().latestReportId!;
  expect(att.map((a) => a.target).sort()).toEqual(['marker', 'report']);
  const onReport = att.find((a) => a.target === 'report')!;
  const onMarker = att.find((a) => a.target === 'marker')!;
  expect(onMarker).toMatchObject({ targetId: marker.id, hash: await sha256(markerPhoto) });
  expect(onReport.hash).toBe(await sha256(reportPhoto));
  // The photo hangs on the report the officer saw when attaching it (the one before theirs).
  expect(onReport.targetId).not.toBe(reportId);
  expect(farsta().reportIds).toContain(onReport.targetId);
  const newMarker = Object.values(real().state.markers).find(
    (m) => m.label === 'Sandsäckar Farsta strand',
  );
  expect(newMarker?.districtId).toBe('farsta');

  // A resend of a delivered photo under its id (an answer lost on the way) stores nothing new.
  const seqAfter = real().seq;
  const resend = await page.evaluate(
    async ({ id, payload, bytes }) => {
      const q = new URLSearchParams({ space: 'real', id, payload: JSON.stringify(payload) });
      const res = await fetch(`/api/attachments?${q}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
      return (await res.json()) as { duplicate?: boolean };
    },
    {
      id: queuedIds[1]!,
      payload: { target: 'marker', targetId: marker.id, name: 'tunnel.png', confidential: false },
      bytes: [...markerPhoto],
    },
  );
  expect(resend.duplicate).toBe(true);
  // Another offline spell and back: nothing is sent twice.
  await goOffline(page, ctx);
  await ctx.setOffline(false);
  await page.waitForSelector('[data-testid=connection]:has-text("Live")', { timeout: 20_000 });
  await page.waitForTimeout(500);
  expect(real().seq).toBe(seqAfter);
  // Both photos are shown where they belong.
  await panel.locator('ul.markers').getByRole('img', { name: 'Foto tunnel.png' }).waitFor();
  expect(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load/.test(e))).toEqual(
    [],
  );
});

test('R258 a file larger than the server takes is refused at once while offline, in Swedish, and nothing waits', async () => {
  const { page, ctx } = await signIn('tib.farsta');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // A server limit of 1 kB as the console knows it from /api/config.
  await ctx.route('**/api/config', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Record<string, unknown>;
    await route.fulfill({ response: res, json: { ...body, uploadMaxBytes: 1024 } });
  });
  await page.reload();
  await page.waitForSelector('[data-testid=connection]:has-text("Live")');
  await acknowledgeAttention(page);
  await goOffline(page, ctx);
  const form = page.getByTestId('district-panel').locator('form.attach-form').first();
  await form.getByTestId('attach-file').setInputFiles({
    name: 'stor.png',
    mimeType: 'image/png',
    buffer: png(200, 200, [10, 10, 10]),
  });
  await form.getByRole('button', { name: 'Bifoga' }).click();
  const alert = form.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(
    /Filen är för stor \(\d+ kB\)\. Största tillåtna storlek är 1 kB\./,
  );
  await expect(page.getByTestId('outbox-upload').count()).resolves.toBe(0);
  await ctx.setOffline(false);
});

test('R256 a click on a system notification brings the console to the item: its event page, the dialog on it', async () => {
  const { page, ctx } = await signIn('tib.farsta');
  await ctx.grantPermissions(['notifications']);
  const event = Object.values(real().state.events).find((e) => e.status === 'open')!;
  const cookie = await login(suite.server.url, 'stadsdir');
  const dir = await connectConsole(suite.server.url, cookie, real().seq);
  const made = await dir.command('task.create', {
    eventId: event.id,
    title: 'Öppna trygghetspunkt i Farsta centrum',
    assignee: { kind: 'district', districtId: 'farsta' },
  });
  dir.close();
  expect(made.ok).toBe(true);
  const task = Object.values(real().state.tasks).find(
    (t) => t.title === 'Öppna trygghetspunkt i Farsta centrum',
  )!;
  const dialog = page.getByTestId('attention-dialog');
  await dialog.waitFor();
  // Put off for now; the officer looks at the log meanwhile.
  await dialog.getByRole('button', { name: 'Senare' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.goto(`${suite.server.url}/#/logg`);
  await page.waitForSelector('[data-testid=log-list]');

  // The notification as the console shows it, clicked (in the service worker).
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const key = `task:${task.id}`;
  await sw.evaluate(
    async ({ key, eventId }) => {
      const g = self as unknown as {
        registration: ServiceWorkerRegistration;
        dispatchEvent(e: Event): boolean;
      };
      const data = {
        key,
        space: 'real',
        eventId,
        url: `/#/?uppmarksamhet=${encodeURIComponent(key)}&rum=real&handelse=${eventId}`,
      };
      await g.registration.showNotification('Uppdrag till dig', { tag: key, data });
      const [n] = await g.registration.getNotifications({ tag: key });
      const N = (self as unknown as { NotificationEvent: typeof Event })
        .NotificationEvent as unknown as new (
        type: string,
        init: { notification: Notification },
      ) => Event;
      g.dispatchEvent(new N('notificationclick', { notification: n }));
    },
    { key, eventId: event.id },
  );
  await page.waitForFunction(() => window.location.hash === '#/');
  // Behind the modal dialog (inert while it is open): the event's page.
  await page.waitForSelector(`[data-testid=event-page] #event-h:text-is("${event.title}")`);
  await page
    .getByTestId('attention-dialog')
    .getByText('Öppna trygghetspunkt i Farsta centrum')
    .waitFor();

  // A console started at a notification's link (none was open) opens the same place.
  const fresh = await suite.signIn('tib.farsta', {
    path: `#/?uppmarksamhet=${encodeURIComponent(key)}&rum=real&handelse=${event.id}`,
  });
  await fresh.page.waitForSelector(`[data-testid=event-page] #event-h:text-is("${event.title}")`);
  await fresh.page
    .getByTestId('attention-dialog')
    .getByText('Öppna trygghetspunkt i Farsta centrum')
    .waitFor();
  expect(await fresh.page.evaluate(() => window.location.hash)).toBe('#/');
});
