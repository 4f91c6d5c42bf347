/** @jest-environment node */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseVma, warningFeature, type WarningFeature } from '../../../shared/warnings';
import { warningLabelText, warningNoticeText } from './warningStyle';

const FEEDS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'feeds', 'sr-vma');
const recorded = (prefix: string): WarningFeature[] => {
  const name = readdirSync(FEEDS).find((n) => n.startsWith(prefix)) as string;
  const parsed = parseVma(readFileSync(path.join(FEEDS, name), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.warnings.map(warningFeature);
};

const smhi = (over: Partial<WarningFeature['properties']>): WarningFeature => ({
  type: 'Feature',
  id: 'smhi:1',
  geometry: null,
  properties: {
    source: 'smhi',
    id: '1',
    level: 'yellow',
    levelLabel: 'Gul varning',
    headline: 'Vind – Stockholms skärgård',
    event: 'Vind',
    description: '',
    onset: null,
    expires: null,
    status: 'Actual',
    notReal: null,
    areaNames: [],
    counties: ['01'],
    link: null,
    sender: 'SMHI',
    published: null,
    ...over,
  },
});

test('R134 a notice names the recorded siren test once, TEST mark first', () => {
  const [siren] = recorded('2025-12-01T13');
  const text = warningNoticeText(siren);
  expect(text.startsWith('TEST – inte ett verkligt meddelande')).toBe(true);
  const headline = siren.properties.headline;
  expect(text.split(headline).length - 1).toBe(1);
});

test('a notice adds the event only where the headline does not already say it', () => {
  expect(warningNoticeText(smhi({}))).toBe('Gul varning – Vind – Stockholms skärgård');
  expect(warningNoticeText(smhi({ event: 'Brandrisk', headline: 'Västra Götalands län' }))).toBe(
    'Gul varning – Brandrisk – Västra Götalands län',
  );
  expect(warningNoticeText(smhi({ headline: '' }))).toBe('Gul varning – Vind');
});

test('the map label keeps its own words', () => {
  expect(warningLabelText(smhi({}))).toBe('Gul varning · SMHI: Vind');
});
