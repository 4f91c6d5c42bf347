/** Client: bundle size and time to show the crisis. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../scripts/chromium';
import { ROOT, dist, fig, login, type Proc } from './lib';
import type { BenchOptions } from './options';
import { log, ms } from './report';

/**
 * The selector the console sets once the crisis is on screen. Contract with the console:
 * `document.documentElement` (or any element) gets `data-ready="true"` when the state is
 * loaded and the map has drawn its districts and markers. Until then the bench falls back to
 * the map's district paths (`.leaflet-overlay-pane path`).
 */
export const READY_SELECTOR = '[data-ready="true"]';

/** Builds the client unless a current build (with its precompressed copies) is there. */
export function ensureClientBuilt(): string | null {
  if (existsSync(path.join(ROOT, 'dist', 'client', 'index.html.br'))) return null;
  log('  building the client (npm run build:client)…');
  const b = spawnSync('npm', ['run', 'build:client'], { cwd: ROOT, encoding: 'utf8' });
  return b.status === 0 ? null : `build failed: ${b.stderr.slice(-400)}`;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export async function benchClient(
  opts: BenchOptions,
  srv: Proc | null,
  districts: number,
  markers: number,
) {
  log('\n== Client');
  const distDir = path.join(ROOT, 'dist', 'client');
  const unbuilt = ensureClientBuilt();
  if (unbuilt) return { available: false, reason: unbuilt };
  const files = walk(distDir).filter((f) => /\.(js|css|html|json|svg)$/.test(f));
  const perType: Record<string, number> = {};
  let gz = 0;
  let raw = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    const g = gzipSync(buf, { level: 9 }).length;
    const ext = path.extname(f).slice(1);
    perType[ext] = (perType[ext] ?? 0) + g;
    gz += g;
    raw += buf.length;
  }
  const size = {
    gzipTotal: fig(gz / 1024, 'KiB'),
    rawTotal: fig(raw / 1024, 'KiB'),
    gzipByType: Object.fromEntries(
      Object.entries(perType).map(([k, v]) => [k, fig(v / 1024, 'KiB')]),
    ),
    target: '< 300 KB gzip before map tiles',
  };
  log(`  built client: ${ms(size.gzipTotal)} gzip (${ms(size.rawTotal)} raw)`);
  if (!srv) return { size, render: { available: false, reason: 'no server' } };
  let render: Record<string, unknown>;
  try {
    const browser = await launchChromium(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    try {
      const cookie = await login(srv.url, 'ordf');
      const [name, value] = cookie.split('=');
      const times: number[] = [];
      let how = '';
      let markerEls = 0;
      let districtEls = 0;
      for (let k = 0; k < 3; k++) {
        const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        await ctx.addCookies([{ name, value, url: srv.url }]);
        const page = await ctx.newPage();
        const t0 = performance.now();
        await page.goto(srv.url, { waitUntil: 'commit' });
        const found = await page
          .waitForFunction(
            ({ sel, d }) =>
              document.querySelector(sel)
                ? 'data-ready'
                : document.querySelectorAll('.leaflet-overlay-pane path').length >= d
                  ? 'district-paths'
                  : null,
            { sel: READY_SELECTOR, d: districts },
            { timeout: opts.mode === 'tiny' ? 3000 : 15_000, polling: 'raf' },
          )
          .then((h) => h.jsonValue() as Promise<string>)
          .catch(() => null);
        if (found) {
          times.push(performance.now() - t0);
          how = found;
        } else {
          await page.waitForLoadState('load');
          // The page's own load time, not the time spent waiting for a marker that never came.
          times.push(
            await page.evaluate(
              () =>
                (
                  window.performance.getEntriesByType(
                    'navigation',
                  )[0] as PerformanceNavigationTiming
                ).loadEventEnd,
            ),
          );
          how = 'load event only (the console shows no map or ready marker yet)';
        }
        markerEls = await page.evaluate(
          () =>
            document.querySelectorAll(
              '.leaflet-marker-icon, .leaflet-marker-pane > *, [data-marker-id]',
            ).length,
        );
        districtEls = await page.evaluate(
          () => document.querySelectorAll('.leaflet-overlay-pane path').length,
        );
        await ctx.close();
      }
      const d = dist(times);
      render = {
        available: true,
        waitedFor: how,
        timeToShow: d,
        districtsInState: districts,
        markersInState: markers,
        districtPathsSeen: districtEls,
        markerElementsSeen: markerEls,
      };
      log(
        `  time to show the crisis (${districts} districts, ${markers} markers): median ${ms(d.p50)}, max ${ms(d.max)} — waited for: ${how}`,
      );
    } finally {
      await browser.close();
    }
  } catch (err) {
    render = { available: false, reason: (err as Error).message.split('\n')[0] };
    log(`  render: skipped – ${render.reason as string}`);
  }
  return { size, render };
}
