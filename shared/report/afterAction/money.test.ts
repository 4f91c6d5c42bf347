/** Money in the report is kronor and öre the Swedish way. */
import { formatOre } from './money';

test('formatOre writes kronor and öre with Swedish grouping and decimal comma', () => {
  const nb = (s: string) => s.replace(/ /g, '\u00a0');
  expect(formatOre(1_234_550)).toBe(nb('12 345,50 kr'));
  expect(formatOre(0)).toBe(nb('0,00 kr'));
  expect(formatOre(5)).toBe(nb('0,05 kr'));
  expect(formatOre(99_999)).toBe(nb('999,99 kr'));
  expect(formatOre(123_456_789_01)).toBe(nb('123 456 789,01 kr'));
  expect(formatOre(-250)).toBe(nb('\u22122,50 kr'));
  expect(() => formatOre(1.5)).toThrow(RangeError);
});
