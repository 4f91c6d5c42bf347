import { z } from 'zod';
import { lookup } from '../domain/keyed';

z.config(z.locales.sv());

/** Swedish names of payload fields, so a validation error says which field is wrong. */
const FIELD_LABEL: Record<string, string> = {
  title: 'Rubrik',
  description: 'Beskrivning',
  basis: 'Beslutsunderlag',
  informed: 'Informerade',
  what: 'Beslut',
  happened: 'Vad har hänt',
  consequences: 'Konsekvenser',
  actions: 'Åtgärder',
  needs: 'Behov',
  nextReportDue: 'Nästa rapport',
  status: 'Status',
  crisisSupport: 'Krisstöd',
  text: 'Text',
  label: 'Benämning',
  lat: 'Latitud',
  lng: 'Longitud',
  deadline: 'Tidsfrist',
  reason: 'Motivering',
  eventId: 'Händelse',
  districtId: 'Stadsdelsområde',
  id: 'Kommandots id',
  type: 'Kommandotyp',
  payload: 'Innehåll',
  space: 'Rum',
  actingFor: 'Agerar för',
};

/** Types in words a duty officer understands (zod's own Swedish says "fick undefined"). */
const EXPECTED_LABEL: Record<string, string> = {
  string: 'en text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'ja eller nej',
  array: 'en lista',
  object: 'ett objekt',
};

export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Ogiltigt kommando.';
  if (issue.code === 'unrecognized_keys') return `Okänt fält: ${issue.keys.join(', ')}.`;
  const field = issue.path
    .map((p) => (typeof p === 'string' ? (lookup(FIELD_LABEL, p) ?? p) : `#${String(p)}`))
    .join(' › ');
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const missing = /undefined$/.test(issue.message);
    const wanted = lookup(EXPECTED_LABEL, issue.expected) ?? 'av en annan typ';
    message = missing ? `saknas (ska vara ${wanted}).` : `ska vara ${wanted}.`;
  }
  return field ? `${field}: ${message}` : `Kommandot ${message}`;
}
