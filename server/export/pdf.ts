import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { EXERCISE_MARK } from '../../shared/domain/exercise';

export class PdfUnavailableError extends Error {}

/**
 * Renders printable HTML to PDF with headless Chromium (the same engine that prints the page
 * in a browser, so the PDF and the printed HTML look the same). One browser is started on
 * first use and closed after a quiet minute; renders run one at a time so a burst of
 * exports cannot exhaust the machine.
 */
export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private idle: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly chromiumPath: string,
    private readonly idleMs = 60_000,
  ) {}

  get available(): boolean {
    return existsSync(this.chromiumPath);
  }

  private async launch(): Promise<Browser> {
    if (!this.available)
      throw new PdfUnavailableError(`Chromium saknas (${this.chromiumPath}); PDF kan inte skapas.`);
    const { chromium } = await import('playwright-core');
    return chromium.launch({
      executablePath: this.chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }

  /** A PDF (A4) of a complete HTML document; `css` is added as a style sheet. */
  render(html: string, css: string, opts: { exercise?: boolean } = {}): Promise<Buffer> {
    const job = this.queue.then(() => this.renderNow(html, css, opts.exercise === true));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async renderNow(html: string, css: string, exercise: boolean): Promise<Buffer> {
    if (this.closed) throw new PdfUnavailableError('Servern stängs.');
    if (this.idle) clearTimeout(this.idle);
    this.browser ??= this.launch().catch((err) => {
      this.browser = null;
      throw err;
    });
    const browser = await this.browser;
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      // The page never reaches a browser: the style sheet goes inline, scripts stay off.
      const styled = html.replace(
        '</head>',
        `<style>${css.replace(/<\//g, '<\\/')}</style>\n</head>`,
      );
      await page.setContent(styled, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      // An exercise carries the ÖVNING band at the top and bottom of every page (R63).
      const band = (edge: 'top' | 'bottom') =>
        exercise
          ? `<div style="width:calc(100% - 28mm);margin:0 14mm;${edge === 'top' ? 'margin-top:4mm' : 'margin-bottom:2mm'};background:#b35c00;color:#fff;-webkit-print-color-adjust:exact;font:800 9px sans-serif;letter-spacing:.3em;text-align:center;padding:3px 0">${EXERCISE_MARK} – ${EXERCISE_MARK} – ${EXERCISE_MARK}</div>`
          : '';
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: {
          top: exercise ? '20mm' : '14mm',
          bottom: exercise ? '22mm' : '16mm',
          left: '14mm',
          right: '14mm',
        },
        displayHeaderFooter: true,
        headerTemplate: band('top') || '<span></span>',
        footerTemplate: `<div style="width:100%">${band('bottom')}<div style="font-size:8px;text-align:center;color:#555"><span class="title"></span> – sida <span class="pageNumber"></span> av <span class="totalPages"></span></div></div>`,
      });
      return pdf;
    } finally {
      await context.close().catch(() => undefined);
      this.idle = setTimeout(() => void this.shutdownBrowser(), this.idleMs);
      this.idle.unref();
    }
  }

  private async shutdownBrowser(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b).close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    await this.queue.catch(() => undefined);
    await this.shutdownBrowser().catch(() => undefined);
  }
}
