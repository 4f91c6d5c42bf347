/** The real space's state, and what the person may do in a space, whichever one is on screen. */
import { REAL_SPACE } from '../../../../shared/protocol';
import type { CommandPayload, CommandType } from '../../../../shared/commands';
import type { CityState } from '../../../../shared/domain/state';
import { useNow } from '../../hooks';
import { mayDo, useConsole } from '../../store/console';

/** The state of the real space, whichever space is on screen. */
export const useRealState = (): CityState | undefined => useConsole((s) => s.spaces[REAL_SPACE]);

export function useMayIn<K extends CommandType>(
  state: CityState | undefined,
  type: K,
  payload: CommandPayload<K>,
): boolean {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const now = useNow(60_000);
  return state !== undefined && mayDo({ me, actingFor }, state, type, payload, now);
}
