/** The browser side of the end-to-end tests: Debian's Chromium, the built console, axe-core. */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import type { Space } from '../../server/space';
import type { CommandAck } from '../../shared/protocol';
import {
  connectConsole,
  login,
  startTestServer,
  type TestConsole,
  type TestServer,
} from './server';

const ROOT = path.resolve(__dirname, '..', '..');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export { launchChromium };

/** `npm test` builds first; a single e2e file run on its own builds the console if needed. */
export function ensureClientBuilt(): void {
  // The precompressed page tells a current build from one made before compression existed.
  if (!existsSync(path.join(ROOT, 'dist', 'client', 'index.html.br')))
    execSync('npm run build:client', { cwd: ROOT, stdio: 'inherit' });
}

export interface AxeViolation {
  id: string;
  impact: string;
  where: string[];
}

/**
 * Serious and critical WCAG 2.1 A/AA violations on the page as it is now (or only inside the
 * element `selector` names).
 */
export async function axeViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async (sel) => {
    const r = await (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe.run(sel ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  }, selector);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A console page that collects the browser's console errors (apart from the expected 401). */
export type ConsolePage = Page & { errors: string[] };

export interface BrowserSuite {
  /** Set in beforeAll. */
  server: TestServer;
  browser: Browser;
  contexts: BrowserContext[];
  /** A fresh browser context (Swedish locale, Stockholm time) and a page in it. */
  newPage(o?: {
    viewport?: { width: number; height: number };
    javaScriptEnabled?: boolean;
    /** A phone: touch, mobile viewport meta honoured, 390×844 unless a viewport is given. */
    phone?: boolean;
  }): Promise<{ page: ConsolePage; ctx: BrowserContext }>;
  /** Signs in as a demo account at `path` (e.g. "#/larm") and waits until the console is live. */
  signIn(
    user: string,
    o?: {
      path?: string;
      viewport?: { width: number; height: number };
      timeoutMs?: number;
      phone?: boolean;
    },
  ): Promise<{ page: ConsolePage; ctx: BrowserContext }>;
  /** Signs in at the start and waits until the map shows Farsta's label. */
  signInToMap(user: string): Promise<ConsolePage>;
  /** A socket console of `user` beside the browser, for what the test sets up or checks. */
  console(user: string): Promise<TestConsole>;
  /** Sends one command from a socket console of `user` opened for it, and its answer. */
  command(user: string, type: string, payload: unknown): Promise<CommandAck>;
  /** The server's real space. */
  real(): Space;
}

/**
 * A test file's real server, Chromium and the browser contexts it opens, started before its
 * tests and closed after them.
 */
export function browserSuite(
  onStarted?: (server: TestServer) => void,
  env: Record<string, string> = {},
): BrowserSuite {
  const suite: BrowserSuite = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    contexts: [],
    async newPage(o = {}) {
      const ctx = await suite.browser.newContext({
        viewport:
          o.viewport ?? (o.phone ? { width: 390, height: 844 } : { width: 1366, height: 768 }),
        ...(o.phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
        locale: 'sv-SE',
        timezoneId: 'Europe/Stockholm',
        javaScriptEnabled: o.javaScriptEnabled ?? true,
      });
      suite.contexts.push(ctx);
      const page = (await ctx.newPage()) as ConsolePage;
      page.errors = [];
      page.on('console', (m) => {
        // The sign-in page asks /api/me first; its 401 is the expected "not signed in" answer.
        if (m.type() === 'error' && !m.text().includes('status of 401')) page.errors.push(m.text());
      });
      return { page, ctx };
    },
    async signIn(user, o = {}) {
      const { page, ctx } = await suite.newPage({ viewport: o.viewport, phone: o.phone });
      if (o.timeoutMs) page.setDefaultTimeout(o.timeoutMs);
      await page.goto(`${suite.server.url}/${o.path ?? ''}`);
      await page.fill('#username', user);
      await page.fill('#password', 'krisledning');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=connection]:has-text("Live")');
      return { page, ctx };
    },
    async signInToMap(user) {
      const { page } = await suite.signIn(user);
      await page.waitForSelector('.map-label[data-district=farsta]');
      return page;
    },
    console: async (user) => connectConsole(suite.server.url, await login(suite.server.url, user)),
    async command(user, type, payload) {
      const c = await suite.console(user);
      try {
        return await c.command(type, payload);
      } finally {
        c.close();
      }
    },
    real() {
      const space = suite.server.app.spaces.get('real');
      if (!space) throw new Error('no real space');
      return space;
    },
  };
  beforeAll(async () => {
    ensureClientBuilt();
    suite.server = await startTestServer(env);
    onStarted?.(suite.server);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of suite.contexts) await c.close().catch(() => undefined);
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * Acknowledges whatever the attention dialog raised on the page (R228), as the person would
 * before going on; returns how many were acknowledged or closed.
 */
export async function acknowledgeAttention(page: Page, max = 10): Promise<number> {
  let n = 0;
  for (; n < max; n++) {
    const d = page.getByTestId('attention-dialog');
    if ((await d.count()) === 0) break;
    const ack = d.getByRole('button', { name: 'Kvittera', exact: true });
    if (await ack.count()) await ack.click();
    else
      await d
        .getByRole('button', { name: /^(Stäng|Senare)$/ })
        .first()
        .click();
  }
  return n;
}

/** What a screen shows while it still fetches what it will show. */
const LOADING_TEXT = /^(Startar|Hämtar|Laddar)[^\n]*…$/m;

/**
 * Waits until the screen on the page is drawn from its data, by what the console itself shows:
 * the page heading names the workspace (`label`, when given), nothing says it is still fetching
 * ("Hämtar…", "Laddar kartan…"), nothing is busy, and a map on it has its districts. Unlike
 * Playwright's 'networkidle', this does not wait for the live connection to fall silent, which
 * it never does.
 */
export async function waitForScreen(page: Page, label?: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ({ label, loading }) => {
      const h1 = document.querySelector('h1')?.textContent ?? '';
      if (label !== undefined && !h1.endsWith(`– ${label}`)) return false;
      const main = document.querySelector('main');
      if (!main) return false;
      if (main.querySelector('.loading, [aria-busy=true]')) return false;
      if (new RegExp(loading, 'm').test(main.innerText)) return false;
      const map = main.querySelector('[data-testid=district-map]');
      return !map || map.querySelector('path.district-area') !== null;
    },
    { label, loading: LOADING_TEXT.source },
    { timeout },
  );
}

/**
 * A record the console cannot show: the demo's power cut arrives with an object for a title,
 * as a bug elsewhere could send it. The server never appends such an event (R80); this is
 * the console's own last line of defence (R84).
 */
export async function breakOneRecord(p: Page): Promise<void> {
  await p.routeWebSocket(/socket\.io/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((m) => {
      const text = typeof m === 'string' ? m : m.toString();
      if (!text.startsWith('42["events"')) return ws.send(m);
      const [name, events, meta] = JSON.parse(text.slice(2)) as [
        string,
        { type: string; data: Record<string, unknown> }[],
        unknown,
      ];
      for (const e of events)
        if (e.type === 'event.opened' && e.data.eventId === 'evt_demo_soderort')
          e.data.title = { trasig: true };
      ws.send(`42${JSON.stringify([name, events, meta])}`);
    });
    ws.onMessage((m) => server.send(m));
  });
}

/** A point inside Farsta's area on the map that no label or marker covers. */
export async function freeSpotInFarsta(page: Page): Promise<{ x: number; y: number }> {
  const spot = await page.evaluate(() => {
    const area = document.querySelector('path.district-farsta');
    if (!area) return null;
    const r = area.getBoundingClientRect();
    const free: { x: number; y: number }[] = [];
    for (let y = r.top + 3; y < r.bottom; y += 3)
      for (let x = r.left + 3; x < r.right; x += 3)
        if (document.elementFromPoint(x, y) === area) free.push({ x, y });
    // The free point with the most free neighbours: well inside, away from the border.
    const inside = (p: { x: number; y: number }) =>
      free.filter((q) => Math.abs(q.x - p.x) <= 9 && Math.abs(q.y - p.y) <= 9).length;
    return free.sort((a, b) => inside(b) - inside(a))[0] ?? null;
  });
  if (!spot) throw new Error('no free spot in Farsta');
  return spot;
}

/** The chair judges the demo's power cut an extraordinary event, as the board's screens need. */
export async function judgeDemoExtraordinary(suite: BrowserSuite, basis: string): Promise<void> {
  const ack = await suite.command('ordf', 'event.judgeExtraordinary', {
    eventId: 'evt_demo_soderort',
    confirm: true,
    decision: { basis, informed: [] },
  });
  expect(ack).toMatchObject({ ok: true });
}
