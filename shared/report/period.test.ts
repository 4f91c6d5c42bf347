import { periodOf } from './period';

const at = (iso: string) => ({ at: iso });

test("R141 a period runs from the earliest to the latest of the events' own times, whatever their log order", () => {
  // Recorded in this order: a configuration now, then history backdated to earlier that day.
  const events = [
    at('2026-03-01T07:33:00.000Z'),
    at('2026-03-01T04:20:00.000Z'),
    at('2026-03-01T07:17:00.000Z'),
    at('2026-03-01T06:00:00.000Z'),
  ];
  expect(periodOf(events)).toEqual({
    from: '2026-03-01T04:20:00.000Z',
    to: '2026-03-01T07:33:00.000Z',
  });
  expect(periodOf([])).toEqual({ from: undefined, to: undefined });
  // Offsets other than Z are compared as instants, not as text.
  expect(periodOf([at('2026-03-01T08:00:00+02:00'), at('2026-03-01T07:00:00Z')])).toEqual({
    from: '2026-03-01T08:00:00+02:00',
    to: '2026-03-01T07:00:00Z',
  });
});
