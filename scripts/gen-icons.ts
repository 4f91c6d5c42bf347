/**
 * The installable console's icons (client/public/icons/) drawn from one SVG with the Chromium the
 * tests already use: 192 and 512 px on the rounded tile, and a maskable 512 px drawn full bleed
 * (the launcher cuts its own shape; the drawing keeps to the safe centre). The PNGs are committed;
 * run again after changing icon.svg: npx tsx scripts/gen-icons.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium';

const DIR = path.resolve(__dirname, '..', 'client', 'public', 'icons');
const svg = readFileSync(path.join(DIR, 'icon.svg'), 'utf8');
/** Full bleed for the maskable icon: the tile's rounded corners become a plain square. */
const maskable = svg.replace(/<rect([^>]*) rx="\d+"/, '<rect$1');

const ICONS: { file: string; size: number; svg: string }[] = [
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'icon-maskable-512.png', size: 512, svg: maskable },
  { file: 'apple-touch-icon.png', size: 180, svg: maskable },
];

async function main() {
  const browser = await launchChromium();
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({
        viewport: { width: icon.size, height: icon.size },
        deviceScaleFactor: 1,
      });
      const body = icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${body}</body></html>`,
      );
      await page.screenshot({ path: path.join(DIR, icon.file), omitBackground: true });
      await page.close();
      console.log(`${icon.file} (${icon.size} px)`);
    }
  } finally {
    await browser.close();
  }
}

void main();
