/**
 * CAP 1.2 alerts (OASIS Common Alerting Protocol) as warnings: from XML, checked for the
 * elements, order and vocabularies the official schema requires, or from CAP as JSON (the
 * XML converted one to one, as SMHI's older API served it). VMA from Sveriges Radio is CAP
 * in its own JSON and reuses the mapping here.
 */
import { lookup, setEntry } from '../domain/keyed';
import { z } from 'zod';
import {
  MAX_FEED_BYTES,
  checkWarnings,
  countyOf,
  describeIssue,
  isoOrNull,
  parseJsonBounded,
  refused,
  uniq,
  type ParseResult,
  type Warning,
  type WarningLevel,
  type WarningSource,
} from './model';
import { capPolygonToRing, combinePolygons } from './geometry';
import { parseXml, XmlError, type XmlElement } from './xml';
import { CAP_CATEGORIES, CAP_CERTAINTY, CAP_SEVERITY, CAP_URGENCY } from '../domain/capVocabulary';

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

const CapTime = z
  .string()
  .trim()
  .regex(/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/, 'tid utan tidszon eller i fel form');
const Str = z.string();
const Pair = z.object({ valueName: Str, value: Str }).strip();

export const CapArea = z
  .object({
    areaDesc: Str,
    polygon: z.array(Str).default([]),
    circle: z.array(Str).default([]),
    geocode: z.array(Pair).default([]),
    altitude: Str.optional(),
    ceiling: Str.optional(),
  })
  .strip();
export const CapInfo = z
  .object({
    language: Str.optional(),
    category: z.array(z.enum(CAP_CATEGORIES)).min(1, 'category saknas'),
    event: Str,
    responseType: z.array(Str).default([]),
    urgency: z.enum(CAP_URGENCY),
    severity: z.enum(CAP_SEVERITY),
    certainty: z.enum(CAP_CERTAINTY),
    audience: Str.optional(),
    eventCode: z.array(Pair).default([]),
    effective: CapTime.optional(),
    onset: CapTime.optional(),
    expires: CapTime.optional(),
    senderName: Str.optional(),
    headline: Str.optional(),
    description: Str.optional(),
    instruction: Str.optional(),
    web: Str.optional(),
    contact: Str.optional(),
    parameter: z.array(Pair).default([]),
    area: z.array(CapArea).default([]),
  })
  .strip();
export const CapAlert = z
  .object({
    identifier: Str.min(1),
    sender: Str.min(1),
    sent: CapTime,
    status: z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']),
    msgType: z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']),
    source: Str.optional(),
    scope: z.enum(['Public', 'Restricted', 'Private']),
    references: Str.optional(),
    incidents: Str.optional(),
    note: Str.optional(),
    info: z.array(CapInfo).default([]),
  })
  .strip();
export type CapAlert = z.infer<typeof CapAlert>;
export type CapInfo = z.infer<typeof CapInfo>;

/** Child order per element as the schema's sequences give it; `many` may repeat. */
const ORDER: Record<string, { fields: string[]; many: Set<string>; nested: Set<string> }> = {
  alert: {
    fields: [
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'source',
      'scope',
      'restriction',
      'addresses',
      'code',
      'note',
      'references',
      'incidents',
      'info',
    ],
    many: new Set(['code', 'info']),
    nested: new Set(['info']),
  },
  info: {
    fields: [
      'language',
      'category',
      'event',
      'responseType',
      'urgency',
      'severity',
      'certainty',
      'audience',
      'eventCode',
      'effective',
      'onset',
      'expires',
      'senderName',
      'headline',
      'description',
      'instruction',
      'web',
      'contact',
      'parameter',
      'resource',
      'area',
    ],
    many: new Set(['category', 'responseType', 'eventCode', 'parameter', 'resource', 'area']),
    nested: new Set(['eventCode', 'parameter', 'resource', 'area']),
  },
  area: {
    fields: ['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling'],
    many: new Set(['polygon', 'circle', 'geocode']),
    nested: new Set(['geocode']),
  },
  eventCode: { fields: ['valueName', 'value'], many: new Set(), nested: new Set() },
  parameter: { fields: ['valueName', 'value'], many: new Set(), nested: new Set() },
  geocode: { fields: ['valueName', 'value'], many: new Set(), nested: new Set() },
  resource: {
    fields: ['resourceDesc', 'mimeType', 'size', 'uri', 'derefUri', 'digest'],
    many: new Set(),
    nested: new Set(),
  },
};

/** A CAP element as a plain object, refusing what is out of the schema's order or unknown. */
function toObject(el: XmlElement, path: string): Record<string, unknown> {
  const spec = lookup(ORDER, el.name);
  if (!spec) throw new XmlError(`${path}: okänt element ${el.name}`);
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let pos = -1;
  for (const c of el.children) {
    // After the alert's own elements the schema allows anything of another namespace
    // (a signature); inside CAP elements nothing else is allowed.
    if (c.ns !== CAP_NS) {
      if (el.name === 'alert' && c.ns !== '') continue;
      throw new XmlError(`${path}: elementet ${c.name} hör inte till CAP 1.2`);
    }
    const at = spec.fields.indexOf(c.name);
    if (at < 0) throw new XmlError(`${path}: okänt element ${c.name}`);
    if (at < pos || (at === pos && !spec.many.has(c.name)))
      throw new XmlError(`${path}: elementet ${c.name} står i fel ordning eller två gånger`);
    pos = at;
    const value = spec.nested.has(c.name) ? toObject(c, `${path}.${c.name}`) : c.text;
    if (spec.many.has(c.name)) {
      const list = (lookup(out, c.name) as unknown[] | undefined) ?? [];
      list.push(value);
      setEntry(out, c.name, list);
    } else setEntry(out, c.name, value);
  }
  return out;
}

/** CAP as XML: well-formed, the CAP namespace, the schema's order and vocabularies. */
export function readCapXml(text: string, maxBytes = MAX_FEED_BYTES): CapAlert | string {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxBytes) return `svaret är för stort (${bytes} byte, högst ${maxBytes})`;
  let root: XmlElement;
  let obj: Record<string, unknown>;
  try {
    root = parseXml(text);
    if (root.name !== 'alert' || root.ns !== CAP_NS)
      return `rotelementet är inte ett CAP 1.2-alert (${root.name}${root.ns ? ` i ${root.ns}` : ''})`;
    obj = toObject(root, 'alert');
  } catch (err) {
    if (err instanceof XmlError) return `ogiltig XML: ${err.message}`;
    throw err;
  }
  const r = CapAlert.safeParse(obj);
  if (!r.success) return `CAP följer inte schemat: ${describeIssue(r.error)}`;
  return r.data;
}

const arr = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
const str = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);

/** CAP as JSON, one to one with the XML: a single child may come as an object, not a list. */
function normaliseJsonAlert(a: unknown): unknown {
  if (typeof a !== 'object' || a === null) return a;
  const pairs = (v: unknown) =>
    arr(v).map((p) =>
      typeof p === 'object' && p !== null
        ? {
            valueName: str((p as Record<string, unknown>).valueName),
            value: str((p as Record<string, unknown>).value),
          }
        : p,
    );
  const o = a as Record<string, unknown>;
  return {
    ...o,
    info: arr(o.info).map((i) => {
      if (typeof i !== 'object' || i === null) return i;
      const info = i as Record<string, unknown>;
      return {
        ...info,
        category: arr(info.category),
        responseType: arr(info.responseType),
        eventCode: pairs(info.eventCode),
        parameter: pairs(info.parameter),
        area: arr(info.area).map((ar) => {
          if (typeof ar !== 'object' || ar === null) return ar;
          const x = ar as Record<string, unknown>;
          return {
            ...x,
            polygon: arr(x.polygon),
            circle: arr(x.circle),
            geocode: pairs(x.geocode),
          };
        }),
      };
    }),
  };
}

/** CAP severity as a level in words, as Meteoalarm reads it (R132). */
export function levelFromSeverity(sev: CapInfo['severity']): WarningLevel {
  switch (sev) {
    case 'Extreme':
      return 'red';
    case 'Severe':
      return 'orange';
    case 'Moderate':
      return 'yellow';
    default:
      return 'message';
  }
}

/** The Swedish info block where there is one, else the first. */
export function pickInfo(infos: readonly CapInfo[]): CapInfo | undefined {
  return infos.find((i) => /^sv/i.test(i.language ?? '')) ?? infos[0];
}

/** References name "sender,identifier,sent" triples separated by spaces. */
export function referencedIds(references: string | undefined | null): string[] {
  if (!references) return [];
  return references
    .trim()
    .split(/\s+/)
    .map((t) => t.split(',')[1])
    .filter((x): x is string => !!x);
}

const COUNTY_NAME = /län|county|sverige|^00$/i;
const MUNICIPALITY_NAME = /kommun|municipality/i;

/** Counties from geocodes: "Län"/county codes, municipalities by their first two digits. */
export function countiesFromGeocodes(
  codes: readonly { valueName: string; value: string }[],
): string[] {
  const out: string[] = [];
  for (const g of codes) {
    if (/sverige/i.test(g.valueName) || g.value.trim() === '00') out.push('00');
    else if (COUNTY_NAME.test(g.valueName) || MUNICIPALITY_NAME.test(g.valueName)) {
      const c = countyOf(g.value);
      if (c) out.push(c);
    }
  }
  return uniq(out);
}

/**
 * One CAP alert as warnings (one per alert: the Swedish info block). Cancels, System and
 * Draft messages and alerts without info show nothing; the caller drops what a Cancel names.
 */
export function capAlertToWarning(
  a: CapAlert,
  source: WarningSource,
): { warning: Warning | null; cancels: string[]; error?: string } {
  const cancels = a.msgType === 'Cancel' ? referencedIds(a.references) : [];
  if (a.msgType === 'Cancel' || a.msgType === 'Ack' || a.msgType === 'Error')
    return { warning: null, cancels };
  if (a.status === 'System' || a.status === 'Draft') return { warning: null, cancels };
  const info = pickInfo(a.info);
  if (!info) return { warning: null, cancels };
  const polys: [number, number][][][] = [];
  for (const area of info.area)
    for (const p of area.polygon) {
      const ring = capPolygonToRing(p);
      if (typeof ring === 'string')
        return { warning: null, cancels, error: `trasig geometri i ${area.areaDesc}: ${ring}` };
      polys.push([ring]);
    }
  const web = info.web?.trim();
  const link = web && /^https?:\/\//.test(web) ? web : null;
  return {
    cancels,
    warning: {
      source,
      id: a.identifier,
      level: levelFromSeverity(info.severity),
      headline: (info.headline || info.event).slice(0, 400),
      event: info.event.slice(0, 200),
      description: [info.description, info.instruction].filter(Boolean).join('\n\n').slice(0, 8000),
      onset: isoOrNull(info.onset ?? info.effective ?? a.sent),
      expires: isoOrNull(info.expires),
      status: a.status as Warning['status'],
      areaNames: uniq(info.area.map((x) => x.areaDesc.trim()).filter(Boolean)),
      counties: countiesFromGeocodes(info.area.flatMap((x) => x.geocode)),
      geometry: combinePolygons(polys),
      link,
      sender: (info.senderName || a.sender).slice(0, 300),
      published: isoOrNull(a.sent),
    },
  };
}

/** Alerts to warnings: cancels drop the alerts they name; the set is checked as a whole. */
export function alertsToWarnings(alerts: readonly CapAlert[], source: WarningSource): ParseResult {
  const out = new Map<string, Warning>();
  const cancelled = new Set<string>();
  for (const a of alerts) {
    const r = capAlertToWarning(a, source);
    if (r.error) return refused(`${a.identifier}: ${r.error}`);
    for (const id of r.cancels) cancelled.add(id);
    if (r.warning) out.set(r.warning.id, r.warning);
  }
  for (const id of cancelled) out.delete(id);
  return checkWarnings([...out.values()]);
}

/** A CAP feed: one XML alert, or CAP as JSON (`{"alert": …}` with one alert or a list). */
export function parseCap(text: string, maxBytes = MAX_FEED_BYTES): ParseResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const j = parseJsonBounded(text, maxBytes);
    if (!j.ok) return j;
    const v = j.value as { alert?: unknown } | unknown[];
    const list = Array.isArray(v) ? v : arr((v as { alert?: unknown }).alert);
    if (list.length === 0 && !Array.isArray(v) && !('alert' in (v as object)))
      return refused('CAP som JSON saknar "alert"');
    const alerts: CapAlert[] = [];
    for (const [i, raw] of list.entries()) {
      const r = CapAlert.safeParse(normaliseJsonAlert(raw));
      if (!r.success) return refused(`alert[${i}] följer inte CAP 1.2: ${describeIssue(r.error)}`);
      alerts.push(r.data);
    }
    return alertsToWarnings(alerts, 'cap');
  }
  const a = readCapXml(text, maxBytes);
  if (typeof a === 'string') return refused(a);
  return alertsToWarnings([a], 'cap');
}
