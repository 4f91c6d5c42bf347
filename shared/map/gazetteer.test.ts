/** R248: the gazetteer is built from the bundled borders only, and search finds names in them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildGazetteer,
  featureContains,
  properCase,
  searchGazetteer,
  type BorderCollection,
} from './gazetteer';

const dir = path.join(__dirname, '..', 'data', 'divisions');
const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as BorderCollection;
const division = read('stockholm_stadsdelsomraden_11_2023.geojson');
const former = read('stockholm_stadsdelsnamndsomraden_13_2020-2023.geojson');
const neighbourhoods = read('stockholm_stadsdelar_117.geojson');
const gaz = buildGazetteer({ division, neighbourhoods, former });

test('R248 every name comes from a border file: 11 districts, 117 stadsdelar, 4 former names', () => {
  const count = (k: string) => gaz.entries.filter((e) => e.kind === k).length;
  expect(count('district')).toBe(11);
  expect(count('neighbourhood')).toBe(117);
  // Norrmalm, Östermalm, Rinkeby-Kista, Spånga-Tensta: the 2020 names the 2023 division merged.
  expect(
    gaz.entries
      .filter((e) => e.kind === 'former_district')
      .map((e) => e.name)
      .sort(),
  ).toEqual(['Norrmalm', 'Rinkeby-Kista', 'Spånga-Tensta', 'Östermalm']);
  const names = new Set([
    ...division.features.map((f) => f.properties.name),
    ...former.features.map((f) => f.properties.name),
    ...neighbourhoods.features.map((f) => properCase(f.properties.name)),
  ]);
  for (const e of gaz.entries) expect(names.has(e.name)).toBe(true);
  expect(gaz.source).toMatch(/Stockholms stad/);
});

test("R248 each entry's point lies inside its own border and inside its box", () => {
  const byName = new Map(
    [...division.features, ...former.features, ...neighbourhoods.features].map((f) => [
      f.properties.name,
      f,
    ]),
  );
  for (const e of gaz.entries) {
    const f =
      byName.get(e.name) ??
      neighbourhoods.features.find((n) => properCase(n.properties.name) === e.name);
    if (!f) throw new Error(`no border for ${e.name}`);
    expect(featureContains(f, e.at[0], e.at[1])).toBe(true);
    const [[s, w], [n, east]] = e.bounds;
    expect(e.at[0]).toBeGreaterThanOrEqual(s);
    expect(e.at[0]).toBeLessThanOrEqual(n);
    expect(e.at[1]).toBeGreaterThanOrEqual(w);
    expect(e.at[1]).toBeLessThanOrEqual(east);
  }
});

test('R248 a stadsdel is placed in the district its point lies in', () => {
  const get = (name: string) => gaz.entries.find((e) => e.name === name);
  expect(get('Bagarmossen')?.within).toBe('Skarpnäck');
  expect(get('Rinkeby')?.within).toBe('Järva');
  expect(get('Farsta strand')?.within).toBe('Farsta');
  expect(get('Rinkeby-Kista')?.within).toBe('Järva');
});

test('R248 search: prefix before word before anywhere, districts first, diacritics folded', () => {
  const names = (q: string) => searchGazetteer(gaz.entries, q).map((e) => `${e.name}|${e.kind}`);
  expect(names('farsta').slice(0, 3)).toEqual([
    'Farsta|district',
    'Farsta|neighbourhood',
    'Farsta strand|neighbourhood',
  ]);
  expect(names('hasselby')[0]).toBe('Hässelby-Vällingby|district');
  expect(names('HÄSSELBY')).toContain('Hässelby villastad|neighbourhood');
  // A word inside the name: "strand" finds Farsta strand and Hässelby strand.
  expect(names('strand')).toEqual(
    expect.arrayContaining(['Farsta strand|neighbourhood', 'Hässelby strand|neighbourhood']),
  );
  expect(names('  ')).toEqual([]);
  expect(names('xyzzy')).toEqual([]);
  expect(searchGazetteer(gaz.entries, 'a', 5)).toHaveLength(5);
});

test('R248 capitals from the stadsdel file are written as Swedish names', () => {
  expect(properCase('HÄSSELBY VILLASTAD')).toBe('Hässelby villastad');
  expect(properCase('NORRA ÄNGBY')).toBe('Norra Ängby');
  expect(properCase('GAMLA STAN')).toBe('Gamla stan');
  expect(properCase('ENSKEDE-ÅRSTA-VANTÖR')).toBe('Enskede-Årsta-Vantör');
});
