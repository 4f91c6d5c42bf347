/**
 * PDF exports rendered by real headless Chromium, then rasterised with pdftoppm so a person
 * (and this test) can look at the pages. Output: test-output/*.pdf and *.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectConsole, login, startTestServer, type TestServer } from './support/server';

const OUT = path.join(__dirname, '..', 'test-output');
let srv: TestServer;
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  srv = await startTestServer();
});
afterAll(() => srv.close());

async function pdf(urlPath: string, cookie: string, name: string): Promise<string> {
  const res = await fetch(`${srv.url}${urlPath}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const buf = Buffer.from(await res.arrayBuffer());
  expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = path.join(OUT, `${name}.pdf`);
  writeFileSync(file, buf);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, path.join(OUT, name)]);
  const png = path.join(OUT, `${name}-1.png`);
  expect(statSync(png).size).toBeGreaterThan(10_000);
  // pdftotext proves the text is real text in the PDF, not an image of it. The whole document:
  // the situation report opens with its map, so the events may begin on page 2.
  const text = execFileSync('pdftotext', [file, '-']).toString();
  return text;
}

test('the after-action report of an exercise renders to PDF with ÖVNING on the page', async () => {
  const cookie = await login(srv.url, 'stabschef');
  const lead = await connectConsole(srv.url, cookie);
  const ack = await lead.command('exercise.start', {
    name: 'Vinterövning Söderort',
    scenarioId: 'elavbrott-vinter-soderort',
    timeScale: 3600,
  });
  expect(ack.ok).toBe(true);
  const ex = Object.values(srv.app.spaces.get('real')!.state.exercise.exercises)[0];
  const t0 = Date.now();
  for (;;) {
    const c = srv.app.spaces.get(ex.space)?.state.exercise.control;
    if (c && Object.values(c.injects).every((i) => i.status === 'delivered')) break;
    if (Date.now() - t0 > 15_000) throw new Error('injects not delivered');
    await new Promise((r) => setTimeout(r, 100));
  }
  lead.close();
  const text = await pdf(
    `/api/export/report?space=${ex.space}&format=pdf`,
    cookie,
    'utvardering-ovning',
  );
  expect(text).toContain('ÖVNING');
  expect(text).toContain('Utvärdering: Vinterövning Söderort');
  const sit = await pdf(
    `/api/export/situation?space=${ex.space}&format=pdf`,
    cookie,
    'lagesbild-ovning',
  );
  expect(sit).toContain('ÖVNING');
  expect(sit).toContain('Elavbrott i Söderort');
}, 120_000);

test('the real situation report renders to PDF without the exercise mark', async () => {
  const cookie = await login(srv.url, 'stadsdir');
  const text = await pdf('/api/export/situation?format=pdf', cookie, 'lagesbild');
  expect(text).not.toContain('ÖVNING');
  expect(text).toContain('Lägesbild');
  const aar = await pdf(
    '/api/export/report?eventId=evt_demo_soderort&format=pdf',
    cookie,
    'utvardering',
  );
  expect(aar).toContain('Från första rapport till aktivering av CKL');
  expect(readFileSync(path.join(OUT, 'utvardering.pdf')).length).toBeGreaterThan(5000);
}, 120_000);
