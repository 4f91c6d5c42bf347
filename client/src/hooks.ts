import { useEffect, useState, useSyncExternalStore } from 'react';
import { useConsole, mayDo, selectState, consoleStore, type AckState } from './store/console';
import type { CityState } from '../../shared/domain/state';
import { lookup } from '../../shared/domain/keyed';
import type { CommandPayload, CommandType } from '../../shared/commands';

/** The current time, ticking so ages and overdue marks stay true without new events. */
export function useNow(intervalMs = 15_000): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date().toISOString()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export const useCityState = (): CityState => useConsole(selectState);

/** The shared policy's verdict for the signed-in person (never a copy of the rule). */
export function useMay<K extends CommandType>(type: K, payload: CommandPayload<K>): boolean {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const state = useCityState();
  const now = useNow(60_000);
  return mayDo({ me, actingFor }, state, type, payload, now);
}

/** Send commands from one place in the console and read that place's latest ack. */
export function useCommand(origin: string): {
  /** `space`: another space than the one on screen (starting or ending an exercise). */
  send: <K extends CommandType>(type: K, payload: CommandPayload<K>, space?: string) => string;
  ack: AckState | undefined;
  dismiss: () => void;
} {
  const ack = useConsole((s) => lookup(s.acks, origin));
  return {
    send: (type, payload, space) => consoleStore.getState().send(origin, type, payload, space),
    ack,
    dismiss: () => consoleStore.getState().dismissAck(origin),
  };
}

/** The width at which the stylesheet turns the header into its phone layout. */
export const PHONE_QUERY = '(max-width: 760px)';

const query = () =>
  typeof window.matchMedia === 'function' ? window.matchMedia(PHONE_QUERY) : null;

/** Whether the screen is phone-wide now; follows rotation and resizing. */
export function usePhoneWidth(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const q = query();
      q?.addEventListener('change', changed);
      return () => q?.removeEventListener('change', changed);
    },
    () => query()?.matches ?? false,
  );
}
