/** R250: one staffing model — the CKL roster's shifts are the duty schedule's. */
import { emptyState } from '../domain/state';
import { applyEvent } from '../reducer';
import { rosterNow } from './ckl';
import { onDuty } from '../domain/alarm';
import type { StoredEvent } from '../events';

const actor = { userId: 'u', name: 'Admin', role: 'ckl_admin' as const };
let seq = 0;
const ev = (type: string, data: unknown): StoredEvent =>
  ({
    seq: ++seq,
    id: `e${seq}`,
    type,
    data,
    at: '2026-01-15T08:00:00.000Z',
    actor,
    space: 'real',
  }) as unknown as StoredEvent;

test('R250 a shift added on the roster is in the duty schedule, and one planned there is on the roster', () => {
  let s = emptyState('real');
  s = applyEvent(
    s,
    ev('administration.shiftAdded', {
      shiftId: 'sh1',
      post: 'analysis',
      person: 'Sofia',
      from: '2026-01-15T08:00:00.000Z',
      to: '2026-01-15T16:00:00.000Z',
    }),
  );
  s = applyEvent(
    s,
    ev('duty.shiftSaved', {
      shiftId: 'sh2',
      duty: 'ckl_lead',
      personName: 'Lena',
      from: '2026-01-15T07:00:00.000Z',
      to: '2026-01-15T15:00:00.000Z',
    }),
  );
  const now = '2026-01-15T10:00:00.000Z';
  expect(onDuty(s.alarm, 'ckl:analysis', now).map((x) => x.personName)).toEqual(['Sofia']);
  expect(
    rosterNow(s, now)
      .onDuty.map((x) => `${x.post}:${x.person}`)
      .sort(),
  ).toEqual(['analysis:Sofia', 'lead:Lena']);
  s = applyEvent(s, ev('administration.shiftCancelled', { shiftId: 'sh1', reason: 'Sjuk.' }));
  expect(onDuty(s.alarm, 'ckl:analysis', now)).toEqual([]);
  expect(rosterNow(s, now).onDuty.map((x) => x.person)).toEqual(['Lena']);
});
