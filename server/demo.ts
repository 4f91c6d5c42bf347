import type { Actor } from '../shared/domain/actor';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { CONTACT_DETAILS_AUDIENCE, recipientKey } from '../shared/domain/alarm';
import type { Role } from '../shared/domain/vocabulary';
import { draft, type EventData, type EventDraft } from '../shared/events';
import { CKL_INTERNAL } from '../shared/commands/ckl';
import type { Accounts } from './auth/accounts';
import { hashPassword } from './auth/passwords';
import type { Space } from './space';
import { DEMO_BOARD_USERS, demoBoardRoster, seedDemoBoardMeetings } from './demoBoard';
import { handleCommand } from '../shared/handleCommand';
import { isRefusal } from '../shared/errors';

/** How far back the demo's history reaches: a month of delegations, then the morning's events. */
const DEMO_HISTORY_MINUTES = 60 * 24 * 30 + 5;

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'krisledning';

interface DemoUser {
  userId: string;
  name: string;
  role: Role;
  districtId?: string;
  unitId?: string;
}

export function demoUsers(districts: { id: string; name: string }[]): DemoUser[] {
  return [
    { userId: 'ordf', name: 'Karin Ekholm', role: 'chair' },
    ...DEMO_BOARD_USERS,
    { userId: 'stadsdir', name: 'Maria Lindqvist', role: 'director' },
    { userId: 'tjg.stadsdir', name: 'Per Sandberg', role: 'observer' },
    { userId: 'sakchef', name: 'Anders Holm', role: 'security_chief' },
    { userId: 'stabschef', name: 'Lena Nyström', role: 'ckl_lead' },
    { userId: 'samverkan', name: 'Ali Hassan', role: 'ckl_liaison' },
    { userId: 'analys', name: 'Sofia Wikström', role: 'ckl_analysis' },
    { userId: 'info', name: 'Erik Dahl', role: 'ckl_information' },
    { userId: 'admin.ckl', name: 'Hanna Ek', role: 'ckl_admin' },
    { userId: 'presidium', name: 'Gustav Öberg', role: 'observer' },
    { userId: 'admin', name: 'Systemadministratör', role: 'admin' },
    {
      userId: 'sakord.trafik',
      name: 'Fatima Karimi',
      role: 'unit_officer',
      unitId: 'trafikkontoret',
    },
    {
      userId: 'sakord.vatten',
      name: 'Olof Strand',
      role: 'unit_officer',
      unitId: 'stockholm-vatten',
    },
    ...districts.map((d) => ({
      userId: `tib.${d.id}`,
      name: `TiB ${d.name}`,
      role: 'district_officer' as const,
      districtId: d.id,
    })),
  ];
}

/** The demo's history met its own commands in the log: another node is writing it. */
class SeededElsewhere extends Error {}

const asActor = (u: DemoUser): Actor => ({
  userId: u.userId,
  name: u.name,
  role: u.role,
  districtId: u.districtId,
  unitId: u.unitId,
});

/**
 * A living console for a newcomer: every role has an account, and a power cut in Söderort is
 * running as a serious event with two districts reporting and a third one overdue.
 */
export async function seedDemo(
  real: Space,
  accounts: Accounts,
  /** Written first, at the start of the demo's history, when the log does not have it yet. */
  division?: EventData<'division.configured'>,
): Promise<void> {
  const now = Date.now();
  const ago = (min: number) => new Date(now - min * 60_000);
  // The history is backdated, and every event is at or after the one before it, so the
  // division and the accounts come first, before the oldest demo event.
  if (division && !real.state.division)
    await real.appendSystem(
      SYSTEM_ACTOR,
      `system:division:${division.id}:${real.seq}`,
      [draft('division.configured', division)],
      ago(DEMO_HISTORY_MINUTES),
    );
  const districts = real.state.division?.districts ?? [];
  const users = demoUsers(districts);
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:users',
    users.map((u) => draft('user.registered', u)),
    ago(DEMO_HISTORY_MINUTES),
  );
  // Demo passwords are known to all (README): no change is asked for, there is nothing to guard.
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of users) await accounts.store.set(u.userId, { hash, gen: 0, mustChange: false });

  const by = (id: string) => asActor(users.find((u) => u.userId === id) as DemoUser);
  const has = (id: string) => districts.some((d) => d.id === id);
  const inMin = (min: number) => new Date(now + min * 60_000).toISOString();
  const step = async (n: number, actor: Actor, minutesAgo: number, drafts: EventDraft[]) =>
    real.appendSystem(actor, `demo:${n}`, drafts, ago(minutesAgo));

  const south = ['farsta', 'enskede-arsta-vantor', 'skarpnack'].filter(has);
  if (south.length < 2) return;
  const evt = 'evt_demo_soderort';
  const tibFarsta = by('tib.farsta');
  // Each holder delegates their own role (R14): the director the deputy on duty. Nobody grants
  // another role's delegation.
  await step(1, by('stadsdir'), 60 * 24 * 30, [
    draft('delegation.granted', {
      delegationId: 'del_demo_tjg',
      role: 'director',
      toUserId: 'tjg.stadsdir',
      basis: 'Tjänstgörande stadsdirektör enligt beredskapsschema.',
    }),
  ]);
  // R275: the chair's role is delegated by the chair alone, through the command (its policy and
  // its decision record), and for a bounded time: the 1st vice chair's standing right to act for
  // the chair is the succession while she is recorded unavailable (R207), never an open-ended
  // delegation that would make two chairs at once.
  const chairGrant = handleCommand(
    by('ordf'),
    {
      type: 'delegation.grant',
      payload: {
        role: 'chair',
        toUserId: 'vice.ordf',
        basis:
          'Ordföranden på tjänsteresa; 1:e vice ordföranden ersätter henne under resan (reglementet).',
        until: ago(60 * 24 * 26).toISOString(),
      },
    },
    real.state,
    { now: ago(60 * 24 * 30).toISOString(), newId: (prefix) => `${prefix}_demo_chair_trip` },
  );
  if (isRefusal(chairGrant)) throw new Error(`demo delegation refused: ${chairGrant.message}`);
  await step(101, by('ordf'), 60 * 24 * 30, chairGrant);
  await step(100, by('admin.ckl'), 60 * 24 * 30 - 1, demoBoardRoster());
  let n = 0;
  let c = 0;
  const board = seedDemoBoardMeetings(
    async (actor, minutesAgo, type, payload) => {
      const drafts = handleCommand(actor, { type, payload }, real.state, {
        now: ago(minutesAgo).toISOString(),
        newId: (prefix) => `${prefix}_demo_board_${++n}`,
      });
      const commandId = `demo:board:${++c}`;
      if (isRefusal(drafts)) {
        // Another node starting on the same empty log wrote this history first.
        if (real.hasCommand(commandId)) throw new SeededElsewhere();
        throw new Error(`demo ${type} refused: ${drafts.message}`);
      }
      await real.appendSystem(actor, commandId, drafts, ago(minutesAgo));
      return drafts;
    },
    by,
    () => real.state,
    (minutesAgo) => ago(minutesAgo).toISOString(),
  );
  try {
    await board;
  } catch (err) {
    // The rest of the history is the other node's to write; it is the same history.
    if (err instanceof SeededElsewhere) return;
    throw err;
  }
  await step(2, tibFarsta, 190, [
    draft('event.opened', {
      eventId: evt,
      title: 'Elavbrott i Söderort',
      description:
        'Omfattande elavbrott efter brand i transformatorstation. Cirka 40 000 hushåll utan ström i Farsta, Enskede-Årsta-Vantör och Skarpnäck. Nätägaren bedömer minst ett dygns avbrott. Utomhustemperatur −12 °C.',
      owner: { kind: 'district', id: 'farsta' },
      affectedDistrictIds: south,
      affectedUnitIds: ['aldreforvaltningen', 'stockholm-vatten'],
    }),
  ]);
  await step(3, tibFarsta, 180, [
    draft('event.centralSupportRequested', {
      eventId: evt,
      reason: 'Samordnad information till allmänheten och stöd med reservkraft till äldreboenden.',
    }),
  ]);
  await step(4, by('sakchef'), 170, [
    draft('decision.recorded', {
      decisionId: 'dec_demo_cs',
      kind: 'central_support',
      eventId: evt,
      basis: 'Begäran från TiB Farsta; avbrottet berör tre stadsdelsområden.',
      what: 'Centralt stöd beviljas: samordnad information och reservkraft.',
      informed: ['Stadsdirektören', 'TiB Farsta'],
      consulted: ['Farsta stadsdelsförvaltning', 'Äldreförvaltningen'],
      secondHand: { reason: 'Stadsdirektören satt i ett möte utan telefon och gick inte att nå.' },
    }),
    draft('event.centralSupportDecided', {
      eventId: evt,
      granted: true,
      decisionId: 'dec_demo_cs',
    }),
  ]);
  await step(5, by('stadsdir'), 130, [
    draft('decision.recorded', {
      decisionId: 'dec_demo_serious',
      kind: 'level_raised',
      eventId: evt,
      basis:
        'Avbrottet väntas vara över ett dygn; äldreboenden och hemtjänst påverkas; behov av stadsövergripande prioritering av reservkraft.',
      what: 'Händelsen höjs till allvarlig händelse.',
      informed: ['Krisledningsnämndens ordförande', 'Kommunstyrelsens presidium'],
    }),
    draft('event.levelChanged', { eventId: evt, level: 'serious', decisionId: 'dec_demo_serious' }),
  ]);
  await step(6, by('stadsdir'), 125, [
    draft('decision.recorded', {
      decisionId: 'dec_demo_ckl',
      kind: 'ckl_activation',
      eventId: evt,
      basis: 'Behov av samlad lägesbild och samordnad kommunikation.',
      what: 'CKL aktiveras: analys, information.',
      informed: ['Stabschef'],
    }),
    draft('ckl.activated', {
      eventId: evt,
      functions: ['analysis', 'information'],
      decisionId: 'dec_demo_ckl',
    }),
  ]);
  await step(7, tibFarsta, 95, [
    draft('district.reported', {
      reportId: 'rep_demo_farsta_1',
      districtId: 'farsta',
      status: 'severe',
      happened: 'Strömlöst i hela Farsta sedan 06:40. Två äldreboenden på reservkraft.',
      consequences: 'Hemtjänsten når inte alla brukare; hissar stannade i flerbostadshus.',
      actions: 'Trygghetspunkt öppnad i Farsta centrum. Hemtjänsten prioriterar brukare med larm.',
      needs: 'Reservkraft till ett tredje äldreboende; bussar för evakuering vid behov.',
      crisisSupport: 'standby',
      nextReportDue: inMin(-5),
      noChange: false,
    }),
  ]);
  if (has('enskede-arsta-vantor'))
    await step(8, by('tib.enskede-arsta-vantor'), 70, [
      draft('district.reported', {
        reportId: 'rep_demo_eav_1',
        districtId: 'enskede-arsta-vantor',
        status: 'strained',
        happened: 'Strömlöst i Högdalen, Rågsved och Hagsätra.',
        consequences: 'Skolor i området stängda i dag. Vattentrycket lågt i höga hus.',
        actions: 'Information på plats via fältassistenter.',
        needs: 'Dricksvatten i dunk till Rågsved.',
        crisisSupport: 'not_active',
        nextReportDue: inMin(50),
        noChange: false,
      }),
    ]);
  await step(9, tibFarsta, 60, [
    draft('marker.placed', {
      markerId: 'mk_demo_tp',
      kind: 'trygghetspunkt',
      label: 'Trygghetspunkt Farsta centrum',
      districtId: 'farsta',
      eventId: evt,
      lat: 59.2434,
      lng: 18.0921,
    }),
  ]);
  if (has('enskede-arsta-vantor'))
    await step(10, by('tib.enskede-arsta-vantor'), 55, [
      draft('marker.placed', {
        markerId: 'mk_demo_inc',
        kind: 'incident',
        label: 'Brand i transformatorstation Högdalen',
        districtId: 'enskede-arsta-vantor',
        eventId: evt,
        lat: 59.2636,
        lng: 18.0445,
      }),
    ]);
  await step(11, by('stabschef'), 40, [
    draft('log.written', {
      entryId: 'log_demo_1',
      eventId: evt,
      text: 'Stabsgenomgång 1 genomförd. Nästa 12:00.',
    }),
    draft('task.created', {
      taskId: 'task_demo_1',
      eventId: evt,
      title: 'Samlad lägesbild till ordföranden',
      description: 'Sammanställ rapporterna från Söderort inför stabsgenomgång 2.',
      assignee: { kind: 'function', fn: 'analysis' },
      deadline: inMin(45),
    }),
    draft('task.created', {
      taskId: 'task_demo_2',
      eventId: evt,
      title: 'Pressmeddelande om trygghetspunkter',
      description: 'Samordna med Ellevio och Polisen.',
      assignee: { kind: 'function', fn: 'information' },
      deadline: inMin(-10),
    }),
  ]);
  await step(12, by('sakord.trafik'), 38, [
    draft('event.opened', {
      eventId: 'evt_demo_trafik',
      title: 'Signalfel i trafikljus, Söderleden',
      description: 'Trafikljus ur funktion vid Skanstull efter strömavbrottet.',
      owner: { kind: 'unit', id: 'trafikkontoret' },
      affectedDistrictIds: [],
      affectedUnitIds: ['trafikkontoret'],
    }),
  ]);
  await seedCklDemo(step, by, evt, has, inMin);
  await seedDemoAlarm(real, by, has('farsta'), ago, inMin);
}

/**
 * The central crisis staff at work on the power cut: one situation report approved and sent to
 * the chair, a public message waiting for the lead, the next briefing, two contacts with
 * external actors and a cost. Small on purpose: a newcomer sees each workspace with something in it.
 */
async function seedCklDemo(
  step: (n: number, actor: Actor, minutesAgo: number, drafts: EventDraft[]) => Promise<unknown>,
  by: (id: string) => Actor,
  evt: string,
  has: (id: string) => boolean,
  inMin: (min: number) => string,
): Promise<void> {
  const analys = by('analys');
  const lead = by('stabschef');
  const body = {
    title: 'Samlad lägesbild Elavbrott i Söderort',
    situation:
      'Farsta (allvarligt): strömlöst sedan 06:40, två äldreboenden på reservkraft. Enskede-Årsta-Vantör (ansträngt): strömlöst i Högdalen, Rågsved och Hagsätra; skolor stängda.',
    forecast: 'Ellevio bedömer minst ett dygns avbrott. Kyla −12 °C i natt.',
    consequences: 'Hemtjänsten når inte alla brukare. Lågt vattentryck i höga hus.',
    needs: 'Reservkraft till ett tredje äldreboende i Farsta. Dricksvatten i dunk till Rågsved.',
    recommendations:
      'Prioritera reservkraft till äldreboenden före skolor. Öppna fler trygghetspunkter.',
  };
  const sources = {
    districtReportIds: [
      'rep_demo_farsta_1',
      ...(has('enskede-arsta-vantor') ? ['rep_demo_eav_1'] : []),
    ],
    unitReportIds: [],
    staleDistrictIds: [],
    missingDistrictIds: has('skarpnack') ? ['skarpnack'] : [],
  };
  const draftedAt = new Date(Date.parse(inMin(-35))).toISOString();
  await step(13, analys, 35, [
    draft(
      'analysis.sitrepDrafted',
      { sitrepId: 'sit_demo_1', series: evt, eventId: evt, version: 1, ...body, sources },
      CKL_INTERNAL,
    ),
  ]);
  await step(14, lead, 30, [
    draft('analysis.sitrepApproved', {
      sitrepId: 'sit_demo_1',
      series: evt,
      eventId: evt,
      version: 1,
      ...body,
      sources,
      draftedAt,
      draftedBy: { userId: analys.userId, name: analys.name, role: analys.role },
      sentTo: ['Krisledningsnämndens ordförande', 'Stadsdelsområdena'],
    }),
    draft('ckl.briefingScheduled', {
      nextAt: inMin(25),
      intervalMinutes: 120,
      place: 'Stadshuset, CKL-rummet',
    }),
    draft('liaison.contactLogged', {
      contactId: 'con_demo_1',
      actorId: 'ellevio',
      eventId: evt,
      direction: 'out',
      channel: 'phone',
      summary:
        'Ellevio: felet i Högdalen isolerat; återinkoppling etappvis från i kväll, Farsta sist.',
    }),
    draft('liaison.contactLogged', {
      contactId: 'con_demo_2',
      actorId: 'polisen',
      eventId: evt,
      direction: 'in',
      channel: 'rakel',
      summary: 'Polisen förstärker patrullering vid Farsta centrum och trygghetspunkten i kväll.',
    }),
    draft('administration.costRecorded', {
      costId: 'cost_demo_1',
      eventId: evt,
      category: 'response',
      kind: 'Hyra av reservkraftverk',
      amountOre: 4_850_000,
      description: 'Två reservkraftverk till äldreboenden i Farsta, första dygnet.',
    }),
  ]);
  await step(15, by('info'), 29, [
    draft(
      'information.messageDrafted',
      {
        messageId: 'msg_demo_1',
        eventId: evt,
        targetGroup: 'public',
        headline: 'Elavbrott i Söderort – trygghetspunkt i Farsta centrum',
        body: 'Omkring 40 000 hushåll i Farsta, Enskede-Årsta-Vantör och Skarpnäck är utan ström. Ellevio räknar med att strömmen kommer tillbaka etappvis från i kväll. I Farsta centrum finns en trygghetspunkt med värme, laddning och information.',
        instruction:
          'Håll dig varm, se till grannar och äldre. Ring 112 bara vid nödläge; frågor om avbrottet: Ellevio.',
        channels: ['stockholm.se', 'Krisinformation.se', 'Facebook'],
        areaDistrictIds: ['farsta', 'enskede-arsta-vantor', 'skarpnack'].filter(has),
        cap: {
          category: 'Infra',
          urgency: 'Expected',
          severity: 'Moderate',
          certainty: 'Observed',
        },
        version: 1,
      },
      CKL_INTERNAL,
    ),
  ]);
}

/** Demo contacts: [id, name, title, account, phone, district]. Numbers are from the fictional 070-1740 series. */
const DEMO_CONTACTS: [string, string, string, string | undefined, string, string?][] = [
  ['ct_sofia', 'Sofia Wikström', 'Analytiker CKL', 'analys', '+46701740601'],
  ['ct_johan', 'Johan Lind', 'Analytiker CKL', undefined, '+46701740602'],
  ['ct_amira', 'Amira Said', 'Analytiker CKL', undefined, '+46701740603'],
  ['ct_karl', 'Karl Berg', 'Utredare, reserv', undefined, '+46701740604'],
  ['ct_erik', 'Erik Dahl', 'Kommunikatör CKL', 'info', '+46701740605'],
  ['ct_maja', 'Maja Ström', 'Kommunikatör CKL', undefined, '+46701740606'],
  ['ct_tove', 'Tove Ek', 'Säkerhetssamordnare', 'tib.farsta', '+46701740607', 'farsta'],
  ['ct_ali', 'Ali Yilmaz', 'Enhetschef', undefined, '+46701740608', 'farsta'],
];

/**
 * Alarm and call-in for the demo: a small contact directory, three call lists (CKL
 * analysis with a reserve, quota 2), a template, a plan for the extraordinary level, duty
 * shifts, and one finished alarm in the history. Only draft events, as the rest of the demo.
 */
async function seedDemoAlarm(
  real: Space,
  by: (id: string) => Actor,
  farsta: boolean,
  ago: (min: number) => Date,
  inMin: (min: number) => string,
): Promise<void> {
  const admin = by('admin.ckl');
  const contacts = DEMO_CONTACTS.filter(([, , , , , d]) => !d || farsta);
  await real.appendSystem(
    admin,
    'demo:alarm:contacts',
    contacts.flatMap(([contactId, name, title, userId, phone, districtId]) => [
      draft('alarm.contactSaved', {
        contactId,
        name,
        title,
        available: true,
        ...(userId ? { userId } : {}),
        ...(districtId ? { districtId } : {}),
      }),
      draft(
        'alarm.contactDetailsSaved',
        {
          contactId,
          phone,
          email: `${name
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/[^a-z]+/g, '.')}@exempel.stockholm.se`,
        },
        CONTACT_DETAILS_AUDIENCE,
      ),
    ]),
    ago(28),
  );
  const lists = [
    draft('alarm.listSaved', {
      listId: 'list_ckl_analys',
      name: 'CKL Analys',
      target: { kind: 'ckl', fn: 'analysis' },
      members: ['ct_sofia', 'ct_johan', 'ct_amira', 'ct_karl'],
      quota: 2,
      timeoutSeconds: 600,
      channels: ['sms', 'email', 'console'],
    }),
    draft('alarm.listSaved', {
      listId: 'list_ckl_info',
      name: 'CKL Information',
      target: { kind: 'ckl', fn: 'information' },
      members: ['ct_erik', 'ct_maja'],
      quota: 1,
      timeoutSeconds: 600,
      channels: ['sms', 'console'],
    }),
    ...(farsta
      ? [
          draft('alarm.listSaved', {
            listId: 'list_farsta_krisorg',
            name: 'Farsta krisledning',
            target: { kind: 'district', districtId: 'farsta' },
            members: ['ct_tove', 'ct_ali'],
            quota: 1,
            timeoutSeconds: 900,
            channels: ['sms', 'console'],
          }),
        ]
      : []),
    draft('alarm.templateSaved', {
      templateId: 'tpl_ckl',
      name: 'Inkallning CKL',
      text: 'Hej {namn}! Du larmas till {lista} med anledning av: {rubrik}. Inställelse Stadshuset, ingång Ragnar Östbergs plan.',
    }),
    draft('alarm.planSaved', {
      level: 'extraordinary',
      listIds: ['list_ckl_analys', 'list_ckl_info'],
      templateId: 'tpl_ckl',
    }),
    draft('duty.shiftSaved', {
      shiftId: 'shift_demo_1',
      duty: 'ckl:analysis',
      personName: 'Sofia Wikström',
      userId: 'analys',
      contactId: 'ct_sofia',
      from: new Date(ago(6 * 60)).toISOString(),
      to: inMin(2 * 60),
    }),
    draft('duty.shiftSaved', {
      shiftId: 'shift_demo_2',
      duty: 'ckl:analysis',
      personName: 'Johan Lind',
      contactId: 'ct_johan',
      from: inMin(2 * 60),
      to: inMin(14 * 60),
    }),
    draft('duty.shiftSaved', {
      shiftId: 'shift_demo_3',
      duty: 'ckl_lead',
      personName: 'Lena Nyström',
      userId: 'stabschef',
      from: new Date(ago(4 * 60)).toISOString(),
      to: inMin(8 * 60),
    }),
  ];
  await real.appendSystem(admin, 'demo:alarm:lists', lists, ago(27));

  // One finished alarm: two called, one could not come, the reserve came; staffed.
  const alarmId = 'alarm_demo_1';
  const key = (c: string) => recipientKey('list_ckl_analys', c);
  const queue = (contactId: string, name: string, orderIndex: number, reserveFor?: string) =>
    draft('alarm.recipientQueued', {
      alarmId,
      key: key(contactId),
      listId: 'list_ckl_analys',
      contactId,
      name,
      orderIndex,
      channels: ['sms', 'email'],
      deadline: inMin(-15),
      ...(reserveFor ? { reserveFor: key(reserveFor) } : {}),
    });
  const sent = (contactId: string) =>
    (['sms', 'email'] as const).map((channel) =>
      draft('alarm.sendRecorded', {
        alarmId,
        key: key(contactId),
        n: 1,
        channel,
        // The demo has no provider: its history says so, as a real run without one would (R163).
        via: 'outbox',
        ok: true,
        delivered: false,
        attempt: 1,
      }),
    );
  const lead = by('stabschef');
  await real.appendSystem(
    lead,
    'demo:alarm:1',
    [
      draft('alarm.started', {
        alarmId,
        title: 'Elavbrott Söderort – förstärkning analys',
        message:
          'Hej {namn}! Du larmas till {lista} med anledning av: Elavbrott Söderort – förstärkning analys. Inställelse Stadshuset, ingång Ragnar Östbergs plan.',
        eventId: 'evt_demo_soderort',
        exercise: false,
        realChannels: false,
        lists: [
          {
            listId: 'list_ckl_analys',
            name: 'CKL Analys',
            quota: 2,
            timeoutSeconds: 600,
            order: ['ct_sofia', 'ct_johan', 'ct_amira', 'ct_karl'],
          },
        ],
      }),
      queue('ct_sofia', 'Sofia Wikström', 0),
      queue('ct_johan', 'Johan Lind', 1),
    ],
    ago(25),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:2',
    [...sent('ct_sofia'), ...sent('ct_johan')],
    ago(25),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:3',
    [
      draft('alarm.answered', {
        alarmId,
        key: key('ct_sofia'),
        answer: 'coming',
        etaMinutes: 15,
        via: 'link',
      }),
    ],
    ago(23),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:4',
    [
      draft('alarm.answered', { alarmId, key: key('ct_johan'), answer: 'cannot', via: 'link' }),
      queue('ct_amira', 'Amira Said', 2, 'ct_johan'),
      ...sent('ct_amira'),
    ],
    ago(20),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:5',
    [
      draft('alarm.answered', {
        alarmId,
        key: key('ct_amira'),
        answer: 'coming',
        etaMinutes: 30,
        via: 'link',
      }),
      draft('alarm.listStaffed', { alarmId, listId: 'list_ckl_analys', stoodDown: [] }),
      draft('alarm.staffed', { alarmId }),
    ],
    ago(16),
  );
}
