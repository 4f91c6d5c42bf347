import { COMMANDS, type CommandType } from '../commands';
import { ROLES } from '../domain/vocabulary';
import { handleCommand, mayIssue } from '../handleCommand';
import { isRefusal } from '../errors';
import { ACTOR_BY_ROLE, ACTORS, baseLog, NOW } from '../../test/support/pureLog';
import { capability } from './capability';

const TYPES = Object.keys(COMMANDS) as CommandType[];
const log = baseLog();
const evt = (
  log.ok(ACTORS.district_officer, 'event.open', {
    title: 'Störning',
    area: { kind: 'district', id: 'farsta' },
  })[0].data as { eventId: string }
).eventId;

describe('R232 a payload its schema refuses is refused before any policy runs', () => {
  test('the policy of a command is never asked about a payload it cannot read', () => {
    const authorize = jest.spyOn(COMMANDS['log.write'], 'authorize');
    try {
      const c = capability(log.state, ACTORS.chair, 'log.write', { text: 42 } as never, NOW);
      expect(c).toEqual({
        allowed: false,
        reason: expect.objectContaining({
          code: 'INVALID',
          message: expect.stringMatching(/Text/),
        }),
      });
      expect(authorize).not.toHaveBeenCalled();
      expect(capability(log.state, ACTORS.chair, 'log.write', { text: 'En rad.' }, NOW)).toEqual({
        allowed: true,
      });
      expect(authorize).toHaveBeenCalledTimes(1);
    } finally {
      authorize.mockRestore();
    }
  });

  test('for every command and every role, a missing or malformed payload is never allowed', () => {
    const wrong = [undefined, null, 'x', 42, [], { eventId: { $ne: '' } }, { '': '' }];
    for (const type of TYPES)
      for (const role of ROLES)
        for (const payload of wrong) {
          const c = capability(log.state, ACTOR_BY_ROLE[role], type, payload, NOW);
          // Only a command whose schema takes no fields may take nothing.
          if (c.allowed) expect(COMMANDS[type].payload.safeParse(payload ?? {}).success).toBe(true);
          else expect(c.reason.code).not.toBe('INTERNAL');
        }
  });

  test('mayIssue, for the callers that branch on a refusal, answers the same', () => {
    const bad = mayIssue(ACTORS.chair, 'event.raiseToSerious', { eventId: evt }, log.state, NOW);
    expect(bad?.code).toBe('INVALID');
    expect(mayIssue(ACTORS.chair, 'no.such', {}, log.state, NOW)?.code).toBe('UNKNOWN_COMMAND');
  });
});

describe('R233 the capability is the server’s own check', () => {
  const payloads: unknown[] = [
    {},
    { eventId: evt },
    { eventId: evt, decision: { basis: 'Underlag', informed: [] } },
    { eventId: evt, functions: ['analysis'], decision: { basis: 'Underlag', informed: [] } },
    { eventId: evt, reason: 'Behöver stöd' },
    { eventId: evt, basis: 'Underlag' },
    { eventId: evt, text: 'En rad.' },
    { text: 'En rad.' },
    { title: 'Larm', message: 'Kom in.', listIds: ['l1'] },
    { title: 'Ny', area: { kind: 'district', id: 'bromma' } },
    { userId: 'ny.person', name: 'Ny Person', role: 'observer' },
  ];
  test('every role × command × payload: refused with the refusal the server gives, or past the policy on the server too', () => {
    let allowed = 0;
    let refusedByPolicy = 0;
    for (const type of TYPES)
      for (const role of ROLES)
        for (const payload of payloads) {
          const actor = ACTOR_BY_ROLE[role];
          const c = capability(log.state, actor, type, payload, NOW);
          const server = handleCommand(actor, { type, payload }, log.state, {
            now: NOW,
            newId: (p) => `${p}_t`,
          });
          if (!c.allowed) {
            expect(server).toEqual(c.reason);
            if (c.reason.code === 'FORBIDDEN') refusedByPolicy++;
          } else {
            allowed++;
            // What is left is the decision: the state may still say no, the policy not.
            if (isRefusal(server)) expect([type, server.code]).not.toEqual([type, 'FORBIDDEN']);
          }
        }
    expect(allowed).toBeGreaterThan(20);
    expect(refusedByPolicy).toBeGreaterThan(20);
  });
});
