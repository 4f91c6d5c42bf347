/** Events for component tests, arriving in the store as the server's stream delivers them. */
import { act } from '@testing-library/react';
import type { ActorRef } from '../../../shared/domain/state';
import type { EventDraft, StoredEvent } from '../../../shared/events';
import { consoleStore } from '../store/console';

const SYSTEM: ActorRef = { userId: 'system', name: 'Systemet', role: 'admin' };

/** Stores `drafts` as the next events of the real space, written by `actor`, in one batch. */
export function feed(drafts: EventDraft[], actor: ActorRef = SYSTEM): void {
  const st = consoleStore.getState();
  const from = st.spaces.real.seq + 1;
  const events = drafts.map(
    (d, i) =>
      ({
        ...d,
        seq: from + i,
        space: 'real',
        at: new Date().toISOString(),
        actor,
        commandId: `feed${from + i}`,
        hash: 'h',
      }) as StoredEvent,
  );
  act(() => st.onEvents(events, { space: 'real', from, to: from + events.length - 1 }));
}
