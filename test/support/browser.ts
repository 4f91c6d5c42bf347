/** The browser side of the end-to-end tests: Debian's Chromium, the built console, axe-core. */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { startTestServer, type TestServer } from './server';

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
