/**
 * R18: the live stream goes to one room per space and visibility class; the gateway keeps
 * what each room stands for as a value, so nothing is parsed back from a room's name.
 */
import { ClassRooms, classRoom, sessionRoom, userRoom } from './rooms';
import { canSee, visibilityClassOf } from '../shared/visibility';

test('R18 actors who see the same things share a room; its class is kept, not parsed from the name', () => {
  const rooms = new ClassRooms();
  const farsta = rooms.join(
    'real',
    visibilityClassOf({ role: 'district_officer', districtId: 'farsta' }),
  );
  const farsta2 = rooms.join(
    'real',
    visibilityClassOf({ role: 'district_officer', districtId: 'farsta' }),
  );
  const chair = rooms.join('real', visibilityClassOf({ role: 'chair' }));
  const director = rooms.join('real', visibilityClassOf({ role: 'director' }));
  expect(farsta2).toBe(farsta);
  expect(director).toBe(chair);
  // A district id that looks like a key is an ordinary id: its class asks about that district.
  const odd = rooms.join(
    'real',
    visibilityClassOf({ role: 'district_officer', districtId: '__proto__|x' }),
  );
  const classes = new Map(rooms.of('real'));
  expect(classes.size).toBe(3);
  expect(classes.get(chair)?.all).toBe(true);
  const oddClass = classes.get(odd)!;
  expect(oddClass.all).toBe(false);
  expect(canSee(oddClass.member, { districtIds: ['__proto__|x'] })).toBe(true);
  expect(canSee(oddClass.member, { districtIds: ['farsta'] })).toBe(false);
  expect(canSee(classes.get(farsta)!.member, { districtIds: ['farsta'] })).toBe(true);

  expect(rooms.isOf('real', farsta)).toBe(true);
  expect(rooms.isOf('ovning-1', farsta)).toBe(false);
  expect(rooms.isOf('real', userRoom('farsta'))).toBe(false);
  rooms.drop('real', farsta);
  expect(rooms.isOf('real', farsta)).toBe(false);
  expect(classRoom('real', visibilityClassOf({ role: 'chair' }))).toBe(chair);
  expect(userRoom('a')).not.toBe(sessionRoom('a'));
});
