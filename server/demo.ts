import type { Actor } from '../shared/domain/actor';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { draft, type EventData, type EventDraft } from '../shared/events';
import type { Accounts } from './auth/accounts';
import { hashPassword } from './auth/passwords';
import type { Space } from './space';
import { demoBoardRoster, seedDemoBoardMeetings } from './demoBoard';
import { handleCommand } from '../shared/handleCommand';
import { isRefusal } from '../shared/errors';
import { seedDemoAlarm } from './demoAlarm';
import { seedCklDemo } from './demoCkl';
import { DEMO_PASSWORD, type DemoUser, asActor, demoUsers } from './demoPeople';

/** How far back the demo's history reaches: a month of delegations, then the morning's events. */
const DEMO_HISTORY_MINUTES = 60 * 24 * 30 + 5;

/** The demo's history met its own commands in the log: another node is writing it. */
class SeededElsewhere extends Error {}

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
