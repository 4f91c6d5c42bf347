/**
 * A public message as an OASIS CAP 1.2 alert (Common Alerting Protocol), so other alerting
 * systems can take the city's message as it is. Pure: the message, the districts' borders and
 * the space in; XML out. Checked against the official XSD in test/cap.int.test.ts (R32).
 */
import type { CityState } from '../../shared/domain/state';
import type { InfoMessage } from '../../shared/domain/ckl';
import { lookup } from '../../shared/domain/keyed';

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_SENDER = 'krisledning@stockholm.se';
export const CAP_SENDER_NAME = 'Stockholms stad';
const TIME_ZONE = 'Europe/Stockholm';

type Ring = [number, number][];
/** Outer rings per district id, [lng, lat] as in GeoJSON. */
export type DistrictBorders = Map<string, Ring[]>;

/** Reads the outer rings of each district from a division's GeoJSON (holes have no CAP form). */
export function bordersFromGeoJson(
  geojson: unknown,
  idOf: (name: string) => string,
): DistrictBorders {
  const out: DistrictBorders = new Map();
  const fc = geojson as {
    features: {
      properties: { name: string };
      geometry:
        { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
    }[];
  };
  for (const f of fc.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    out.set(
      idOf(f.properties.name),
      polys.map((p) => p[0]),
    );
  }
  return out;
}

/** Characters XML 1.0 allows (§2.2); anything else cannot be sent and is dropped. */
const xmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** XML text and attribute escaping. */
export function xmlEscape(s: string): string {
  return Array.from(s)
    .filter((ch) => xmlChar(ch.codePointAt(0) as number))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * CAP times carry an explicit offset and never "Z" (CAP 1.2 §3.3.2): Swedish local time, e.g.
 * 2026-01-15T10:00:00+01:00.
 */
export function capTime(iso: string, timeZone = TIME_ZONE): string {
  const d = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const off = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${off}`;
}

/** A CAP polygon: "lat,lon" pairs separated by spaces, closed (first point = last). */
export function capPolygon(ring: Ring): string {
  const pts = ring.map(([lng, lat]) => `${lat},${lng}`);
  if (pts[0] !== pts[pts.length - 1]) pts.push(pts[0]);
  return pts.join(' ');
}

/** Identifiers may not contain spaces, commas or restricted characters (CAP 1.2 §3.2.1). */
export const capIdentifier = (space: string, messageId: string, version: number): string =>
  `se.stockholm.lagesbild.${space}.${messageId}.v${version}`.replace(/[^A-Za-z0-9._-]/g, '-');

export interface CapInput {
  message: InfoMessage;
  state: CityState;
  space: string;
  /** Exercise spaces send status Exercise, never Actual (R32, R60). */
  exercise: boolean;
  borders: DistrictBorders;
  sender?: string;
}

const el = (name: string, value: string, indent: string) =>
  `${indent}<${name}>${xmlEscape(value)}</${name}>`;

export function buildCapAlert(input: CapInput): string {
  const { message: m, state, space, exercise, borders } = input;
  const sender = input.sender ?? CAP_SENDER;
  const sentIso = m.withdrawn?.at ?? m.publishedAt ?? m.approvedAt ?? m.draftedAt;
  const msgType = m.status === 'withdrawn' ? 'Cancel' : m.replaces ? 'Update' : 'Alert';
  const references: string[] = [];
  const prev = m.replaces ? lookup(state.ckl.messages, m.replaces) : undefined;
  if (m.status === 'withdrawn' && m.publishedAt)
    references.push(`${sender},${capIdentifier(space, m.id, m.version)},${capTime(m.publishedAt)}`);
  else if (prev?.publishedAt)
    references.push(
      `${sender},${capIdentifier(space, prev.id, prev.version)},${capTime(prev.publishedAt)}`,
    );
  const event = m.eventId ? lookup(state.events, m.eventId) : undefined;
  const districts = m.areaDistrictIds.map((id) => ({
    id,
    name: lookup(state.districts, id)?.name ?? id,
  }));
  const areaDesc = districts.length
    ? `Stockholms stad: ${districts.map((d) => d.name).join(', ')}`
    : 'Stockholms stad';
  const polygons = districts.flatMap((d) => (borders.get(d.id) ?? []).map(capPolygon));

  const i1 = '  ';
  const i2 = '    ';
  const i3 = '      ';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NS}">`,
    el(
      'identifier',
      capIdentifier(space, m.id, m.version) + (m.status === 'withdrawn' ? '.cancel' : ''),
      i1,
    ),
    el('sender', sender, i1),
    el('sent', capTime(sentIso), i1),
    el('status', exercise ? 'Exercise' : 'Actual', i1),
    el('msgType', msgType, i1),
    el('scope', 'Public', i1),
    ...(exercise ? [el('note', `Övning (${space}). Inte en verklig händelse.`, i1)] : []),
    ...(references.length ? [el('references', references.join(' '), i1)] : []),
    `${i1}<info>`,
    el('language', 'sv-SE', i2),
    el('category', m.cap.category, i2),
    el('event', event?.title ?? m.headline, i2),
    el('urgency', m.cap.urgency, i2),
    el('severity', m.cap.severity, i2),
    el('certainty', m.cap.certainty, i2),
    ...(m.cap.expires ? [el('expires', capTime(m.cap.expires), i2)] : []),
    el('senderName', CAP_SENDER_NAME, i2),
    el('headline', m.headline, i2),
    el('description', m.body, i2),
    ...(m.instruction ? [el('instruction', m.instruction, i2)] : []),
    el('web', 'https://start.stockholm/', i2),
    `${i2}<area>`,
    el('areaDesc', areaDesc, i3),
    ...polygons.map((p) => el('polygon', p, i3)),
    `${i2}</area>`,
    `${i1}</info>`,
    '</alert>',
    '',
  ];
  return lines.join('\n');
}

/** Why a message cannot be exported, in Swedish, or null when it can. */
export function capRefusal(m: InfoMessage | undefined): string | null {
  if (!m) return 'Meddelandet finns inte.';
  if (m.targetGroup !== 'public')
    return 'Endast meddelanden till allmänheten kan exporteras som CAP.';
  if (m.status === 'draft' || m.status === 'returned')
    return 'Meddelandet måste godkännas innan det kan exporteras.';
  if (m.status === 'withdrawn' && !m.publishedAt)
    return 'Meddelandet återkallades innan det publicerades.';
  return null;
}
