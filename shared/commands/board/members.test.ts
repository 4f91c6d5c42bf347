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

  test('R190 a member is changed in place: the same member, a new position, office and directory entry', () => {
    const log = boardLog();
    const lind = boardMembers(log.state).find((m) => m.id === 'bm_lind')!;
    // The 2nd vice chair's seat is freed first; then a ledamot takes it.
    const noren = boardMembers(log.state).find((m) => m.position === 'second_vice_chair')!;
    log.ok(ACTORS.ckl_admin, 'board.saveMember', {
      memberId: noren.id,
      baseSeq: noren.updatedSeq,
      name: noren.name,
      position: 'member',
    });
    log.ok(ACTORS.ckl_admin, 'board.saveMember', {
      memberId: lind.id,
      baseSeq: lind.updatedSeq,
      name: lind.name,
      position: 'second_vice_chair',
      title: 'Kommunstyrelsens 2:e vice ordförande',
      ...(lind.contactId ? { contactId: lind.contactId } : {}),
    });
    const members = boardMembers(log.state);
    expect(members).toHaveLength(7);
    expect(memberInPosition(log.state, 'second_vice_chair')).toMatchObject({
      id: 'bm_lind',
      title: 'Kommunstyrelsens 2:e vice ordförande',
      contactId: lind.contactId,
    });
    const before = log.state;
    const r = log.run(ACTORS.ckl_admin, 'board.saveMember', {
      memberId: 'bm_nobody',
      baseSeq: 0,
      name: 'X',
      position: 'member',
    });
    expect(r).toMatchObject({ refused: true, code: 'NOT_FOUND' });
    expect(log.state).toBe(before);
  });

  test('R190 a change names the version it started from; a change saved meanwhile is never overwritten', () => {
    const log = boardLog();
    const opened = boardMembers(log.state).find((m) => m.id === 'bm_lind')!;
    expect(opened.updatedSeq).toBeGreaterThan(0);
    // The administrator changes the office while the administrative function has the form open.
    log.ok(ACTORS.admin, 'board.saveMember', {
      memberId: opened.id,
      baseSeq: opened.updatedSeq,
      name: opened.name,
      position: opened.position,
      title: 'Finansborgarråd',
    });
    const saved = boardMembers(log.state).find((m) => m.id === 'bm_lind')!;
    expect(saved).toMatchObject({ title: 'Finansborgarråd', updatedBy: 'Admin' });
    expect(saved.updatedSeq).toBe(log.state.seq);

    const before = log.state;
    const stale = log.run(ACTORS.ckl_admin, 'board.saveMember', {
      memberId: opened.id,
      baseSeq: opened.updatedSeq,
      name: opened.name,
      position: opened.position,
      title: 'Borgarråd för stadsbyggnad',
    });
    expect(stale).toMatchObject({
      refused: true,
      code: 'CONFLICT',
      details: { currentSeq: saved.updatedSeq, baseSeq: opened.updatedSeq },
    });
    expect((stale as { message: string }).message).toMatch(
      /^Ledamoten har ändrats av Admin sedan du öppnade formuläret\. Läs in de nuvarande uppgifterna/,
    );
    expect(log.state).toBe(before);

    // A change without the version it started from is refused too; an addition has none.
    const bare = log.run(ACTORS.ckl_admin, 'board.saveMember', {
      memberId: opened.id,
      name: opened.name,
      position: opened.position,
    });
    expect(bare).toMatchObject({ refused: true, code: 'INVALID' });
    const newWithBase = log.run(ACTORS.ckl_admin, 'board.saveMember', {
      baseSeq: 0,
      name: 'Ny Person',
      position: 'member',
    });
    expect(newWithBase).toMatchObject({ refused: true, code: 'INVALID' });
    expect(log.state).toBe(before);

    // Reloaded from the current values, the change goes through.
    log.ok(ACTORS.ckl_admin, 'board.saveMember', {
      memberId: saved.id,
      baseSeq: saved.updatedSeq,
      name: saved.name,
      position: saved.position,
      title: 'Borgarråd för stadsbyggnad',
    });
    expect(boardMembers(log.state).find((m) => m.id === 'bm_lind')).toMatchObject({
      title: 'Borgarråd för stadsbyggnad',
      updatedBy: 'Admin CKL',
    });

    // A removal is a change too: a form opened before it says so.
    const current = boardMembers(log.state).find((m) => m.id === 'bm_lind')!;
    log.ok(ACTORS.admin, 'board.removeMember', { memberId: 'bm_lind' });
    const gone = log.run(ACTORS.ckl_admin, 'board.saveMember', {
      memberId: current.id,
      baseSeq: current.updatedSeq,
      name: current.name,
      position: current.position,
    });
    expect((gone as { message: string }).message).toMatch(/^Ledamoten har tagits bort av Admin/);
  });
});
