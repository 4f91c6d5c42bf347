import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

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
  render(html: string, css: string): Promise<Buffer> {
    const job = this.queue.then(() => this.renderNow(html, css));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async renderNow(html: string, css: string): Promise<Buffer> {
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
      await page.setContent(html, { waitUntil: 'load' });
      await page.addStyleTag({ content: css });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="title"></span> – sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>',
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
