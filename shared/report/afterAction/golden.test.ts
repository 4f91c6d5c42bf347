/**
 * The report of a scripted scenario run, as JSON, against a committed golden file: any change
 * to a figure, a label or the shape shows up in review. After a deliberate change, regenerate
 * with `UPDATE_GOLDEN=1 npx jest shared/report/afterAction/golden.test.ts` and read the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_AT, playScenario } from '../../../test/support/afterActionScenario';
import { buildAfterAction } from './index';

const GOLDEN = path.join(__dirname, 'golden', 'scenario-report.json');

test('the scripted scenario gives the committed report, figure for figure', () => {
  const sc = playScenario();
  const report = buildAfterAction(sc.log.log, {
    space: 'real',
    eventId: sc.eventId,
    generatedAt: GENERATED_AT,
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, json);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
});
