import { EVENT_SCHEMAS } from './index';
import { describeEventType } from './describe';

test('R143 every event type has its own Swedish description, never its type name', () => {
  const types = Object.keys(EVENT_SCHEMAS);
  expect(types.length).toBeGreaterThan(100);
  const bad = types.filter((t) => {
    const d = describeEventType(t);
    // No dotted or camelCase identifiers, and words a Swedish reader recognises.
    return !d || d.includes(t) || /[a-z]\.[a-z]|[a-z][A-Z]/.test(d) || !/[a-zåäö]{3}/i.test(d);
  });
  expect(bad).toEqual([]);
  const seen = new Map<string, string>();
  const twice = types.filter((t) => {
    const d = describeEventType(t);
    const dup = seen.has(d);
    seen.set(d, t);
    return dup;
  });
  expect(twice).toEqual([]);
});

test('R143 a type this version does not know is described neutrally, not by its name', () => {
  expect(describeEventType('future.somethingHappened')).not.toContain('future');
  expect(describeEventType('__proto__')).not.toContain('proto');
  expect(describeEventType('constructor')).toMatch(/känner till/);
});
