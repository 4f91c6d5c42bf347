import {
  clockToMs,
  msToClock,
  playOrder,
  validateScenario,
  checkInjectsAgainstDivision,
} from './scenario';

const base = {
  format: 'lagesbild-scenario/1',
  id: 'prov',
  title: 'Prov',
  division: 'sdo-11-2023',
  injects: [
    {
      id: 'a',
      at: '00:10',
      kind: 'event',
      ref: 'brand',
      title: 'Brand',
      owner: { district: 'farsta' },
    },
    { id: 'b', at: '00:05', kind: 'message', from: 'SMHI', text: 'Varning' },
  ],
};
const errorsOf = (doc: unknown) => {
  const r = validateScenario(doc);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => `${e.path}: ${e.message}`);
};

test('R61 a valid scenario parses, with defaults filled in', () => {
  const r = validateScenario(base);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.scenario.injects[1]).toMatchObject({ channel: 'phone', to: 'all' });
  expect(playOrder(r.scenario.injects).map((i) => i.id)).toEqual(['b', 'a']);
});

test('R61 a bad time names its path in Swedish and English', () => {
  const doc = structuredClone(base);
  (doc.injects[1] as { at: string }).at = '5 min';
  expect(errorsOf(doc)).toEqual([
    'injects[1].at: ange tiden som tt:mm efter övningsstart, t.ex. "01:30" / give the time as hh:mm after the start, e.g. "01:30"',
  ]);
});

test('R61 missing fields, unknown fields, unknown kinds and enums are reported with paths', () => {
  const doc = {
    ...base,
    injects: [
      { id: 'a', at: '00:01', kind: 'report', district: 'farsta', status: 'bad', happened: 'x' },
      { id: 'b', at: '00:02', kind: 'message', from: 'SMHI' },
      { id: 'c', at: '00:03', kind: 'tweet', text: 'x' },
      { id: 'd', at: '00:04', kind: 'message', from: 'x', text: 'y', colour: 'red' },
    ],
  };
  const errs = errorsOf(doc);
  expect(errs).toContain(
    'injects[0].status: måste vara en av: "normal", "strained", "severe", "critical" / must be one of these',
  );
  expect(errs).toContain('injects[1].text: saknas / is missing');
  expect(errs.some((e) => e.startsWith('injects[2].kind: okänd kind'))).toBe(true);
  expect(errs).toContain('injects[3]: okänt fält: colour / unknown field: colour');
});

test('R61 duplicate ids and references to events not yet created are refused', () => {
  const doc = structuredClone(base) as { injects: Record<string, unknown>[] };
  doc.injects.push({ id: 'a', at: '00:20', kind: 'message', from: 'x', text: 'y' });
  doc.injects.push({ id: 'c', at: '00:01', kind: 'message', from: 'x', text: 'y', event: 'brand' });
  const errs = errorsOf({ ...base, injects: doc.injects });
  expect(errs).toContain('injects[2].id: id "a" används redan / id "a" is already used');
  expect(errs.some((e) => e.startsWith('injects[3].event: okänd händelse "brand"'))).toBe(true);
});

test('R61 districts and map points are checked against the division', () => {
  const r = validateScenario({
    ...base,
    injects: [
      {
        id: 'm',
        at: '00:01',
        kind: 'marker',
        marker: 'incident',
        label: 'x',
        district: 'farsta',
        lat: 59.33,
        lng: 18.07,
      },
      {
        id: 'r',
        at: '00:02',
        kind: 'report',
        district: 'atlantis',
        status: 'severe',
        happened: 'x',
      },
    ],
  });
  if (!r.ok) throw new Error('should parse');
  const errs = checkInjectsAgainstDivision(r.scenario.injects, {
    districtIds: new Set(['farsta', 'sodermalm']),
    unitIds: new Set(),
    districtAt: (lat) => (lat > 59.3 ? 'sodermalm' : 'farsta'),
  }).map((e) => `${e.path}: ${e.message}`);
  expect(errs).toEqual([
    'injects[0].lat: punkten (59.33, 18.07) ligger inte i "farsta" utan i "sodermalm" / the point is not inside "farsta"',
    'injects[1].district: okänt stadsdelsområde "atlantis" i indelningen / unknown district "atlantis" in the division',
  ]);
});

test('the exercise clock reads hh:mm and hh:mm:ss', () => {
  expect(clockToMs('01:30')).toBe(90 * 60_000);
  expect(clockToMs('0:00:15')).toBe(15_000);
  expect(msToClock(90 * 60_000)).toBe('01:30');
  expect(msToClock(15_000)).toBe('00:00:15');
});
