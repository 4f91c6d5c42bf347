/**
 * The action-card editor against the real store and the shared policy: the library, a new
 * version from an edited card, a retirement that asks first, and an import that is always
 * previewed first with the line and reason of every problem.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { StoredEvent } from '../../../../shared/events';
import type { ActorRef } from '../../../../shared/domain/state';
import { shippedCard, type CardDefinition } from '../../../../shared/cards';
import { consoleStore } from '../../store/console';
import { signInAs } from '../../test/fixtures';
import { routesFor } from '../../routes';
import { CardEditorScreen } from './CardEditorScreen';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const ADMIN: ActorRef = { userId: 'admin', name: 'Systemadministratör', role: 'admin' };

function signInAdmin() {
  const t = signInAs('analys');
  act(() => consoleStore.getState().signedIn({ ...ADMIN, active: true }));
  return t;
}

/** One event of the real log, as the server would stream it next. */
function feed(type: string, data: unknown, actor: ActorRef) {
  const st = consoleStore.getState();
  const from = st.spaces.real.seq + 1;
  const e = {
    type,
    data,
    seq: from,
    space: 'real',
    at: new Date().toISOString(),
    actor,
    commandId: `c${from}`,
    hash: 'h',
  } as StoredEvent;
  act(() => st.onEvents([e], { space: 'real', from, to: from }));
}
const feedSaved = (card: CardDefinition) => feed('card.saved', { card }, ADMIN);
const CHIEF: ActorRef = { userId: 'sakchef', name: 'Anders Holm', role: 'security_chief' };

/** A PDF in the document library, as its publishing event reaches the console. */
function feedDocument(documentId: string, title: string, version: string) {
  feed(
    'document.published',
    {
      documentId,
      title,
      kind: 'crisis_plan',
      version,
      date: '2024-01-10',
      levels: [],
      links: [],
      roles: [],
      hash: documentId
        .padEnd(64, '0')
        .replace(/[^0-9a-f]/g, 'a')
        .slice(0, 64),
      mediaType: 'application/pdf',
      size: 1000,
      name: `${documentId}.pdf`,
    },
    CHIEF,
  );
}

const realFetch = global.fetch;
/** What fetch resolves to, as much of a Response as the import reads (jsdom has none). */
const answer = (status: number, body: unknown) =>
  ({ ok: status < 400, status, json: async () => body }) as unknown as Response;
afterEach(() => {
  global.fetch = realFetch;
});

describe('routes', () => {
  test('R235 Åtgärdskort is in the navigation of the administrator and the security chief only', () => {
    expect(routesFor('admin', null).map((r) => r.id)).toContain('atgardskort');
    expect(routesFor('security_chief', null).map((r) => r.id)).toContain('atgardskort');
    expect(routesFor('district_officer', null).map((r) => r.id)).not.toContain('atgardskort');
    expect(routesFor('ckl_lead', null).map((r) => r.id)).not.toContain('atgardskort');
    // The new tab does not change the administrator's home.
    expect(routesFor('admin', null)[0].id).toBe('larm');
  });
});

describe('card library', () => {
  test('R236 lists every card with holder, trigger and version', () => {
    signInAdmin();
    render(<CardEditorScreen />);
    const row = screen.getByTestId('lib-tib-disruption');
    expect(row.textContent).toContain('TiB vid störning i stadsdelsområdet');
    expect(row.textContent).toContain('Störning i mitt område');
    expect(row.textContent).toContain('version 1');
    expect(within(row).getByRole('button', { name: /Redigera/ })).toBeTruthy();
  });

  test('R235 someone else sees the library but cannot edit it', () => {
    signInAs('analys');
    render(<CardEditorScreen />);
    expect(screen.getByText(/Endast en administratör eller säkerhetschefen/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Redigera/ })).toBeNull();
    expect(screen.queryByTestId('card-file')).toBeNull();
  });

  test('R236 an added step moved up is saved as the next version on the one opened', async () => {
    const t = signInAdmin();
    render(<CardEditorScreen />);
    fireEvent.click(
      screen.getByRole('button', { name: 'Redigera TiB vid störning i stadsdelsområdet' }),
    );
    const editor = screen.getByTestId('card-editor');
    expect(within(editor).getByTestId('editor-version').textContent).toContain('Version 1');
    fireEvent.click(within(editor).getByRole('button', { name: '+ Lägg till steg' }));
    const n = shippedCard('tib-disruption')!.steps.length + 1;
    fireEvent.change(within(editor).getByLabelText(`Text (steg ${n})`), {
      target: { value: 'Kontakta skolorna i området' },
    });
    fireEvent.change(within(editor).getAllByLabelText(/Tidsfrist i minuter/)[n - 1], {
      target: { value: '45' },
    });
    fireEvent.change(within(editor).getAllByLabelText(/Bockas av när konsolen loggar/)[n - 1], {
      target: { value: 'log.written||' },
    });
    fireEvent.click(
      within(editor).getByRole('button', {
        name: `Flytta upp steg ${n}: Kontakta skolorna i området`,
      }),
    );
    // The focus stays with the moved step, on the same button.
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      `Flytta upp steg ${n - 1}: Kontakta skolorna i området`,
    );
    fireEvent.click(within(editor).getByRole('button', { name: 'Spara som version 2' }));
    await flush();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({ type: 'card.save', space: 'real' });
    const payload = t.sent[0].payload as { card: CardDefinition; baseVersion: number };
    expect(payload.baseVersion).toBe(1);
    expect(payload.card.steps.map((s) => s.id).slice(-2)).toEqual([`steg-${n}`, 'crisis-support']);
    expect(payload.card.steps[n - 2]).toEqual({
      id: `steg-${n}`,
      text: 'Kontakta skolorna i området',
      deadlineMinutes: 45,
      fulfilledBy: { type: 'log.written' },
    });
    // The shipped steps keep their sources untouched.
    expect(payload.card.steps[0].source).toBe(shippedCard('tib-disruption')!.steps[0].source);

    feedSaved({ ...payload.card, version: 2 });
    await flush();
    expect(screen.getByTestId('lib-version-tib-disruption').textContent).toBe('version 2');
    expect(within(editor).getByTestId('editor-version').textContent).toContain('Version 2');
    expect(within(editor).getByRole('status').textContent).toContain('Sparat som version 2.');
    expect(within(editor).getByRole('button', { name: 'Spara som version 3' })).toBeTruthy();
  });

  test('R236 a removed step is gone from the save and the focus goes to the step after it', async () => {
    const t = signInAdmin();
    render(<CardEditorScreen />);
    fireEvent.click(screen.getByRole('button', { name: /Redigera Stabschef när CKL aktiveras/ }));
    const editor = screen.getByTestId('card-editor');
    fireEvent.click(within(editor).getByRole('button', { name: /^Ta bort steg 1:/ }));
    expect(document.activeElement).toBe(within(editor).getByLabelText('Text (steg 1)'));
    fireEvent.click(within(editor).getByRole('button', { name: 'Spara som version 2' }));
    await flush();
    const card = (t.sent[0].payload as { card: CardDefinition }).card;
    expect(card.steps.map((s) => s.id)).toEqual(['direction', 'inform-chair']);
  });

  test("R238 a refused save shows the server's reason and keeps the draft", async () => {
    const t = signInAdmin();
    t.answer = async () => ({
      ok: false,
      error: { code: 'INVALID', message: 'Kortet sparades inte: steg 1: ange stegets text.' },
    });
    render(<CardEditorScreen />);
    fireEvent.click(screen.getByRole('button', { name: /Redigera Stabschef när CKL aktiveras/ }));
    const editor = screen.getByTestId('card-editor');
    fireEvent.change(within(editor).getByLabelText('Rubrik'), { target: { value: 'Ny rubrik' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Spara som version 2' }));
    await flush();
    expect(within(editor).getByRole('alert').textContent).toContain(
      'Kortet sparades inte: steg 1: ange stegets text.',
    );
    expect((within(editor).getByLabelText('Rubrik') as HTMLInputElement).value).toBe('Ny rubrik');
  });

  test('R237 retiring a card asks first and names the version it retires', async () => {
    const t = signInAdmin();
    render(<CardEditorScreen />);
    fireEvent.click(screen.getByRole('button', { name: /Redigera Analysfunktionen/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Avveckla kortet…' }));
    expect(t.sent).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Skäl (valfritt)'), {
      target: { value: 'Ersätts av nytt kort' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ja, avveckla kortet' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'card.retire',
      space: 'real',
      payload: { cardId: 'fn-analysis', baseVersion: 1, reason: 'Ersätts av nytt kort' },
    });
  });

  test('R236 a new card gets its id from the title and is saved from version 0', async () => {
    const t = signInAdmin();
    render(<CardEditorScreen />);
    fireEvent.click(screen.getByRole('button', { name: '+ Nytt kort' }));
    const editor = screen.getByTestId('card-editor');
    fireEvent.change(within(editor).getByLabelText('Rubrik'), {
      target: { value: 'Säkerhetschef vid höjd beredskap' },
    });
    expect((within(editor).getByLabelText('Kortets id') as HTMLInputElement).value).toBe(
      'sakerhetschef-vid-hojd-beredskap',
    );
    fireEvent.change(within(editor).getByLabelText('Roll'), {
      target: { value: 'security_chief' },
    });
    fireEvent.change(within(editor).getByLabelText('Utlösare'), {
      target: { value: 'heightened_alert' },
    });
    fireEvent.change(within(editor).getByLabelText('Text (steg 1)'), {
      target: { value: 'Gå igenom säkerhetsskyddet' },
    });
    fireEvent.click(within(editor).getByRole('button', { name: 'Spara kortet' }));
    await flush();
    expect(t.sent[0]).toMatchObject({
      type: 'card.save',
      payload: {
        baseVersion: 0,
        card: {
          id: 'sakerhetschef-vid-hojd-beredskap',
          holder: { kind: 'role', role: 'security_chief' },
          trigger: 'heightened_alert',
          steps: [{ id: 'steg-1', text: 'Gå igenom säkerhetsskyddet' }],
        },
      },
    });
  });
});

describe("a step's source and documents", () => {
  test('R179 R238 the source is edited as text and documents are chosen among those in the library', async () => {
    const t = signInAdmin();
    feedDocument('doc-plan', 'Krisledningsplan', '2024');
    feedDocument('doc-kontakt', 'Kontaktlista', '3');
    render(<CardEditorScreen />);
    fireEvent.click(
      screen.getByRole('button', { name: 'Redigera TiB vid störning i stadsdelsområdet' }),
    );
    const editor = screen.getByTestId('card-editor');
    const shippedSource = shippedCard('tib-disruption')!.steps[0].source!;
    const source = within(editor).getByLabelText(
      'Källa i stadens planer (valfritt, steg 1)',
    ) as HTMLTextAreaElement;
    expect(source.value).toBe(shippedSource);
    fireEvent.change(source, { target: { value: '  Krisledningsplan 2024, avsnitt 4.2  ' } });
    // Step 2 loses its source altogether: the save leaves the field out.
    fireEvent.change(within(editor).getByLabelText('Källa i stadens planer (valfritt, steg 2)'), {
      target: { value: ' ' },
    });
    const docs = within(editor).getByRole('group', {
      name: 'Dokument i biblioteket (valfritt, steg 1)',
    });
    // Sorted by title, each a labelled checkbox with the document's version.
    expect(
      within(docs)
        .getAllByRole('checkbox')
        .map((c) => c.nextSibling?.textContent),
    ).toEqual(['Kontaktlista (3)', 'Krisledningsplan (2024)']);
    fireEvent.click(within(docs).getByLabelText('Krisledningsplan (2024)'));
    fireEvent.click(within(docs).getByLabelText('Kontaktlista (3)'));
    fireEvent.click(within(docs).getByLabelText('Kontaktlista (3)'));
    fireEvent.click(within(editor).getByRole('button', { name: 'Spara som version 2' }));
    await flush();
    const card = (t.sent[0].payload as { card: CardDefinition }).card;
    expect(card.steps[0]).toMatchObject({
      source: 'Krisledningsplan 2024, avsnitt 4.2',
      documents: ['doc-plan'],
    });
    expect(card.steps[1]).not.toHaveProperty('source');
    expect(card.steps[1]).not.toHaveProperty('documents');
  });

  test('R238 a linked document the editor no longer sees stays listed and can be unlinked', async () => {
    const t = signInAdmin();
    const shipped = shippedCard('tib-disruption')!;
    feedSaved({
      ...shipped,
      version: 2,
      steps: shipped.steps.map((s, i) => (i === 0 ? { ...s, documents: ['doc-gone'] } : s)),
    });
    render(<CardEditorScreen />);
    fireEvent.click(
      screen.getByRole('button', { name: 'Redigera TiB vid störning i stadsdelsområdet' }),
    );
    const editor = screen.getByTestId('card-editor');
    const gone = within(editor).getByLabelText(/Okänt eller tillbakadraget dokument \(doc-gone\)/);
    expect((gone as HTMLInputElement).checked).toBe(true);
    fireEvent.click(gone);
    fireEvent.click(within(editor).getByRole('button', { name: 'Spara som version 3' }));
    await flush();
    const card = (t.sent[0].payload as { card: CardDefinition }).card;
    expect(card.steps[0]).not.toHaveProperty('documents');
  });
});

describe('version history', () => {
  test('R236 each version with its number, who saved it and when, and what changed', async () => {
    signInAdmin();
    feedDocument('doc-plan', 'Krisledningsplan', '2024');
    const shipped = shippedCard('tib-disruption')!;
    const [first, second, ...rest] = shipped.steps;
    feedSaved({
      ...shipped,
      version: 2,
      steps: [
        { ...first!, source: 'Krisledningsplan 2024, avsnitt 4.2', documents: ['doc-plan'] },
        second!,
        ...rest,
      ],
    });
    feed(
      'card.saved',
      {
        card: {
          ...shipped,
          version: 3,
          title: 'TiB vid störning',
          steps: [second!, { ...first!, documents: ['doc-plan'] }, { id: 'ny', text: 'Ring' }],
        },
      },
      CHIEF,
    );
    render(<CardEditorScreen />);
    fireEvent.click(screen.getByRole('button', { name: 'Redigera TiB vid störning' }));
    const history = screen.getByTestId('card-history');
    expect(within(history).getByRole('heading', { level: 2 }).textContent).toBe(
      'Versionshistorik: TiB vid störning',
    );
    const items = within(history)
      .getAllByRole('listitem')
      .filter((li) => li.dataset.testid);
    expect(items.map((li) => li.dataset.testid)).toEqual([
      'history-v3',
      'history-v2',
      'history-v1',
    ]);
    const v3 = screen.getByTestId('history-v3');
    expect(v3.textContent).toContain('Version 3 (gällande)');
    expect(v3.textContent).toContain('Sparad av Anders Holm');
    expect(within(v3).getByRole('list', { name: 'Ändringar i version 3' }).textContent).toContain(
      'Rubriken ändrad till ”TiB vid störning”',
    );
    const v3changes = within(v3)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(v3changes).toContain('Nytt steg 3: ”Ring”.');
    expect(v3changes.some((c) => /^Steg borttaget \(var steg 3\)/.test(c ?? ''))).toBe(true);
    expect(v3changes.some((c) => /flyttat från plats/.test(c ?? ''))).toBe(true);
    expect(v3changes).toContain(
      `Steg 2: källa ”${first!.source!.slice(0, 79)}…” (var ”Krisledningsplan 2024, avsnitt 4.2”).`,
    );
    const v2 = screen.getByTestId('history-v2');
    expect(v2.textContent).toContain('Sparad av Systemadministratör');
    expect(within(v2).getByRole('list').textContent).toContain(
      'Steg 1: dokument länkat – Krisledningsplan (2024).',
    );
    expect(screen.getByTestId('history-v1').textContent).toContain('Levereras med konsolen');
    expect(screen.getByTestId('history-v1').textContent).toContain('Första versionen.');
    // Read only: the history has no buttons or fields.
    expect(within(history).queryAllByRole('button')).toEqual([]);
    expect(within(history).queryAllByRole('textbox')).toEqual([]);
    // The editor's link takes the focus to it.
    fireEvent.click(
      within(screen.getByTestId('card-editor')).getByRole('button', {
        name: 'Visa versionshistorik',
      }),
    );
    expect(document.activeElement).toBe(within(history).getByRole('heading', { level: 2 }));
  });
});

describe('import', () => {
  const file = (text: string) => new File([text], 'kort.yaml', { type: 'application/yaml' });

  /** The card editor with a YAML file chosen in its import panel and the preview asked for. */
  async function previewImport(): Promise<HTMLElement> {
    render(<CardEditorScreen />);
    const panel = screen.getByTestId('card-file');
    fireEvent.change(within(panel).getByLabelText('Välj YAML-fil att importera'), {
      target: { files: [file('cards: []')] },
    });
    await within(panel).findByText('kort.yaml');
    fireEvent.click(within(panel).getByRole('button', { name: 'Förhandsgranska import' }));
    return panel;
  }

  test('R239 a bad file is previewed with the line and reason of each problem, and nothing is imported', async () => {
    signInAdmin();
    const calls: string[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      calls.push(String(url));
      return answer(422, {
        error: {
          code: 'INVALID',
          message: 'Inga kort importerades. Rätta felen och försök igen.',
          issues: [
            {
              line: 14,
              where: 'kort 2 (tib-disruption) › steg 1 › Tidsfrist',
              message: 'steg 1 › Tidsfrist: ange ett helt antal minuter, 1–20160 (-5 går inte).',
            },
          ],
        },
      });
    }) as typeof fetch;
    const panel = await previewImport();
    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toContain('Rad 14');
    expect(alert.textContent).toContain('1–20160 (-5 går inte)');
    expect(calls).toEqual(['/api/cards/import?dryRun=1']);
    expect(within(panel).queryByRole('button', { name: 'Importera' })).toBeNull();
    expect(within(panel).getByRole('link', { name: /Exportera alla kort/ })).toHaveProperty(
      'href',
      expect.stringContaining('/api/cards/export'),
    );
  });

  test('R240 the preview says what would change; only the confirmation imports', async () => {
    signInAdmin();
    const calls: string[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      calls.push(String(url));
      const dryRun = String(url).includes('dryRun');
      return answer(200, { saved: ['lead-ckl'], retired: [], unchanged: ['fn-admin'], dryRun });
    }) as typeof fetch;
    const panel = await previewImport();
    expect((await within(panel).findByTestId('import-summary')).textContent).toContain(
      'Sparas som ny version (1 kort): lead-ckl',
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Importera' }));
    await within(panel).findByText('Importen är klar.');
    expect(calls).toEqual(['/api/cards/import?dryRun=1', '/api/cards/import']);
    expect(within(panel).getByTestId('import-summary').textContent).toContain('Importen är klar.');
  });

  test('R235 a deputy acting for the security chief imports and exports as the chief', async () => {
    signInAs('analys');
    const chief: ActorRef = { userId: 'sakchef', name: 'Anders Holm', role: 'security_chief' };
    const grant = { delegationId: 'del_t_sak', role: 'security_chief', toUserId: 'analys' };
    feed('delegation.granted', { ...grant, basis: 'Prov' }, chief);
    render(<CardEditorScreen />);
    expect(screen.queryByTestId('card-file')).toBeNull();
    act(() => consoleStore.getState().setActingFor('security_chief'));
    const panel = screen.getByTestId('card-file');
    expect(within(panel).getByRole('link', { name: /Exportera alla kort/ })).toHaveProperty(
      'href',
      expect.stringContaining('/api/cards/export?actingFor=security_chief'),
    );
    const calls: string[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      calls.push(String(url));
      return answer(200, { saved: [], retired: [], unchanged: ['fn-admin'], dryRun: true });
    }) as typeof fetch;
    fireEvent.change(within(panel).getByLabelText('Välj YAML-fil att importera'), {
      target: { files: [file('cards: []')] },
    });
    await within(panel).findByText('kort.yaml');
    fireEvent.click(within(panel).getByRole('button', { name: 'Förhandsgranska import' }));
    await within(panel).findByTestId('import-summary');
    expect(calls).toEqual(['/api/cards/import?dryRun=1&actingFor=security_chief']);
  });
});
