import path from 'node:path';
import { loadScenarioDir, parseScenarioText } from './scenarioFile';
import { FileExerciseCatalog } from './catalog';

test('R61 a YAML error and a validation error point at the line in the file', () => {
  const yaml = [
    'format: lagesbild-scenario/1',
    'id: prov',
    'title: Prov',
    'division: sdo-11-2023',
    'injects:',
    '  - id: a',
    "    at: '00:00'",
    '    kind: message',
    '    from: SMHI',
    '    text: x',
    '  - id: b',
    "    at: 'kvart över'",
    '    kind: message',
    '    from: SMHI',
    '    text: y',
  ].join('\n');
  const r = parseScenarioText(yaml);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors[0]).toMatchObject({ path: 'injects[1].at', line: 12 });
  const broken = parseScenarioText('id: [unclosed');
  expect(broken.ok).toBe(false);
  if (!broken.ok) expect(broken.errors[0].message).toMatch(/^YAML: /);
});

test('JSON scenarios are read too', () => {
  const r = parseScenarioText(
    JSON.stringify({
      format: 'lagesbild-scenario/1',
      id: 'j',
      title: 'J',
      division: 'sdo-11-2023',
      injects: [{ id: 'a', at: '00:00', kind: 'message', from: 'x', text: 'y' }],
    }),
  );
  expect(r.ok).toBe(true);
});

test('the shipped scenarios are valid and fit their division', () => {
  const dir = path.join(__dirname, '..', '..', 'scenarios');
  const { scenarios, problems } = loadScenarioDir(dir);
  expect(problems).toEqual([]);
  expect(scenarios.map((s) => s.id).sort()).toEqual([
    'elavbrott-vinter-soderort',
    'storbrand-evakuering-skarholmen',
  ]);
  const catalog = new FileExerciseCatalog(dir);
  expect(catalog.problems).toEqual([]);
  expect(catalog.list()).toHaveLength(2);
});
