/**
 * The map's marker symbols as SVG path data (16×16 view box), bundled with the code: no font,
 * no emoji, no request. The console and the situation export draw the same shapes, so a
 * marker looks alike on the screen and on paper (R245). Each kind differs by its outline shape
 * and its symbol, never by colour alone.
 */
import type { MarkerKind } from '../domain/vocabulary';

export interface MarkerSymbol {
  /** The symbol inside the marker, drawn in the text colour. */
  path: string;
  /** The marker's outline: a different shape per kind. */
  shape: 'diamond' | 'circle' | 'square' | 'shield';
  /** Fill of the outline (light: the symbol stays dark on it, contrast ≥ 4.5:1). */
  fill: string;
}

export const MARKER_SYMBOLS: Record<MarkerKind, MarkerSymbol> = {
  // An exclamation mark.
  incident: {
    path: 'M6.6 2.5h2.8l-.5 7.2H7.1Z M6.7 11.3h2.6v2.4H6.7Z',
    shape: 'diamond',
    fill: '#fecaca',
  },
  // A cross: care and support.
  crisis_support_centre: {
    path: 'M6.3 2.5h3.4v3.8h3.8v3.4H9.7v3.8H6.3V9.7H2.5V6.3h3.8Z',
    shape: 'circle',
    fill: '#dbeafe',
  },
  // A house with a door: shelter.
  evacuation_site: {
    path: 'M8 1.8 14.5 7.5h-2v6.7H9.6V10H6.4v4.2H3.5V7.5h-2Z',
    shape: 'square',
    fill: '#e9d5ff',
  },
  // A person with raised arms: a meeting point.
  trygghetspunkt: {
    path: 'M8 1.8a1.9 1.9 0 1 1 0 3.8 1.9 1.9 0 0 1 0-3.8Z M2.8 5.6l1-1.2L7 7h2l3.2-2.6 1 1.2-3.4 3v6.6H8.7v-3.5H7.3v3.5H6.2V8.6Z',
    shape: 'shield',
    fill: '#bbf7d0',
  },
};

/** The outline of a marker shape in a 28×28 box, as SVG path data. */
export const MARKER_OUTLINE: Record<MarkerSymbol['shape'], string> = {
  diamond: 'M14 1 27 14 14 27 1 14Z',
  circle: 'M14 1.5a12.5 12.5 0 1 1 0 25 12.5 12.5 0 0 1 0-25Z',
  square: 'M2.5 2.5h23v23h-23Z',
  shield: 'M14 1.5 25.5 5v9.5c0 6-5 10.4-11.5 12-6.5-1.6-11.5-6-11.5-12V5Z',
};

/** A whole marker as SVG markup (28×28), for places built from strings (map icons, exports). */
export function markerSvg(kind: MarkerKind, opts: { size?: number; x?: number; y?: number } = {}) {
  const sym = MARKER_SYMBOLS[kind];
  const size = opts.size ?? 28;
  const pos = opts.x !== undefined ? ` x="${opts.x}" y="${opts.y ?? 0}"` : '';
  return (
    `<svg class="marker-svg" data-kind="${kind}"${pos} width="${size}" height="${size}" viewBox="0 0 28 28" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<path d="${MARKER_OUTLINE[sym.shape]}" fill="${sym.fill}" stroke="#111827" stroke-width="2"/>` +
    `<path d="${sym.path}" transform="translate(6 6)" fill="#111827" fill-rule="evenodd"/>` +
    `</svg>`
  );
}
