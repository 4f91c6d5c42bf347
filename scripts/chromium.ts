/**
 * Debian's Chromium as the end-to-end tests, the screenshot scripts and the client bench drive
 * it. Here rather than in test/support so that the bench need not import the test support.
 */
import type { Browser } from 'playwright-core';

/** Flags for Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium at `executablePath` (by default $CHROMIUM or Debian's). Playwright is loaded only
 * when a browser is wanted: the bench reports a missing one rather than failing to start.
 */
export async function launchChromium(
  executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium',
): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
