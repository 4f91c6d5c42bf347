/** R245: every marker kind has its own bundled symbol: a distinct shape and sign, no glyph. */
import { MARKER_KINDS } from '../domain/vocabulary';
import { MARKER_OUTLINE, MARKER_SYMBOLS, markerSvg } from './markerIcons';

test('R245 every kind has a symbol, and no two kinds share a shape or a sign', () => {
  const shapes = MARKER_KINDS.map((k) => MARKER_SYMBOLS[k].shape);
  const paths = MARKER_KINDS.map((k) => MARKER_SYMBOLS[k].path);
  expect(new Set(shapes).size).toBe(MARKER_KINDS.length);
  expect(new Set(paths).size).toBe(MARKER_KINDS.length);
  for (const s of shapes) expect(MARKER_OUTLINE[s]).toMatch(/^M/);
});

test('R245 a marker is SVG paths only: no text, no emoji, no reference to anything outside', () => {
  for (const k of MARKER_KINDS) {
    const svg = markerSvg(k);
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 28 28"/);
    expect(svg).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(svg).not.toMatch(/<text|<image|href=/);
    // Between the tags there is nothing to read: the words are beside the marker.
    expect(svg.replace(/<[^>]+>/g, '')).toBe('');
  }
});
