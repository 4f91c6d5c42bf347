import { isEventType } from '../events';
import { DECISION_KINDS } from '../domain/vocabulary';
import { DEFAULT_CARDS } from './defaults';
import { BINDABLE_ACTIONS, bindingKey, bindingLabel } from './bindable';

test('R238 every action the editor offers is an event type the card check accepts', () => {
  for (const b of BINDABLE_ACTIONS) {
    expect(isEventType(b.fulfilledBy.type)).toBe(true);
    if (b.fulfilledBy.kind) expect(DECISION_KINDS).toContain(b.fulfilledBy.kind);
  }
  expect(new Set(BINDABLE_ACTIONS.map((b) => bindingKey(b.fulfilledBy))).size).toBe(
    BINDABLE_ACTIONS.length,
  );
});

test('every binding of a shipped card is on the list, so the editor names it', () => {
  const keys = new Set(BINDABLE_ACTIONS.map((b) => bindingKey(b.fulfilledBy)));
  for (const c of DEFAULT_CARDS)
    for (const st of c.steps)
      if (st.fulfilledBy) expect(keys).toContain(bindingKey(st.fulfilledBy));
  expect(bindingLabel({ type: 'alarm.answered' })).toBe('Händelsen alarm.answered');
});
