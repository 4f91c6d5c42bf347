/**
 * R92: only what was approved for sharing leaves the city. A city full of secrets, a pinned and
 * a following share, and every format a partner can get: no secret appears anywhere, and every
 * string value of the shared report and its JSON is one an observer may see (the audience
 * filter, shared/visibility.ts), or a fixed label, or the share's own facts.
 */
import { loadDivision } from '../geo';
import { redactState } from '../../shared/visibility';
import { tableValues } from '../../shared/domain/table';
import {
  SHARED_DISTRICT_STATES,
  SHARED_DISTRICT_STATE_LABEL,
  type SharedReport,
} from '../../shared/domain/share';
import { DISTRICT_STATUS_LABEL, LEVEL_LABEL } from '../../shared/domain/vocabulary';
import { sharedReports } from '../../shared/views/share';
import { roleActor } from '../../test/support/world';
import {
  SECRETS,
  analysis,
  cityWithApprovedReport,
  futureIso,
  hashFor,
  plantSecrets,
} from '../../test/support/shareWorld';
import { documentTitle, shareDocument, shareLinks } from './document';
import { renderSharePage, SHARE_CSS_PATH } from './page';
import { shareGeoJson, shareJson } from './data';
import { atomFeed, jsonFeed } from './feed';
import { districtWords, type DivisionGeoJson } from './map';

const geo = loadDivision('sdo-11-2023').geojson as DivisionGeoJson;

/** Every string value under `x`, with its path. */
function strings(x: unknown, path = '$', out: [string, string][] = []): [string, string][] {
  if (typeof x === 'string') out.push([path, x]);
  else if (Array.isArray(x)) x.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) strings(v, `${path}.${k}`, out);
  return out;
}

function secretCity() {
  const { w, eventId, sitrepId } = cityWithApprovedReport();
  const base = { sitrepId, expiresAt: futureIso(w, 7) };
  w.ok(analysis, 'share.create', {
    ...base,
    recipient: { kind: 'actor', actorId: 'ssr' },
    tokenHash: hashFor(1),
  });
  w.ok(analysis, 'share.create', {
    ...base,
    follow: true,
    recipient: { kind: 'other', name: 'Huddinge kommun' },
    tokenHash: hashFor(2),
  });
  plantSecrets(w, eventId);
  return w;
}

function outputs(w: ReturnType<typeof secretCity>) {
  return tableValues(w.state.shares.shares).map((sh) => {
    const doc = shareDocument(w.state, sh, shareLinks('https://lagesbild.example', 'T'.repeat(43)));
    if (!doc) throw new Error('no document');
    return {
      sh,
      doc,
      reports: sharedReports(w.state, sh),
      texts: {
        page: renderSharePage(doc, geo, { cssHref: SHARE_CSS_PATH }),
        pdfSource: renderSharePage(doc, geo, {}),
        json: JSON.stringify(shareJson(doc)),
        geojson: JSON.stringify(shareGeoJson(doc, geo)),
        atom: atomFeed(doc),
        jsonfeed: JSON.stringify(jsonFeed(doc)),
      },
    };
  });
}

test('R92 the planted secrets are really in the state (so their absence below means something)', () => {
  const w = secretCity();
  const all = JSON.stringify(w.state);
  for (const s of SECRETS) expect([s, all.includes(s)]).toEqual([s, true]);
});

test('R92 no draft, returned version, confidential note, staff support, message draft, contact detail or answer link reaches any format', () => {
  const w = secretCity();
  for (const { texts } of outputs(w))
    for (const [format, text] of Object.entries(texts))
      for (const s of SECRETS) expect([format, s, text.includes(s)]).toEqual([format, s, false]);
});

test('R92 every string of every shared report is one an observer may see', () => {
  const w = secretCity();
  const observer = roleActor('observer');
  const visible = new Set(strings(redactState(w.state, observer)).map(([, s]) => s));
  const derived = new Set<string>(SHARED_DISTRICT_STATES);
  const reports: SharedReport[] = tableValues(w.state.shares.reports);
  expect(reports.length).toBeGreaterThan(0);
  for (const r of reports)
    for (const [path, s] of strings(r)) {
      const ok = visible.has(s) || (path.endsWith('.state') && derived.has(s));
      expect([path, s, ok]).toEqual([path, s, true]);
    }
});

test('R92 every string of the JSON a partner gets is visible to an observer, a fixed label or the share’s own facts', () => {
  const w = secretCity();
  const observer = roleActor('observer');
  const visible = new Set(strings(redactState(w.state, observer)).map(([, s]) => s));
  for (const { doc, sh } of outputs(w)) {
    const labels = new Set<string>([
      ...Object.values(DISTRICT_STATUS_LABEL),
      ...Object.values(LEVEL_LABEL),
      ...Object.values(SHARED_DISTRICT_STATE_LABEL),
      ...SHARED_DISTRICT_STATES,
      ...doc.report.districts.map((d) => districtWords(d)),
      documentTitle(doc),
      'lagesbild',
      'Stockholms stad, central krisledning',
      'version',
      'latest',
    ]);
    const own = new Set<string>([sh.recipient.name, sh.expiresAt, ...Object.values(doc.links)]);
    for (const [path, s] of strings(shareJson(doc))) {
      const ok = visible.has(s) || labels.has(s) || own.has(s);
      expect([path, s, ok]).toEqual([path, s, true]);
    }
  }
});

test('R92 no name of a person and no internal id leaves the city', () => {
  const w = secretCity();
  const people = Object.values(w.state.users).map((u) => u.name);
  for (const { texts } of outputs(w))
    for (const [format, text] of Object.entries(texts)) {
      for (const p of people) expect([format, p, text.includes(p)]).toEqual([format, p, false]);
      expect([format, /hashFor|aaaaaaaa/.test(text)]).toEqual([format, false]);
    }
});

test('R93 the page carries no script, no inline style and no form', () => {
  const w = secretCity();
  for (const { texts } of outputs(w)) {
    expect(texts.page).not.toMatch(/<script|\son[a-z]+=|style=|<form|<iframe|<img/i);
    expect(texts.page).toMatch(/<meta name="robots" content="noindex/);
  }
});
