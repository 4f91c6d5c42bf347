/** The after-action page shows the report object's figures, and only them. */
import { GENERATED_AT, playScenario } from '../../test/support/afterActionScenario';
import { buildAfterAction, type AfterActionReport } from '../../shared/report/afterAction';
import { renderAfterActionHtml } from './afterActionHtml';

let report: AfterActionReport;
beforeAll(() => {
  const sc = playScenario();
  report = buildAfterAction(sc.log.log, {
    space: 'real',
    eventId: sc.eventId,
    generatedAt: GENERATED_AT,
  });
});
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' ');

test('the page shows the alarm, CKL, district, task, cost and evaluation figures', () => {
  const t = text(renderAfterActionHtml(report, {}));
  expect(t).toContain('3 larmade, 3 nådda, 3 svar, 2 kommer, 1 kan inte');
  expect(t).toContain('Första svar efter 3 min; kvoten (2) fylld efter 12 min');
  expect(t).toContain('CKL Analys');
  expect(t).toContain('12 345,50 kr');
  expect(t).toContain('Summa20 345,50 kr');
  expect(t).toContain('1 makulerade poster ingår inte i summorna');
  expect(t).toContain('2 uppdrag: 1 klara, 1 öppna, 0 avbrutna; 1 försenade');
  expect(t).toContain('3 (45 min), inaktuell vid periodens slut');
  expect(t).toContain('Larmet fungerade; rapporterna från Farsta kom två gånger sent.');
  expect(t).toContain('Samlad lägesbild, utkast: Lägesbild 1 (version 1)');
});

test('the log section never shows a bare event type name', () => {
  const html = renderAfterActionHtml(report, {});
  const log = html.slice(html.indexOf('<section class="log">'));
  expect(log).not.toMatch(/\b[a-z]+\.[a-z]+[A-Z]\w*/);
  expect(log).not.toContain('analysis.sitrepDrafted');
});

test('the page renders from the object alone: change a figure, the page changes', () => {
  const changed: AfterActionReport = {
    ...report,
    costs: { ...report.costs, totalOre: 100 },
    alarms: [{ ...report.alarms[0], reached: 7 }],
  };
  const t = text(renderAfterActionHtml(changed, {}));
  expect(t).toContain('Summa1,00 kr');
  expect(t).toContain('7 nådda');
});
