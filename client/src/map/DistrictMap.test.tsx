import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from '@testing-library/react';
import type { FeatureCollection } from 'geojson';
import { emptyState } from '../../../shared/domain/state';
import { divisionFromGeoJson } from '../../../shared/domain/division';
import { DistrictMap } from './DistrictMap';

const geojson = JSON.parse(
  readFileSync(
    path.join(
      __dirname,
      '../../../shared/data/divisions/stockholm_stadsdelsomraden_11_2023.geojson',
    ),
    'utf8',
  ),
) as FeatureCollection;

const fills = (c: HTMLElement) =>
  [...c.querySelectorAll('path.leaflet-interactive')].map((p) => p.getAttribute('fill'));

test('a map that is rebuilt (here: a tile server appears) styles its new districts at once', () => {
  const division = divisionFromGeoJson('sdo-11-2023', 'Stadsdelsområden', geojson);
  const state = {
    ...emptyState('real'),
    seq: 1,
    division,
    districts: Object.fromEntries(
      division.districts.map((d) => [d.id, { districtId: d.id, name: d.name, reportIds: [] }]),
    ),
  };
  const now = new Date().toISOString();
  const { container, rerender } = render(
    <DistrictMap geojson={geojson} tileUrl={null} state={state} now={now} />,
  );
  expect(fills(container).length).toBe(11);
  const first = fills(container);
  expect(first.every((f) => f === first[0] && f !== '#3388ff')).toBe(true);
  // Same state, same clock: only the map itself is new.
  rerender(
    <DistrictMap
      geojson={geojson}
      tileUrl="http://tiles.invalid/{z}/{x}/{y}.png"
      state={state}
      now={now}
    />,
  );
  expect(fills(container)).toEqual(first);
  expect(container.querySelectorAll('.district-tooltip').length).toBe(11);
});
