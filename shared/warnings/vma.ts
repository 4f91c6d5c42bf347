/**
 * VMA (viktigt meddelande till allmänheten) as Sveriges Radio's API serves it
 * (vmaapi.sr.se/api/v3/alerts): CAP alerts in JSON, with nulls for absent elements and
 * areas as SCB codes only (Sverige "00", Län two digits, Kommun four), never polygons.
 */
import { z } from 'zod';
import {
  MAX_FEED_BYTES,
  describeIssue,
  parseJsonBounded,
  refused,
  type ParseResult,
} from './model';
import { CapAlert, alertsToWarnings } from './cap';

const nullToUndef = (v: unknown) => (v === null ? undefined : v);
const Opt = z.preprocess(nullToUndef, z.string().optional());
const Pair = z.object({ valueName: z.string(), value: z.string() }).strip();

const SrInfo = z
  .object({
    language: Opt,
    category: z.array(z.string()).min(1),
    event: z.string(),
    urgency: z.string(),
    severity: z.string(),
    certainty: z.string(),
    expires: Opt,
    senderName: Opt,
    headline: Opt,
    description: Opt,
    instruction: Opt,
    web: Opt,
    parameters: z.preprocess(nullToUndef, z.array(Pair).default([])),
    area: z.preprocess(
      nullToUndef,
      z
        .array(
          z
            .object({
              areaDesc: z.string(),
              geocode: z.preprocess(nullToUndef, z.array(Pair).default([])),
            })
            .strip(),
        )
        .default([]),
    ),
  })
  .strip();

const SrAlert = z
  .object({
    identifier: z.string().min(1),
    sender: z.string().min(1),
    sent: z.string(),
    status: z.string(),
    msgType: z.string(),
    scope: z.string(),
    references: Opt,
    note: Opt,
    incidents: Opt,
    info: z.preprocess(nullToUndef, z.array(SrInfo).default([])),
  })
  .strip();

export const SrVmaResponse = z
  .object({ timestamp: z.string().optional(), alerts: z.array(SrAlert).max(500) })
  .strip();

/** The SR response as warnings: each alert read as CAP 1.2, Swedish first, cancels applied. */
export function parseVma(text: string, maxBytes = MAX_FEED_BYTES): ParseResult {
  const j = parseJsonBounded(text, maxBytes);
  if (!j.ok) return j;
  const r = SrVmaResponse.safeParse(j.value);
  if (!r.success)
    return refused(`svaret följer inte Sveriges Radios VMA-format: ${describeIssue(r.error)}`);
  const alerts: CapAlert[] = [];
  for (const [i, a] of r.data.alerts.entries()) {
    const cap = CapAlert.safeParse({
      ...a,
      info: a.info.map((info) => ({
        ...info,
        parameter: info.parameters,
        area: info.area.map((x) => ({ areaDesc: x.areaDesc, geocode: x.geocode })),
      })),
    });
    if (!cap.success)
      return refused(`alerts[${i}] följer inte CAP 1.2: ${describeIssue(cap.error)}`);
    alerts.push(cap.data);
  }
  return alertsToWarnings(alerts, 'vma');
}
