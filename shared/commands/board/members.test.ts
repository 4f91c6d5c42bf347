import { ACTORS } from '../../../test/support/pureLog';
import { boardLog } from '../../../test/support/boardLog';
import { boardMembers, memberInPosition, memberOfUser, quorumOf } from '../../domain/board';
import { tableGet } from '../../domain/table';

describe('the board roster', () => {
  test('R190 the board is its members with the chair, 1st and 2nd vice chair and the other members, each in the directory', () => {
    const log = boardLog();
    const members = boardMembers(log.state);
    expect(members.map((m) => m.position)).toEqual([
      'chair',
      'first_vice_chair',
      'second_vice_chair',
      'member',
      'member',
      'member',
      'member',
    ]);
    expect(memberInPosition(log.state, 'chair')?.userId).toBe('ordf');
    expect(memberOfUser(log.state, 'vice.ordf')?.position).toBe('first_vice_chair');
    for (const m of members) {
      const details = tableGet(log.state.alarm.contactDetails, m.contactId ?? '');
      expect(details?.phone).toMatch(/^\+46/);
      expect(details?.email).toContain('@');
    }
    expect(quorumOf(members.length)).toBe(4);
  });

  test('R190 one holder per chair and vice chair; a refusal changes nothing', () => {
    const log = boardLog();
    const before = log.state;
    const r = log.run(ACTORS.admin, 'board.saveMember', {
      name: 'Ny Person',
      position: 'first_vice_chair',
    });
    expect(r).toMatchObject({ refused: true, code: 'CONFLICT' });
    expect(log.state).toBe(before);
    // A ledamot is any number.
    log.ok(ACTORS.admin, 'board.saveMember', { name: 'Ny Person', position: 'member' });
    expect(boardMembers(log.state)).toHaveLength(8);
  });

  test('R190 only an administrator or the administrative function keeps the roster', () => {
    const log = boardLog();
    const before = log.state;
    for (const who of [ACTORS.chair, ACTORS.director, ACTORS.board_member, ACTORS.observer]) {
      const r = log.run(who, 'board.saveMember', { name: 'X', position: 'member' });
      expect(r).toMatchObject({ refused: true, code: 'FORBIDDEN' });
    }
    expect(log.state).toBe(before);
    log.ok(ACTORS.ckl_admin, 'board.removeMember', { memberId: 'bm_sjoberg' });
    expect(boardMembers(log.state)).toHaveLength(6);
  });
});
