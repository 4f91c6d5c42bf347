/**
 * R130–R132: the parsers over the real recorded feed responses (../shared/data/feeds, read
 * in place) and hostile variants of them. SMHI's IBWW has no recorded response anywhere, so
 * its sample (testdata/smhi-ibww-handwritten.json) is written by us from SMHI's documented
 * shape and says so in its name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  MAX_FEED_BYTES,
  parseCap,
  parseSmhi,
  parseVma,
  touchesStockholmCounty,
  type ParseResult,
  type Warning,
} from './index';
import { parseXml, XmlError } from './xml';
import { readCapXml } from './cap';

const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'data');
const VMA_DIR = path.join(SHARED, 'feeds', 'sr-vma');
const LEGACY_DIR = path.join(SHARED, 'feeds', 'smhi-legacy-cap-json');
const CAP_DIR = path.join(SHARED, 'cap');
const vmaFile = (prefix: string) => {
  const f = readdirSync(VMA_DIR).find((n) => n.startsWith(prefix));
  if (!f) throw new Error(`no recorded VMA file ${prefix}`);
  return readFileSync(path.join(VMA_DIR, f), 'utf8');
};
const ok = (r: ParseResult): Warning[] => {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.warnings;
};
const reason = (r: ParseResult): string => {
  if (r.ok) throw new Error('expected a refusal');
  return r.reason;
};

describe('VMA from Sveriges Radio (recorded responses)', () => {
  test('R130 every recorded response parses into valid warnings', () => {
    for (const f of readdirSync(VMA_DIR).filter((n) => n.endsWith('.json')))
      expect(parseVma(readFileSync(path.join(VMA_DIR, f), 'utf8')).ok).toBe(true);
  });

  test('R130 a quiet response has no warnings', () => {
    expect(ok(parseVma(vmaFile('2025-11-23')))).toEqual([]);
  });

  test('R130 the siren test is an Exercise for the whole country', () => {
    const [w] = ok(parseVma(vmaFile('2025-12-01T13')));
    expect(w).toMatchObject({
      source: 'vma',
      id: 'SRCAP20251201140327E',
      status: 'Exercise',
      counties: ['00'],
      areaNames: ['Hela landet'],
      geometry: null,
    });
    expect(touchesStockholmCounty(w)).toBe(true);
  });

  test('R130 a Cancel alone shows nothing', () => {
    expect(ok(parseVma(vmaFile('2025-12-01T14')))).toEqual([]);
    expect(ok(parseVma(vmaFile('2025-12-10')))).toEqual([]);
  });

  test('R130 a real VMA for four counties: Swedish text, county codes, level from severity', () => {
    const [w, ...rest] = ok(parseVma(vmaFile('2025-12-27')));
    expect(rest).toEqual([]);
    expect(w.status).toBe('Actual');
    expect(w.counties).toEqual(['20', '21', '22', '23']);
    expect(w.level).toBe('orange');
    expect(w.event).toBe('Viktigt meddelande till allmänheten (VMA)');
    expect(w.description).toMatch(/^Viktigt meddelande till allmänheten i norra Dalarnas/);
    expect(w.expires).toBe('2026-01-03T18:15:31.000Z');
    expect(w.link).toMatch(/^https:\/\/www\.sverigesradio\.se\//);
    expect(touchesStockholmCounty(w)).toBe(false);
  });

  test('R130 municipalities give their county; a cancel in the same response drops its alert', () => {
    const [kalmar] = ok(parseVma(vmaFile('2026-01-03')));
    expect(kalmar.counties).toEqual(['08']);
    const both = ok(parseVma(vmaFile('2026-04-05')));
    expect(both).toHaveLength(1);
    expect(both[0].description).toMatch(/ström|el/i);
  });

  test('R130 a duplicated geocode is one county', () => {
    const [w] = ok(parseVma(vmaFile('2026-05-02')));
    expect(w.counties).toEqual(['14']);
  });

  test('R131 hostile VMA input is refused with a reason', () => {
    const good = vmaFile('2025-12-27');
    expect(reason(parseVma(good.slice(0, 200)))).toMatch(/ogiltig JSON/);
    expect(reason(parseVma('{"alerts": "none"}'))).toMatch(/alerts/);
    const v = JSON.parse(good) as { alerts: { status: string; info: { severity: string }[] }[] };
    v.alerts[0].status = 'Rumour';
    expect(reason(parseVma(JSON.stringify(v)))).toMatch(/status/);
    v.alerts[0].status = 'Actual';
    v.alerts[0].info[0].severity = 'Catastrophic';
    expect(reason(parseVma(JSON.stringify(v)))).toMatch(/severity/);
    const huge = `{"alerts": [], "pad": "${'x'.repeat(MAX_FEED_BYTES)}"}`;
    expect(reason(parseVma(huge))).toMatch(/för stort/);
  });
});

describe('CAP 1.2', () => {
  const valid = readFileSync(path.join(CAP_DIR, 'example-valid.xml'), 'utf8');

  test('R132 the valid example is read: severity as level, polygons as GeoJSON lon/lat', () => {
    const [w] = ok(parseCap(valid));
    expect(w).toMatchObject({
      source: 'cap',
      id: '86d1b8c2-135b-4472-b1d7-8278d2997ce5',
      level: 'orange',
      status: 'Actual',
      event: 'Rain/Wet Spell',
      onset: '2024-06-06T17:15:00.000Z',
      expires: '2024-06-06T22:00:00.000Z',
    });
    expect(w.geometry?.type).toBe('MultiPolygon');
    const first = w.geometry?.type === 'MultiPolygon' ? w.geometry.coordinates[0][0][0] : null;
    expect(first).toEqual([1.62681, 8.379891]);
  });

  test('R132 the invalid example (certainty missing) is refused, naming what is wrong', () => {
    const invalid = readFileSync(path.join(CAP_DIR, 'example-invalid.xml'), 'utf8');
    expect(reason(parseCap(invalid))).toMatch(/certainty/);
  });

  test('R132 order, vocabularies, namespace and time zones as the schema has them', () => {
    const swapped = valid.replace(
      /<sender>(.*?)<\/sender>\s*<sent>(.*?)<\/sent>/,
      '<sent>$2</sent><sender>$1</sender>',
    );
    expect(reason(parseCap(swapped))).toMatch(/ordning/);
    expect(reason(parseCap(valid.replace('<status>Actual', '<status>Real')))).toMatch(/status/);
    expect(reason(parseCap(valid.replace('cap:1.2', 'cap:1.1')))).toMatch(/CAP 1\.2/);
    expect(
      reason(parseCap(valid.replace('2024-06-06T15:15:00-00:00', '2024-06-06T15:15:00'))),
    ).toMatch(/tidszon/);
    expect(
      reason(
        parseCap(
          valid.replace('<identifier>', '<identifer>').replace('</identifier>', '</identifer>'),
        ),
      ),
    ).toMatch(/identifer/);
  });

  test('R131 broken XML, a DOCTYPE (entities), broken polygons and huge input are refused', () => {
    expect(reason(parseCap(valid.slice(0, valid.length / 2)))).toMatch(/ogiltig XML/);
    const xxe = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>${valid.slice(valid.indexOf('<alert'))}`;
    expect(reason(parseCap(xxe))).toMatch(/DOCTYPE/);
    const open = valid.replace(/8\.379891,1\.62681<\/polygon>/, '8.37,1.62</polygon>');
    expect(reason(parseCap(open))).toMatch(/trasig geometri.*inte sluten/);
    const nan = valid.replace('8.379891,1.62681 ', 'x,y ');
    expect(reason(parseCap(nan))).toMatch(/trasig punkt/);
    expect(reason(parseCap(valid, 1000))).toMatch(/för stort/);
  });

  test('R132 CAP as JSON: SMHI’s older feed (35 alerts) and its single-alert object form', () => {
    const all = ok(parseCap(readFileSync(path.join(LEGACY_DIR, 'smhi_alerts.json'), 'utf8')));
    expect(all).toHaveLength(35);
    expect(new Set(all.map((w) => w.event))).toEqual(
      new Set(['fire warning', 'average wind speed at sea']),
    );
    const [one] = ok(
      parseCap(readFileSync(path.join(LEGACY_DIR, 'smhi_alerts_single.json'), 'utf8')),
    );
    expect(one.headline).toBe('Stockholms län utom Roslagskusten');
    expect(one.level).toBe('orange');
    expect(one.areaNames).toEqual(['025']);
  });

  test('the XML reader keeps text, CDATA and entities and refuses what is not well-formed', () => {
    const el = parseXml('<a xmlns="urn:x"><b>1 &lt; 2 &#x41;<![CDATA[<raw>]]></b><!-- c --></a>');
    expect(el.ns).toBe('urn:x');
    expect(el.children[0].text).toBe('1 < 2 A<raw>');
    for (const bad of ['<a><b></a>', '<a>&nbsp;</a>', '<a/><b/>', '<a x="1" x="2"/>', 'text'])
      expect(() => parseXml(bad)).toThrow(XmlError);
    expect(typeof readCapXml('<alert/>')).toBe('string');
  });
});

describe('SMHI impact-based warnings (hand-written sample of the documented shape)', () => {
  const sample = readFileSync(
    path.join(__dirname, 'testdata', 'smhi-ibww-handwritten.json'),
    'utf8',
  );

  test('R130 one warning per warning area, level in words, county codes, GeoJSON areas', () => {
    const ws = ok(parseSmhi(sample));
    expect(ws.map((w) => [w.id, w.level, w.counties, w.geometry?.type ?? null])).toEqual([
      ['9001-90011', 'yellow', ['01'], 'Polygon'],
      ['9001-90012', 'orange', ['09'], 'MultiPolygon'],
      ['9002-90021', 'message', ['14'], null],
    ]);
    expect(ws[0].headline).toBe('Vind – Stockholms skärgård');
    expect(ws[0].description).toMatch(/Stormbyar/);
    expect(ws[1].expires).toBeNull();
    expect(ws[2].description).toMatch(/Var försiktig med eld/);
    expect(ws.map(touchesStockholmCounty)).toEqual([true, false, false]);
  });

  test('R131 broken geometry, an unknown level and a wrong shape are refused with a reason', () => {
    const v = JSON.parse(sample) as {
      warningAreas: { area?: unknown; warningLevel: { code: string } }[];
    }[];
    const area = v[0].warningAreas[0].area as { geometry: { coordinates: number[][][] } };
    const ring = area.geometry.coordinates[0];
    area.geometry.coordinates[0] = ring.slice(0, 4);
    expect(reason(parseSmhi(JSON.stringify(v)))).toMatch(/trasig geometri.*inte sluten/);
    area.geometry.coordinates[0] = [...ring.slice(0, 4), [500, 59.2]];
    expect(reason(parseSmhi(JSON.stringify(v)))).toMatch(/trasig geometri/);
    area.geometry.coordinates[0] = ring;
    v[0].warningAreas[0].area = { type: 'Point', coordinates: [18, 59] };
    expect(reason(parseSmhi(JSON.stringify(v)))).toMatch(/Point/);
    v[0].warningAreas[0].area = undefined;
    v[0].warningAreas[0].warningLevel.code = 'PURPLE';
    expect(reason(parseSmhi(JSON.stringify(v)))).toMatch(/okänd nivå/);
    expect(reason(parseSmhi('{"warnings": []}'))).toMatch(/SMHI/);
    expect(reason(parseSmhi('[{"id": 1'))).toMatch(/ogiltig JSON/);
  });
});
