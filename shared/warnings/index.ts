/** Official warnings: the model, the parsers per feed kind and the GeoJSON form. */
import type { ParseResult, Warning, WarningSource } from './model';
import { parseSmhi } from './smhi';
import { parseVma } from './vma';
import { parseCap } from './cap';
import { NOT_REAL_MARK, WARNING_LEVEL_LABEL } from './model';

export * from './model';
export { touchesStockholmCounty, STOCKHOLM_COUNTY } from './geometry';
export { parseSmhi, parseVma, parseCap };

export const PARSERS: Record<WarningSource, (text: string, maxBytes?: number) => ParseResult> = {
  smhi: parseSmhi,
  vma: parseVma,
  cap: parseCap,
};

/** The properties every feature of GET /api/warnings carries (docs/protocol.md). */
export interface WarningProperties {
  source: Warning['source'];
  id: string;
  level: Warning['level'];
  levelLabel: string;
  headline: string;
  event: string;
  description: string;
  onset: string | null;
  expires: string | null;
  status: Warning['status'];
  /** Set for Test and Exercise: the words every view shows with it (R134). */
  notReal: string | null;
  areaNames: string[];
  counties: string[];
  link: string | null;
  sender: string;
  published: string | null;
}

export interface WarningFeature {
  type: 'Feature';
  id: string;
  geometry: Warning['geometry'];
  properties: WarningProperties;
}

/** A warning as an RFC 7946 Feature: geometry null where it has no polygon. */
export function warningFeature(w: Warning): WarningFeature {
  return {
    type: 'Feature',
    id: `${w.source}:${w.id}`,
    geometry: w.geometry,
    properties: {
      source: w.source,
      id: w.id,
      level: w.level,
      levelLabel: WARNING_LEVEL_LABEL[w.level],
      headline: w.headline,
      event: w.event,
      description: w.description,
      onset: w.onset,
      expires: w.expires,
      status: w.status,
      notReal: w.status === 'Actual' ? null : NOT_REAL_MARK,
      areaNames: w.areaNames,
      counties: w.counties,
      link: w.link,
      sender: w.sender,
      published: w.published,
    },
  };
}
