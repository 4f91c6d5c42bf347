/**
 * SMHI's impact-based weather warnings (IBWW, opendata-download-warnings.smhi.se
 * /ibww/api/version/1/warning.json): a list of warning events, each with warning areas that
 * carry a level (Gul/Orange/Röd or Meddelande), times, the counties affected and the area as
 * GeoJSON. One warning per warning area.
 */
import { lookup } from '../domain/keyed';
import { z } from 'zod';
import {
  MAX_FEED_BYTES,
  WarningLevel,
  checkWarnings,
  describeIssue,
  isoOrNull,
  parseJsonBounded,
  refused,
  uniq,
  type ParseResult,
  type Warning,
} from './model';
import { combinePolygons, readGeoJsonArea } from './geometry';

export const SMHI_WARNINGS_PAGE =
  'https://www.smhi.se/vader/varningar-och-brandrisk/varningar-och-meddelanden/varningar';

const Id = z.union([z.number().int(), z.string().min(1).max(100)]).transform(String);
const Translated = z
  .object({ sv: z.string().nullish(), en: z.string().nullish(), code: z.string().nullish() })
  .strip();
const Description = z.object({ title: Translated.nullish(), text: Translated.nullish() }).strip();
const AffectedArea = z
  .object({ id: Id, sv: z.string().nullish(), en: z.string().nullish() })
  .strip();

const SmhiArea = z
  .object({
    id: Id,
    approximateStart: z.string().nullish(),
    approximateEnd: z.string().nullish(),
    published: z.string().nullish(),
    areaName: Translated,
    warningLevel: Translated,
    eventDescription: Translated.nullish(),
    affectedAreas: z.array(AffectedArea).max(100).default([]),
    descriptions: z.array(Description).max(50).default([]),
    area: z.unknown().optional(),
  })
  .strip();

const SmhiEvent = z
  .object({
    id: Id,
    event: Translated,
    descriptions: z.array(Description).max(50).default([]),
    warningAreas: z.array(SmhiArea).max(200),
  })
  .strip();

export const SmhiResponse = z.array(SmhiEvent).max(500);

const LEVEL_BY_CODE: Record<string, WarningLevel> = {
  MESSAGE: 'message',
  YELLOW: 'yellow',
  ORANGE: 'orange',
  RED: 'red',
};
const LEVEL_BY_WORD: Record<string, WarningLevel> = {
  meddelande: 'message',
  gul: 'yellow',
  orange: 'orange',
  röd: 'red',
};

function levelOf(l: z.infer<typeof Translated>): WarningLevel | null {
  // The code is authoritative where it is given: an unknown code is not read from the words.
  if (l.code) {
    const c = l.code.toUpperCase();
    return lookup(LEVEL_BY_CODE, c) ?? null;
  }
  const word = (l.sv ?? '').trim().toLowerCase();
  return lookup(LEVEL_BY_WORD, word) ?? null;
}

/** SMHI numbers a county by its SCB code (1 = Stockholms län); sea areas are not counties. */
function countyCode(a: z.infer<typeof AffectedArea>): string | null {
  if (!/län$/i.test(a.sv?.trim() ?? '')) return null;
  const n = Number(a.id);
  return Number.isInteger(n) && n >= 1 && n <= 25 ? String(n).padStart(2, '0') : null;
}

const texts = (ds: z.infer<typeof Description>[]) =>
  ds
    .map((d) => {
      const title = d.title?.sv?.trim();
      const text = d.text?.sv?.trim();
      return text ? (title ? `${title}: ${text}` : text) : '';
    })
    .filter(Boolean);

export function parseSmhi(text: string, maxBytes = MAX_FEED_BYTES): ParseResult {
  const j = parseJsonBounded(text, maxBytes);
  if (!j.ok) return j;
  const r = SmhiResponse.safeParse(j.value);
  if (!r.success)
    return refused(`svaret följer inte SMHI:s varningsformat: ${describeIssue(r.error)}`);
  const out: Warning[] = [];
  for (const ev of r.data)
    for (const wa of ev.warningAreas) {
      const level = levelOf(wa.warningLevel);
      if (!level)
        return refused(
          `varning ${ev.id}/${wa.id}: okänd nivå ${JSON.stringify(wa.warningLevel.code ?? wa.warningLevel.sv)}`,
        );
      const geo = readGeoJsonArea(wa.area);
      if (!geo.ok) return refused(`varning ${ev.id}/${wa.id}: ${geo.reason}`);
      const event = (wa.eventDescription?.sv || ev.event.sv || ev.event.en || '').trim();
      const area = (wa.areaName.sv || wa.areaName.en || '').trim();
      out.push({
        source: 'smhi',
        id: `${ev.id}-${wa.id}`,
        level,
        headline: [event, area].filter(Boolean).join(' – ').slice(0, 400),
        event: event.slice(0, 200),
        description: [...texts(wa.descriptions), ...texts(ev.descriptions)]
          .join('\n\n')
          .slice(0, 8000),
        onset: isoOrNull(wa.approximateStart),
        expires: isoOrNull(wa.approximateEnd),
        // IBWW has no status field: SMHI's test warnings live on a separate test address.
        status: 'Actual',
        areaNames: uniq(
          [area, ...wa.affectedAreas.map((a) => (a.sv ?? '').trim())].filter(Boolean),
        ),
        counties: uniq(wa.affectedAreas.map(countyCode).filter((c): c is string => c !== null)),
        geometry: combinePolygons(geo.polys),
        link: SMHI_WARNINGS_PAGE,
        sender: 'SMHI',
        published: isoOrNull(wa.published),
      });
    }
  return checkWarnings(out);
}
