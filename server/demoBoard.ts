/**
 * The demo's crisis board: the members of borgarrådsberedningen with their positions, their
 * phone and e-mail in the contact directory, and the board's call list for the kallelse.
 */
import type { Actor } from '../shared/domain/actor';
import { CONTACT_DETAILS_AUDIENCE } from '../shared/domain/alarm';
import { BOARD_LIST_ID, type BoardPosition } from '../shared/domain/board';
import { draft, type EventDraft } from '../shared/events';
import type { CityState } from '../shared/domain/state';
import { lookup } from '../shared/domain/keyed';

/** [member id, name, position, title, account, phone]; numbers from the fictional 070-1740 series. */
export const DEMO_BOARD: [string, string, BoardPosition, string, string | undefined, string][] = [
  ['bm_ekholm', 'Karin Ekholm', 'chair', 'Kommunstyrelsens ordförande', 'ordf', '+46701740701'],
  [
    'bm_berg',
    'Jonas Berg',
    'first_vice_chair',
    'Kommunstyrelsens 1:e vice ordförande',
    'vice.ordf',
    '+46701740702',
  ],
  [
    'bm_noren',
    'Cecilia Norén',
    'second_vice_chair',
    'Ordförande i Storstockholms brandförsvarsförbund',
    'vice2.ordf',
    '+46701740703',
  ],
  ['bm_lind', 'Mats Lind', 'member', 'Borgarråd', 'ledamot.lind', '+46701740704'],
  ['bm_yusuf', 'Amina Yusuf', 'member', 'Borgarråd', undefined, '+46701740705'],
  ['bm_wallin', 'Peter Wallin', 'member', 'Borgarråd', undefined, '+46701740706'],
  ['bm_sjoberg', 'Elin Sjöberg', 'member', 'Borgarråd', undefined, '+46701740707'],
];

/** The demo accounts of board members who are not the chair (the chair is `ordf`). */
export const DEMO_BOARD_USERS = [
  { userId: 'vice.ordf', name: 'Jonas Berg', role: 'board_member' as const },
  { userId: 'vice2.ordf', name: 'Cecilia Norén', role: 'board_member' as const },
  { userId: 'ledamot.lind', name: 'Mats Lind', role: 'board_member' as const },
];

const email = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@exempel.stockholm.se`;

/** The roster, the directory entries and the call list, as an administrator saves them. */
export function demoBoardRoster(): EventDraft[] {
  const contactId = (memberId: string) => `ct_${memberId}`;
  return [
    ...DEMO_BOARD.flatMap(([id, name, , title, userId, phone]) => [
      draft('alarm.contactSaved', {
        contactId: contactId(id),
        name,
        title,
        available: true,
        ...(userId ? { userId } : {}),
      }),
      draft(
        'alarm.contactDetailsSaved',
        { contactId: contactId(id), phone, email: email(name) },
        CONTACT_DETAILS_AUDIENCE,
      ),
    ]),
    ...DEMO_BOARD.map(([id, name, position, title, userId]) =>
      draft('board.memberSaved', {
        memberId: id,
        name,
        position,
        title,
        ...(userId ? { userId } : {}),
        contactId: contactId(id),
      }),
    ),
    draft('alarm.listSaved', {
      listId: BOARD_LIST_ID,
      name: 'Krisledningsnämnden',
      target: { kind: 'board' },
      members: DEMO_BOARD.map(([id]) => contactId(id)),
      quota: DEMO_BOARD.length,
      timeoutSeconds: 1800,
      channels: ['sms', 'email', 'console'],
    }),
  ];
}

/** Runs one real command in the demo's backdated history (policy and all) and appends it. */
export type DemoCommand = (
  actor: Actor,
  minutesAgo: number,
  type: string,
  payload: unknown,
) => Promise<EventDraft[]>;

const DAY = 60 * 24;

/**
 * A past extraordinary event with the board at work: the chair's judgement puts the board in
 * function; the chair decides one urgent matter; the director informs and proposes a takeover;
 * the board is convened through the alarm channels, meets on site and at a distance, records
 * the urgent decision as reported, decides the takeover, notes the information; the protocol
 * is attested by the chair and the justerare. Two days later a second meeting ends the
 * takeover and the board's function. So a newcomer finds two protocols to read.
 */
export async function seedDemoBoardMeetings(
  run: DemoCommand,
  by: (id: string) => Actor,
  state: () => CityState,
  iso: (minutesAgo: number) => string,
): Promise<void> {
  if (!lookup(state().districts, 'skarholmen')) return;
  const chair = by('ordf');
  const director = by('stadsdir');
  const secretary = by('admin.ckl');
  const lind = by('ledamot.lind');
  const dec = (basis: string) => ({ basis, informed: ['Kommunstyrelsens presidium'] });
  const T0 = 9 * DAY;
  const [opened] = await run(director, T0, 'event.open', {
    title: 'Skyfall och översvämning i Skärholmen',
    description:
      'Över 80 mm regn på tre timmar. Översvämmade källare och vägar i Sätra, Bredäng och Skärholmens centrum; E4/E20 avstängd vid Bredäng.',
    area: { kind: 'central' },
    affectedDistrictIds: ['skarholmen'],
    affectedUnitIds: ['trafikkontoret', 'aldreforvaltningen'],
  });
  const eventId = (opened.data as { eventId: string }).eventId;
  await run(director, T0 - 10, 'event.raiseToSerious', {
    eventId,
    decision: dec('Flera förvaltningar berörs; behov av central samordning.'),
  });
  await run(director, T0 - 20, 'event.proposeExtraordinary', {
    eventId,
    basis: 'Äldreboende i Sätra måste evakueras; framkomligheten i Söderort är allvarligt störd.',
  });
  await run(chair, T0 - 25, 'event.declareExtraordinary', {
    proposalId: lookup(state().events, eventId)?.pendingProposalId,
    confirm: true,
    decision: dec('Stadsdirektörens förslag; allvarlig störning i äldreomsorg och framkomlighet.'),
  });
  await run(chair, T0 - 35, 'board.urgentDecision', {
    eventId,
    decision: {
      basis: 'Vattnet stiger vid Sätra äldreboende; nämndens avgörande kan inte avvaktas.',
      what: 'Äldrenämnden får omedelbart evakuera Sätra äldreboende med stadens bussar.',
      informed: ['Äldrenämndens ordförande'],
    },
  });
  await run(director, T0 - 40, 'board.inform', {
    eventId,
    text: 'E4/E20 är avstängd vid Bredäng. 140 boende evakuerade till Skärholmens idrottshall. SMHI varnar för mer regn i natt.',
  });
  await run(director, T0 - 45, 'board.proposeTakeover', {
    eventId,
    scope: {
      fromBoard: 'Trafiknämnden',
      part: 'Beslut om avstängning av gator och omledning av trafik i Skärholmen',
      unitIds: ['trafikkontoret'],
      districtIds: ['skarholmen'],
      from: iso(T0 - 95),
    },
    basis:
      'Avstängningar behöver beslutas samlat med evakueringen; trafiknämnden kan inte sammanträda i natt.',
  });
  await meeting(T0 - 50, T0 - 90, 'Stadshuset, borgarrådsberedningens sammanträdesrum och Teams', [
    ['bm_ekholm', 'in_person'],
    ['bm_berg', 'in_person'],
    ['bm_noren', 'remote'],
    ['bm_lind', 'in_person'],
    ['bm_yusuf', 'remote'],
    ['bm_wallin', 'absent'],
    ['bm_sjoberg', 'absent'],
  ]);

  // Two days later: the water has gone down; the board ends the takeover and its function.
  const T1 = 7 * DAY;
  await run(chair, T1, 'event.lowerLevel', {
    eventId,
    to: 'serious',
    decision: dec('Vattnet har sjunkit undan; de evakuerade är tillbaka.'),
    initiative: { kind: 'proposal', userId: 'stadsdir' },
  });
  const takeover = Object.values(state().board.takeovers).find((t) => !t.endedAt);
  await meeting(
    T1 - 5,
    T1 - 60,
    'Teams',
    [
      ['bm_ekholm', 'remote'],
      ['bm_berg', 'remote'],
      ['bm_noren', 'absent'],
      ['bm_lind', 'remote'],
      ['bm_yusuf', 'remote'],
      ['bm_wallin', 'remote'],
      ['bm_sjoberg', 'absent'],
    ],
    takeover?.id,
  );
  await run(director, T1 - 180, 'event.close', {
    eventId,
    decision: dec('Händelsen är över; nämndens verksamhet har upphört.'),
  });

  /** One meeting from kallelse to attested protocol. */
  async function meeting(
    convenedAgo: number,
    startsAgo: number,
    place: string,
    attendance: [string, 'in_person' | 'remote' | 'absent'][],
    endTakeover?: string,
  ) {
    await run(chair, convenedAgo, 'board.convene', {
      startsAt: iso(startsAgo),
      form: attendance.some(([, a]) => a === 'in_person') ? 'mixed' : 'remote',
      place,
      eventId,
    });
    const m = () => {
      const s = state();
      return lookup(s.board.meetings, s.board.meetingOrder.at(-1) ?? '')!;
    };
    const alarmId = m().kallelseAlarmId;
    // Those with an account answer in the console; the chair records the others' by phone,
    // the absent too, so the history leaves no message still due to anyone.
    for (const [i, [memberId, att]] of attendance.entries()) {
      const member = lookup(state().board.members, memberId);
      const own = member?.userId ? by(member.userId) : undefined;
      const rec = [...(lookup(state().alarm.alarms, alarmId ?? '')?.recipients.keys ?? [])].find(
        (k) => k.endsWith(`~ct_${memberId}`),
      );
      if (!rec) continue;
      await run(own ?? chair, convenedAgo - 3 - i, 'alarm.respond', {
        alarmId,
        ...(own ? {} : { key: rec }),
        answer: att === 'absent' ? 'cannot' : 'coming',
        ...(att === 'absent' ? {} : { etaMinutes: 30 }),
      });
    }
    for (const [i, [memberId, att]] of attendance.entries())
      await run(secretary, startsAgo + 5 - i * 0.5, 'board.recordAttendance', {
        meetingId: m().id,
        memberId,
        attendance: att,
      });
    await run(chair, startsAgo, 'board.openMeeting', { meetingId: m().id, attesterId: 'bm_lind' });
    if (endTakeover)
      await run(chair, startsAgo - 1, 'board.addAgendaItem', {
        meetingId: m().id,
        kind: 'takeover_end',
        ref: endTakeover,
      });
    if (endTakeover)
      await run(chair, startsAgo - 1, 'board.addAgendaItem', {
        meetingId: m().id,
        kind: 'end_function',
      });
    let minute = startsAgo - 2;
    for (const item of m().agenda) {
      const outcome =
        item.kind === 'urgent_report'
          ? 'reported'
          : item.kind === 'director_information'
            ? 'noted'
            : 'decided';
      await run(chair, minute, 'board.resolveItem', {
        meetingId: m().id,
        itemId: item.id,
        outcome,
        ...(item.kind === 'takeover_end'
          ? { text: 'Trafiken är omledd och vägarna öppna igen.' }
          : {}),
        ...(item.kind === 'end_function'
          ? { text: 'Händelsen hanteras nu i den ordinarie organisationen.' }
          : {}),
      });
      minute -= 6;
    }
    await run(chair, minute - 4, 'board.closeMeeting', { meetingId: m().id });
    await run(chair, minute - 15, 'board.attestProtocol', { meetingId: m().id });
    await run(lind, minute - 40, 'board.attestProtocol', { meetingId: m().id });
  }
}
