/** R164: one fill for alarm message templates, and the plural helper every screen counts with. */
import { fillTemplate, unknownPlaceholders } from './template';
import { plural } from './plural';

test('R164 fillTemplate fills {namn}, {lista}, {rubrik}, leaves unknown or unset ones as written', () => {
  const t = 'Hej {namn}! Du larmas till {lista}: {rubrik}. {namn}, ring {okänd}.';
  expect(fillTemplate(t, { namn: 'Anna Alm', lista: 'CKL Analys', rubrik: 'Skyfall' })).toBe(
    'Hej Anna Alm! Du larmas till CKL Analys: Skyfall. Anna Alm, ring {okänd}.',
  );
  // The title at start, the person when each message goes out.
  expect(fillTemplate(t, { rubrik: 'Skyfall' })).toBe(
    'Hej {namn}! Du larmas till {lista}: Skyfall. {namn}, ring {okänd}.',
  );
  // A value is text, not a pattern: "$&" and braces in a name stay as they are.
  expect(fillTemplate('{namn}', { namn: '$& {lista}' })).toBe('$& {lista}');
  expect(fillTemplate('{__proto__} {constructor}', { namn: 'x' })).toBe(
    '{__proto__} {constructor}',
  );
});

test('R164 unknownPlaceholders names typos once each', () => {
  expect(unknownPlaceholders('Hej {namm} och {namm}, {lista} {plats}')).toEqual([
    '{namm}',
    '{plats}',
  ]);
  expect(unknownPlaceholders('Hej {namn}, {lista}, {rubrik}. Måsvingar { } i text.')).toEqual([]);
});

test('R165 plural: 1 kontakt, 2 kontakter, 0 kontakter', () => {
  expect(plural(1, 'kontakt', 'kontakter')).toBe('1 kontakt');
  expect(plural(2, 'kontakt', 'kontakter')).toBe('2 kontakter');
  expect(plural(0, 'kontakt', 'kontakter')).toBe('0 kontakter');
  expect(plural(12, 'person', 'personer')).toBe('12 personer');
});
