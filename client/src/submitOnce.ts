/**
 * One submit at a time from one place in the console: the form is locked from the click until
 * the server answers (or the outbox takes the command while offline), and empties itself once
 * the answer is yes. The lock is a ref, not state, so the second click of a double click (or a
 * double tap) is turned away even before React has rendered the disabled button.
 */
import { useEffect, useRef, useState } from 'react';
import { useCommand } from './hooks';
import type { AckState } from './store/console';
import type { CommandPayload, CommandType } from '../../shared/commands';

export interface SubmitOnce {
  /** Sends unless a command from here is still unanswered; returns the id in flight either way. */
  submit<K extends CommandType>(type: K, payload: CommandPayload<K>, space?: string): string;
  ack: AckState | undefined;
  /** True from the click until the answer: the form's submit button is disabled meanwhile. */
  busy: boolean;
  dismiss(): void;
}

export function useSubmitOnce(
  origin: string,
  opts: {
    /** The server saved it (or the outbox holds it): clear the form here. */
    onSaved?: () => void;
    /**
     * Keep the form as typed and locked while the command waits in the outbox offline (the
     * report form, whose text stays until the server has it); otherwise queued counts as taken.
     */
    holdWhileQueued?: boolean;
  } = {},
): SubmitOnce {
  const { send, ack, dismiss } = useCommand(origin);
  const lock = useRef<string | null>(null);
  const [sentId, setSentId] = useState<string | null>(null);
  const onSaved = useRef(opts.onSaved);
  onSaved.current = opts.onSaved;
  const hold = opts.holdWhileQueued === true;

  useEffect(() => {
    if (!sentId || ack?.commandId !== sentId || ack.status === 'pending') return;
    if (hold && ack.status === 'queued') return;
    lock.current = null;
    setSentId(null);
    // Queued offline counts as taken: the outbox shows it waiting and delivers it exactly once.
    if (ack.status === 'ok' || ack.status === 'queued') onSaved.current?.();
  }, [ack, sentId, hold]);

  return {
    submit(type, payload, space) {
      if (lock.current) return lock.current;
      const id = send(type, payload, space);
      lock.current = id;
      setSentId(id);
      return id;
    },
    ack,
    busy: sentId !== null,
    dismiss,
  };
}
