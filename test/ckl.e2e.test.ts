/**
 * The CKL workspaces in real Chromium against a real server with the demo power cut: two
 * districts report, the analysis function compiles a situation report from them, the CKL lead
 * approves it and the chair sees it in their console. axe-core on every workspace.
 */
import { type Page } from 'playwright-core';
import { axeViolations, browserSuite, type ConsolePage } from './support/browser';

jest.setTimeout(120_000);

const suite = browserSuite();

const real = () => suite.real();

async function signIn(user: string, hash = ''): Promise<ConsolePage> {
  return (await suite.signIn(user, { path: hash, viewport: { width: 1920, height: 1080 } })).page;
}

const axe = axeViolations;

async function report(user: string, districtId: string, happened: string, needs: string) {
  const c = await suite.console(user);
  try {
    const ack = await c.command('district.report', {
      districtId,
      basedOnReportId: real().state.districts[districtId].latestReportId ?? null,
      status: 'severe',
      happened,
      needs,
      crisisSupport: 'standby',
      nextReportDue: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(ack).toMatchObject({ ok: true });
  } finally {
    c.close();
  }
}

describe('CKL workspaces in Chromium', () => {
  let analyst: Page & { errors: string[] };
  let lead: Page & { errors: string[] };
  let chair: Page & { errors: string[] };
  const title = `Samlad lägesbild e2e ${Date.now()}`;

  test('the analysis function compiles a report from two district reports; the lead approves; the chair sees it', async () => {
    await report(
      'tib.farsta',
      'farsta',
      'Reservkraft i drift på alla tre äldreboenden i Farsta.',
      'Diesel till reservkraften före kl 22.',
    );
    await report(
      'tib.enskede-arsta-vantor',
      'enskede-arsta-vantor',
      'Vattentrycket borta i Rågsved; tappställen uppställda.',
      'Fler vattentankar till Hagsätra.',
    );
    [analyst, chair] = await Promise.all([signIn('analys'), signIn('ordf')]);
    // The analyst's home is the analysis workspace, with the joint picture from the reports.
    const picture = analyst.getByTestId('picture');
    await picture.getByTestId('picture-farsta').getByText('Aktuell').waitFor();
    await picture.getByTestId('picture-enskede-arsta-vantor').getByText('Aktuell').waitFor();

    const form = analyst.getByTestId('draft-sitrep');
    await form.getByRole('button', { name: 'Hämta från rapporterna' }).click();
    const situation = form.getByLabel('Läge', { exact: true });
    expect(await situation.inputValue()).toContain('Reservkraft i drift på alla tre äldreboenden');
    expect(await situation.inputValue()).toContain('Vattentrycket borta i Rågsved');
    expect(await form.getByLabel('Behov').inputValue()).toContain('Fler vattentankar');
    await form.getByLabel('Rubrik').fill(title);
    await form.getByLabel('Prognos').fill('Strömmen åter etappvis från kl 20.');
    await form.getByRole('button', { name: 'Skicka till stabschefen för godkännande' }).click();
    await form.getByText('Lägesbilden väntar på stabschefens godkännande.').waitFor();

    const drafted = Object.values(real().state.ckl.sitreps).find((r) => r.title === title);
    if (!drafted) throw new Error('no draft stored');
    expect(drafted.status).toBe('draft');
    expect(drafted.eventId).toBe('evt_demo_soderort');
    const farsta = real().state.districts.farsta.latestReportId as string;
    const eav = real().state.districts['enskede-arsta-vantor'].latestReportId as string;
    expect(drafted.sources.districtReportIds).toEqual(expect.arrayContaining([farsta, eav]));
    // The chair does not see a draft.
    expect(await chair.getByText(title).count()).toBe(0);

    lead = await signIn('stabschef', '#/stab');
    const card = lead.getByTestId('approvals').getByTestId('sitrep').filter({ hasText: title });
    await card.getByText('Reservkraft i drift på alla tre äldreboenden').waitFor();
    const t0 = Date.now();
    await card
      .getByRole('button', { name: 'Godkänn och skicka till ordföranden och stadsdelsområdena' })
      .click();
    const onChair = chair.getByTestId('approved-sitreps').getByTestId('sitrep').filter({
      hasText: title,
    });
    await onChair.waitFor({ timeout: 3000 });
    console.log(`approve → chair's console: ${Date.now() - t0} ms`);
    expect(await onChair.textContent()).toContain('Godkänd och skickad');
    expect(await onChair.textContent()).toContain('Strömmen åter etappvis från kl 20.');
    expect(real().state.ckl.sitreps[drafted.id].status).toBe('approved');
    // The analyst sees the version approved too.
    await analyst
      .getByTestId('sitrep-versions')
      .getByTestId('sitrep')
      .filter({ hasText: title })
      .getByText('Godkänd och skickad')
      .waitFor({ timeout: 3000 });
  });

  test('everyone sees the next briefing in the frame', async () => {
    for (const p of [analyst, lead, chair])
      expect(await p.getByTestId('next-briefing').textContent()).toContain('Stabsgenomgång');
  });

  test('a function that is not activated says so (liaison in the demo)', async () => {
    const liaison = await signIn('samverkan');
    expect(await liaison.getByTestId('fn-status-liaison').textContent()).toContain(
      'Funktionen är inte aktiverad',
    );
  });

  test('axe-core: no serious or critical WCAG 2.1 AA violation on any CKL workspace', async () => {
    const found: Record<string, unknown> = {};
    for (const route of ['stab', 'samverkan', 'analys', 'information', 'administration']) {
      await lead.goto(`${suite.server.url}/#/${route}`);
      await lead.waitForSelector('[data-testid=connection]:has-text("Live")');
      await lead.locator(`nav a[aria-current=page][href="#/${route}"]`).waitFor();
      await lead.locator('.ckl-screen').waitFor();
      // Open every disclosure so the forms are checked too.
      await lead.$$eval('details', (ds) =>
        ds.forEach((d) => ((d as HTMLDetailsElement).open = true)),
      );
      const v = await axe(lead);
      if (v.length) found[route] = v;
    }
    const chairV = await axe(chair);
    if (chairV.length) found.ordforande = chairV;
    if (Object.keys(found).length) console.log(JSON.stringify(found, null, 1));
    expect(found).toEqual({});
  });

  test('no console errors in any page', () => {
    for (const c of suite.contexts)
      for (const p of c.pages()) expect((p as Page & { errors: string[] }).errors).toEqual([]);
  });
});
