/** R249: the situation report opens with a map of the districts and markers, drawn offline. */
import { emptyState, type CityState } from '../../shared/domain/state';
import { loadDivision } from '../geo';
import { renderSituationHtml } from './html';
import { situationMapSvg } from './situationMap';
import type { DivisionGeoJson } from '../share/map';

const loaded = loadDivision('sdo-11-2023');
const borders = loaded.geojson as DivisionGeoJson;
const actor = { userId: 'u', name: 'TiB Farsta', role: 'district_officer' as const };
const NOW = '2026-01-10T12:00:00.000Z';

function state(): CityState {
  const s = emptyState('real');
  return {
    ...s,
    division: loaded.division,
    districts: {
      farsta: {
        districtId: 'farsta',
        name: 'Farsta',
        reportIds: ['r1'],
        latestReportId: 'r1',
        confirmedAt: '2026-01-10T11:30:00.000Z',
        nextReportDue: '2026-01-10T11:50:00.000Z',
      },
    },
    reports: {
      r1: {
        id: 'r1',
        districtId: 'farsta',
        at: '2026-01-10T11:30:00.000Z',
        by: actor,
        status: 'critical',
        happened: 'Strömavbrott',
        consequences: '',
        actions: '',
        needs: '',
        crisisSupport: 'standby',
      } as CityState['reports'][string],
    },
    markers: {
      m2: {
        id: 'm2',
        kind: 'incident',
        label: 'Brand <i>Högdalen</i>',
        districtId: 'enskede-arsta-vantor',
        lat: 59.2636,
        lng: 18.0445,
        placedBy: actor,
        at: '2026-01-10T11:40:00.000Z',
        removed: false,
      },
      m1: {
        id: 'm1',
        kind: 'trygghetspunkt',
        label: 'Trygghetspunkt Farsta centrum',
        districtId: 'farsta',
        lat: 59.2434,
        lng: 18.0921,
        placedBy: actor,
        at: '2026-01-10T11:35:00.000Z',
        removed: false,
      },
      gone: {
        id: 'gone',
        kind: 'evacuation_site',
        label: 'Borttagen',
        districtId: 'farsta',
        lat: 59.25,
        lng: 18.09,
        placedBy: actor,
        at: '2026-01-10T11:36:00.000Z',
        removed: true,
      },
    },
  };
}

test('R249 every district is drawn from the borders with its status in words; a late one is dashed', () => {
  const svg = situationMapSvg(borders, state(), NOW);
  expect(svg.match(/class="sm-area"/g)).toHaveLength(11);
  expect(svg).toMatch(
    /data-district="farsta"[^>]*fill="#e06666"[^>]*stroke-dasharray="10 6"><title>Farsta: Kritiskt, försenad<\/title>/,
  );
  expect(svg).toContain('<title>Bromma: Ingen rapport</title>');
});

test('R249 markers carry their kind symbol and a number the table repeats; removed ones are left out; text is escaped', () => {
  const html = renderSituationHtml(state(), { generatedAt: NOW, borders });
  const map = html.slice(html.indexOf('<svg class="situation-map"'), html.indexOf('</figure>'));
  // In the order they were placed: the trygghetspunkt first.
  expect(map).toMatch(/data-marker="m1"><title>1\. Trygghetspunkt: Trygghetspunkt Farsta centrum/);
  expect(map).toMatch(/data-marker="m2"><title>2\. Incident: Brand &lt;i&gt;Högdalen/);
  expect(map).toContain('data-kind="trygghetspunkt"');
  expect(map).not.toContain('gone');
  const table = html.slice(html.indexOf('<h2>Platser och incidenter</h2>'));
  expect(table.indexOf('Trygghetspunkt Farsta centrum')).toBeLessThan(table.indexOf('Brand'));
  expect(table).toMatch(/<td><span class="num">1<\/span><\/td>\s*<td>Trygghetspunkt/);
});

test('R249 the map needs nothing from outside: no image, link or script in it', () => {
  const html = renderSituationHtml(state(), { generatedAt: NOW, borders });
  const map = html.slice(html.indexOf('<section class="map-section">'), html.indexOf('</section>'));
  expect(map).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  expect(map).not.toMatch(/<image|<script|href=/);
  expect(map).toContain('Försenad rapport');
  // Without borders (a space with no division) the page has no map, and no error.
  expect(renderSituationHtml(state(), { generatedAt: NOW })).not.toContain('situation-map');
});
