/**
 * The queue view ("Ej skickat ännu") and the conflict view against the real store, the shared
 * policy and a fake transport: order and time, what waits behind a conflict, and each choice.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { consoleStore } from '../../store/console';
import { useUi } from '../../store/ui';
import { signInAs, type FakeTransport } from '../../test/fixtures';
import { DistrictPanel } from '../../components/DistrictPanel';
import { OutboxPanel } from './OutboxPanel';
import { ConflictArea } from './ConflictView';

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const st = () => consoleStore.getState();

beforeEach(() => {
  localStorage.clear();
  useUi.setState({ selectedDistrictId: null, selectedEventId: null, placing: null, merge: null });
});

const due = () => new Date(Date.now() + 3600_000).toISOString();
function queueThree(t: FakeTransport) {
  t.online = false;
  st().setConnection('offline');
  st().send('report:farsta', 'district.report', {
    districtId: 'farsta',
    basedOnReportId: 'rep1',
    status: 'critical',
    happened: 'Evakuering Farsta strand',
    consequences: '',
    actions: '',
    needs: 'Bussar',
    crisisSupport: 'active',
    nextReportDue: due(),
  });
  st().send('nochange:farsta', 'district.confirmNoChange', {
    districtId: 'farsta',
    basedOnReportId: 'rep1',
    nextReportDue: due(),
  });
  st().send('log:farsta', 'log.write', { districtId: 'farsta', text: 'Ringt elbolaget' });
}

/**
 * The server refuses the first queued command as STALE (rep1 is the latest report) and takes
 * every other; the refused command's id.
 */
function refuseFirstAsStale(t: ReturnType<typeof signInAs>, message: string): string {
  const firstId = st().pending[0].id;
  t.answer = async (env) =>
    env.id === firstId
      ? { ok: false, error: { code: 'STALE', message, details: { latestReportId: 'rep1' } } }
      : { ok: true, seq: 1, firstSeq: 1 };
  return firstId;
}

test('the queue view lists what was done offline, in order, with the time, as not yet sent', async () => {
  const t = signInAs('tib.farsta');
  queueThree(t);
  render(<OutboxPanel />);
  const panel = screen.getByRole('region', { name: /Ej skickat ännu/ });
  const items = within(panel).getAllByRole('listitem');
  expect(items.map((i) => i.querySelector('strong')?.textContent)).toEqual([
    'Lägesrapport',
    'Inget nytt att rapportera',
    'Dagboksanteckning',
  ]);
  expect(items[0].textContent).toMatch(/1\..*kl\. \d\d:\d\d.*Kritiskt: Evakuering Farsta strand/);
  expect(items[2].textContent).toMatch(/Ringt elbolaget.*Väntar på anslutning/);
  expect(t.sent).toHaveLength(0);
  // The confirmation follows the officer's own queued report, not a conflict with it.
  expect(st().pending[1].after).toBe(st().pending[0].id);
});

test('a STALE report shows the conflict; its follower waits, an unrelated log line is sent; "send mine anyway" re-bases it', async () => {
  const t = signInAs('tib.farsta');
  queueThree(t);
  const firstId = refuseFirstAsStale(t, 'Stadsdelsområdets läge har ändrats sedan du började.');
  render(
    <>
      <ConflictArea />
      <OutboxPanel />
    </>,
  );
  t.online = true;
  await act(async () => st().setConnection('live'));
  await flush();
  expect(t.sent.map((e) => e.type)).toEqual(['district.report', 'log.write']);
  const conflict = screen.getByRole('region', { name: /Konflikt: Farsta/ });
  const table = within(conflict).getByRole('table');
  expect(within(table).getByText('Evakuering Farsta strand')).toBeTruthy();
  // The latest report with who and when.
  expect(within(conflict).getByTestId('conflict-theirs-head').textContent).toMatch(
    /TiB Farsta, \d+ \w+\.? \d\d:\d\d/,
  );
  expect(within(table).getByRole('rowheader', { name: /Status.*skiljer/ })).toBeTruthy();
  expect(screen.getByText(/Väntar på beslut om konflikten före/)).toBeTruthy();

  fireEvent.click(within(conflict).getByRole('button', { name: 'Skicka min version ändå' }));
  await flush();
  await flush();
  const resent = t.sent[2];
  expect(resent).toMatchObject({ type: 'district.report', payload: { basedOnReportId: 'rep1' } });
  expect(resent.id).not.toBe(firstId);
  expect(t.sent[3]?.type).toBe('district.confirmNoChange');
  expect(st().pending).toEqual([]);
  expect(screen.queryByRole('region', { name: /Konflikt/ })).toBeNull();
});

test('"merge by editing" hands the queued text to the report form on top of the latest; "discard" asks once more', async () => {
  const t = signInAs('tib.farsta');
  queueThree(t);
  refuseFirstAsStale(t, 'Ändrat.');
  t.online = true;
  await act(async () => st().setConnection('live'));
  await flush();
  render(
    <>
      <ConflictArea />
      <DistrictPanel districtId="farsta" />
    </>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Redigera och slå samman' }));
  await flush();
  expect(screen.queryByRole('region', { name: /Konflikt/ })).toBeNull();
  expect((screen.getByLabelText('Vad har hänt (obligatoriskt)') as HTMLTextAreaElement).value).toBe(
    'Evakuering Farsta strand',
  );
  fireEvent.click(screen.getByRole('button', { name: 'Skicka lägesrapport' }));
  await flush();
  expect(t.sent.at(-1)).toMatchObject({
    type: 'district.report',
    payload: { basedOnReportId: 'rep1', happened: 'Evakuering Farsta strand', needs: 'Bussar' },
  });

  // Discard: two steps, then nothing of it is sent again.
  t.answer = async () => ({
    ok: false,
    error: { code: 'STALE', message: 'Ändrat.', details: { latestReportId: 'rep1' } },
  });
  await act(async () => {
    st().send('report:farsta', 'district.report', {
      districtId: 'farsta',
      basedOnReportId: null,
      status: 'normal',
      happened: 'Gammal',
      crisisSupport: 'not_active',
      nextReportDue: due(),
    });
  });
  await flush();
  const conflict = await screen.findByRole('region', { name: /Konflikt/ });
  fireEvent.click(within(conflict).getByRole('button', { name: 'Släng min version' }));
  expect(st().pending.some((c) => c.conflict)).toBe(true);
  fireEvent.click(within(conflict).getByRole('button', { name: 'Ja, släng min version' }));
  await flush();
  expect(st().pending).toEqual([]);
});

test('a draft typed into the report form survives a remount (reload)', async () => {
  signInAs('tib.farsta');
  const first = render(<DistrictPanel districtId="farsta" />);
  fireEvent.change(screen.getByLabelText('Vad har hänt (obligatoriskt)'), {
    target: { value: 'Halvskrivet utkast' },
  });
  first.unmount();
  render(<DistrictPanel districtId="farsta" />);
  expect((screen.getByLabelText('Vad har hänt (obligatoriskt)') as HTMLTextAreaElement).value).toBe(
    'Halvskrivet utkast',
  );
});
