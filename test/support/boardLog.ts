/** A log with the crisis board's roster, directory entries and call list, for board tests. */
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { draft } from '../../shared/events';
import { ACTORS, baseLog, type PureLog } from './pureLog';
import { demoBoardRoster } from '../../server/demoBoard';

/** Board members' accounts besides the chair (`ordf`) and the 1st vice chair (`vice.ordf`). */
export const BOARD_ACTORS = {
  chair: ACTORS.chair,
  vice: ACTORS.vice,
  vice2: { userId: 'vice2.ordf', name: 'Cecilia Norén', role: 'board_member' as const },
  lind: ACTORS.board_member,
};

/** baseLog plus the demo's seven members (quorum four). */
export function boardLog(): PureLog {
  const log = baseLog();
  log.append(SYSTEM_ACTOR, [
    draft('user.registered', {
      userId: BOARD_ACTORS.vice2.userId,
      name: BOARD_ACTORS.vice2.name,
      role: 'board_member',
    }),
  ]);
  log.append(ACTORS.ckl_admin, demoBoardRoster());
  return log;
}

/** Raises a fresh event to extraordinary: the board enters function. */
export function extraordinary(log: PureLog, title = 'Storbrand'): string {
  const dec = { basis: 'Underlag', informed: [] };
  const eventId = (
    log.ok(ACTORS.director, 'event.open', { title, area: { kind: 'central' } })[0].data as {
      eventId: string;
    }
  ).eventId;
  log.ok(ACTORS.director, 'event.raiseToSerious', { eventId, decision: dec });
  log.ok(ACTORS.director, 'event.proposeExtraordinary', { eventId, basis: 'Underlag' });
  log.ok(ACTORS.chair, 'event.declareExtraordinary', {
    proposalId: log.state.events[eventId].pendingProposalId,
    confirm: true,
    decision: dec,
  });
  return eventId;
}
