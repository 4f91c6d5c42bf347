/** R32: a public message as CAP 1.2, validated against the official OASIS XSD with xmllint. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CAP_DIR, xmllint } from '../../test/support/xmllint';
import { loadDivision } from '../geo';
import { districtIdFromName } from '../../shared/domain/division';
import { World, roleActor } from '../../test/support/world';
import {
  bordersFromGeoJson,
  buildCapAlert,
  capPolygon,
  capRefusal,
  capTime,
  xmlEscape,
} from './capExport';

const tmp = mkdtempSync(path.join(tmpdir(), 'lb-cap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const borders = bordersFromGeoJson(loadDivision('sdo-11-2023').geojson, districtIdFromName);

function published(opts: { exercise?: boolean } = {}) {
  const { w, eventId } = World.withEvent();
  const info = roleActor('ckl_information');
  const [d] = w.ok(info, 'information.draftMessage', {
    eventId,
    targetGroup: 'public',
    headline: 'Elavbrott: "värmestugor" öppnar i Farsta & Skarpnäck',
    body: 'Temperaturen är <−10 °C>. Ta med filtar & mediciner. Ring 08-508 00 000 vid frågor.',
    instruction: "Håll dig inomhus; kontrollera äldre grannar – 'ring hellre en gång för mycket'.",
    cap: { category: 'Infra', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed' },
  });
  const messageId = (d.data as { messageId: string }).messageId;
  w.ok(roleActor('ckl_lead'), 'information.approveMessage', { messageId });
  w.ok(info, 'information.publishMessage', { messageId });
  const xml = buildCapAlert({
    message: w.state.ckl.messages[messageId],
    state: w.state,
    space: opts.exercise ? 'ovning-2026' : 'real',
    exercise: opts.exercise ?? false,
    borders,
  });
  return { w, messageId, xml, eventId, info };
}

test('R32 the validator itself: the official valid example passes and the invalid one fails', () => {
  expect(xmllint(path.join(CAP_DIR, 'example-valid.xml')).ok).toBe(true);
  const bad = xmllint(path.join(CAP_DIR, 'example-invalid.xml'));
  expect(bad.ok).toBe(false);
  expect(bad.output).toMatch(/fails to validate|not a valid value|not expected|Element/);
});

test('R32 a published public message exports as CAP 1.2 that validates against the XSD', () => {
  const { xml, messageId } = published();
  const file = path.join(tmp, 'alert.xml');
  writeFileSync(file, xml);
  const r = xmllint(file);
  expect(r.output).toContain('validates');
  expect(r.ok).toBe(true);
  expect(xml).toContain(`<identifier>se.stockholm.lagesbild.real.${messageId}.v1</identifier>`);
  expect(xml).toMatch(/<sent>2026-01-15T09:00:00\+01:00<\/sent>/);
  expect(xml).toContain('<status>Actual</status>');
  expect(xml).toContain('<msgType>Alert</msgType>');
  expect(xml).toContain('<scope>Public</scope>');
  expect(xml).toContain('<language>sv-SE</language>');
  expect(xml).toContain('<category>Infra</category>');
  expect(xml).toContain('<urgency>Immediate</urgency>');
  expect(xml).toContain('<areaDesc>Stockholms stad: Farsta, Skarpnäck</areaDesc>');
  // Escaping: the text survives a real XML parser byte for byte.
  const text = execFileSync(
    'xmllint',
    ['--xpath', 'string(//*[local-name()="description"])', file],
    {
      encoding: 'utf8',
    },
  );
  expect(text.replace(/\n$/, '')).toBe(
    'Temperaturen är <−10 °C>. Ta med filtar & mediciner. Ring 08-508 00 000 vid frågor.',
  );
  const polys = xml.match(/<polygon>[^<]+<\/polygon>/g) ?? [];
  expect(polys).toHaveLength(2);
});

test('R32 the area polygons are the districts’ real borders as closed lat,lon rings', () => {
  const ring = borders.get('farsta')![0];
  const poly = capPolygon(ring);
  const pts = poly.split(' ');
  expect(pts.length).toBeGreaterThanOrEqual(4);
  expect(pts[0]).toBe(pts[pts.length - 1]);
  const [lat, lon] = pts[0].split(',').map(Number);
  expect(lat).toBeCloseTo(ring[0][1], 6);
  expect(lon).toBeCloseTo(ring[0][0], 6);
  expect(lat).toBeGreaterThan(59);
  expect(lon).toBeGreaterThan(17);
});

test('R32 an exercise space exports status Exercise, never Actual', () => {
  const { xml } = published({ exercise: true });
  const file = path.join(tmp, 'exercise.xml');
  writeFileSync(file, xml);
  expect(xmllint(file).ok).toBe(true);
  expect(xml).toContain('<status>Exercise</status>');
  expect(xml).not.toContain('<status>Actual</status>');
});

test('R32 a withdrawal exports as Cancel referencing the original, and validates', () => {
  const { w, messageId, info } = published();
  const original = w.state.ckl.messages[messageId];
  w.advance(10);
  w.ok(info, 'information.withdrawMessage', { messageId, reason: 'Felaktig adress.' });
  const xml = buildCapAlert({
    message: w.state.ckl.messages[messageId],
    state: w.state,
    space: 'real',
    exercise: false,
    borders,
  });
  const file = path.join(tmp, 'cancel.xml');
  writeFileSync(file, xml);
  expect(xmllint(file).ok).toBe(true);
  expect(xml).toContain('<msgType>Cancel</msgType>');
  expect(xml).toContain(
    `<references>krisledning@stockholm.se,se.stockholm.lagesbild.real.${messageId}.v1,${capTime(original.publishedAt!)}</references>`,
  );
});

test('R32 drafts and staff messages are not exported', () => {
  const { w, eventId } = World.withEvent();
  const [d] = w.ok(roleActor('ckl_information'), 'information.draftMessage', {
    eventId,
    targetGroup: 'public',
    headline: 'Utkast',
    body: 'Text.',
  });
  const m = w.state.ckl.messages[(d.data as { messageId: string }).messageId];
  expect(capRefusal(m)).toMatch(/godkännas/);
  expect(capRefusal({ ...m, targetGroup: 'staff' })).toMatch(/allmänheten/);
});

test('R32 CAP times carry the Swedish offset, summer and winter, never Z', () => {
  expect(capTime('2026-01-15T08:00:00.000Z')).toBe('2026-01-15T09:00:00+01:00');
  expect(capTime('2026-07-01T08:00:00.000Z')).toBe('2026-07-01T10:00:00+02:00');
  expect(xmlEscape(`a&b<c>"d"'e'\u0001`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
});
