/** A small city for component tests, built with the real reducer from stored events. */
import {
  emptyState,
  type ActorRef,
  type CityState,
  type UserProfile,
} from '../../../shared/domain/state';
import { applyEvent } from '../../../shared/reducer';
import type { StoredEvent } from '../../../shared/events';
import type { CommandAck, CommandEnvelope } from '../../../shared/protocol';
import { consoleStore, type Transport } from '../store/console';

export const users: Record<string, UserProfile> = {
  'tib.farsta': {
    userId: 'tib.farsta',
    name: 'TiB Farsta',
    role: 'district_officer',
    districtId: 'farsta',
    active: true,
  },
  ordf: { userId: 'ordf', name: 'Karin Ekholm', role: 'chair', active: true },
  stadsdir: { userId: 'stadsdir', name: 'Maria Lindqvist', role: 'director', active: true },
  'vice.ordf': { userId: 'vice.ordf', name: 'Jonas Berg', role: 'observer', active: true },
  stabschef: { userId: 'stabschef', name: 'Lena Nyström', role: 'ckl_lead', active: true },
  analys: { userId: 'analys', name: 'Sofia Wikström', role: 'ckl_analysis', active: true },
  info: { userId: 'info', name: 'Erik Dahl', role: 'ckl_information', active: true },
};

let seq = 0;
const sys: ActorRef = { userId: 'system', name: 'Systemet', role: 'admin' };
export function ev(type: string, data: unknown, actor: ActorRef = sys): StoredEvent {
  seq += 1;
  return {
    seq,
    space: 'real',
    type,
    data,
    at: new Date(Date.now() - (100 - seq) * 60_000).toISOString(),
    actor,
    commandId: `c${seq}`,
    hash: 'h',
  } as StoredEvent;
}

/** The division and the accounts a test city starts from, as events made by the caller's `make`. */
export const foundingEvents = (
  make: (type: string, data: unknown) => StoredEvent,
  people: Record<string, UserProfile>,
): StoredEvent[] => [
  make('division.configured', {
    id: 'sdo-11-2023',
    name: 'test',
    districts: [
      { id: 'farsta', name: 'Farsta' },
      { id: 'bromma', name: 'Bromma' },
    ],
  }),
  ...Object.values(people).map((u) =>
    make('user.registered', {
      userId: u.userId,
      name: u.name,
      role: u.role,
      ...(u.districtId ? { districtId: u.districtId } : {}),
    }),
  ),
];

export function city(): CityState {
  seq = 0;
  let s: CityState = emptyState('real');
  const events: StoredEvent[] = [
    ...foundingEvents(ev, users),
    ev(
      'event.opened',
      {
        eventId: 'evt1',
        title: 'Elavbrott i Söderort',
        description: 'Strömlöst.',
        owner: { kind: 'district', id: 'farsta' },
        affectedDistrictIds: ['farsta'],
        affectedUnitIds: [],
      },
      { userId: 'tib.farsta', name: 'TiB Farsta', role: 'district_officer' },
    ),
    ev(
      'district.reported',
      {
        reportId: 'rep1',
        districtId: 'farsta',
        status: 'severe',
        happened: 'Strömlöst i hela Farsta.',
        consequences: '',
        actions: '',
        needs: 'Reservkraft',
        crisisSupport: 'standby',
        nextReportDue: new Date(Date.now() - 5 * 60_000).toISOString(),
        noChange: false,
      },
      { userId: 'tib.farsta', name: 'TiB Farsta', role: 'district_officer' },
    ),
    ev(
      'delegation.granted',
      {
        delegationId: 'del1',
        role: 'chair',
        toUserId: 'vice.ordf',
        basis: 'Vice ordförande enligt reglementet.',
      },
      { userId: 'ordf', name: 'Karin Ekholm', role: 'chair' },
    ),
    ev(
      'proposal.made',
      { proposalId: 'prop1', eventId: 'evt1', basis: 'Fler än 40 000 hushåll utan ström i kyla.' },
      { userId: 'stadsdir', name: 'Maria Lindqvist', role: 'director' },
    ),
  ];
  for (const e of events) s = applyEvent(s, e);
  return s;
}

export class FakeTransport implements Transport {
  sent: CommandEnvelope[] = [];
  online = true;
  answer: (env: CommandEnvelope) => Promise<CommandAck> = async () => ({
    ok: true,
    seq: 1000,
    firstSeq: 1000,
  });
  connected = () => this.online;
  send = (env: CommandEnvelope) => {
    this.sent.push(env);
    return this.answer(env);
  };
  resync = () => undefined;
}

/** Signs a test user in to the console store with the fixture city and a fake transport. */
export function signInAs(userId: keyof typeof users): FakeTransport {
  // Each test starts with an empty outbox, state cache and drafts (they persist by design).
  localStorage.clear();
  const t = new FakeTransport();
  const st = consoleStore.getState();
  st.signedOut();
  st.setTransport(t);
  st.signedIn(users[userId]);
  const state = city();
  st.onSnapshot({ space: 'real', seq: state.seq, state });
  st.setConnection('live');
  return t;
}
