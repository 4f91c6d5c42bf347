/**
 * Who receives what (R18). An item without an audience is seen by everyone in the space; a
 * restricted one by its own districts or units and the central roles.
 */
import type { Actor } from './domain/actor';
import type { Audience, CityState } from './domain/state';
import type { Role } from './domain/vocabulary';
import { isExerciseSpace, type ExerciseSummary } from './domain/exercise';
import { CONTACT_DETAILS_AUDIENCE, type ContactDetails } from './domain/alarm';
import { emptyTable } from './domain/table';
import { SHARE_AUDIENCE, emptyShareState } from './domain/share';
import { lookup } from './domain/keyed';
import { tableFilter, tableGet as tableFilterGet, tableSet, tableValues } from './domain/table';
import type { CardsState, StepState } from './cards/model';
import type { FilesState } from './files/model';

/** Roles that see every restricted item: they lead the city's crisis work. */
const SEES_ALL: readonly Role[] = [
  'chair',
  'director',
  'security_chief',
  'ckl_lead',
  'ckl_analysis',
  'admin',
];

export function canSee(
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
  audience: Audience | undefined,
): boolean {
  if (!audience) return true;
  if (SEES_ALL.includes(actor.role)) return true;
  if (audience.roles?.includes(actor.role)) return true;
  if (actor.districtId && audience.districtIds?.includes(actor.districtId)) return true;
  if (actor.unitId && audience.unitIds?.includes(actor.unitId)) return true;
  return false;
}

/**
 * The actors who see exactly the same things: a key that names the class (a room of the
 * live stream), and what the audience rule is asked about for every one of them.
 */
export interface VisibilityClass {
  key: string;
  /** Sees every restricted item (the roles that lead the crisis work). */
  all: boolean;
  /** Who stands for the class when an event's audience is checked. */
  member: Pick<Actor, 'role' | 'districtId' | 'unitId'>;
}

export function visibilityClassOf(
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
): VisibilityClass {
  const member = {
    role: actor.role,
    ...(actor.districtId ? { districtId: actor.districtId } : {}),
    ...(actor.unitId ? { unitId: actor.unitId } : {}),
  };
  if (SEES_ALL.includes(actor.role)) return { key: 'all', all: true, member };
  return {
    key: `${actor.role}|${actor.districtId ?? ''}|${actor.unitId ?? ''}`,
    all: false,
    member,
  };
}

/** The key of the actor's class: the same for every actor who sees exactly the same things. */
export const visibilityClass = (actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>): string =>
  visibilityClassOf(actor).key;

/** The state as this actor may see it (for snapshots). */
export function redactState(
  state: CityState,
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
): CityState {
  if (SEES_ALL.includes(actor.role)) return state;
  const log = state.log.filter((e) => canSee(actor, e.audience));
  const ckl = redactCkl(state.ckl, actor);
  const c = state.exercise.control;
  // R67: the script is exercise control's; a participant sees an inject once it is played.
  const exercise = c
    ? {
        ...state.exercise,
        control: {
          ...c,
          injects: Object.fromEntries(
            Object.entries(c.injects).filter(([, i]) => i.status === 'delivered'),
          ),
          injectOrder: c.injectOrder.filter((id) => lookup(c.injects, id)?.status === 'delivered'),
          messages: c.messages.filter((m) => canSee(actor, m.audience)),
        },
      }
    : state.exercise;
  // R49: phone numbers and e-mail addresses only to who may see them.
  const alarm = canSee(actor, CONTACT_DETAILS_AUDIENCE)
    ? state.alarm
    : { ...state.alarm, contactDetails: emptyTable<ContactDetails>() };
  // R98: the shares (recipients, token hashes, what was published) are the crisis staff's.
  const shares = canSee(actor, SHARE_AUDIENCE) ? state.shares : emptyShareState();
  const files = state.files ? redactFiles(state.files, actor) : undefined;
  const cards = redactCards(state.cards, actor);
  if (
    log.length === state.log.length &&
    ckl === state.ckl &&
    !c &&
    alarm === state.alarm &&
    shares === state.shares &&
    files === state.files &&
    cards === state.cards
  )
    return state;
  return { ...state, log, ckl, exercise, alarm, shares, cards, ...(files ? { files } : {}) };
}

/** Drops what the actor may not see from a record of items that carry their own audience. */
function visibleOnly<T extends { audience?: Audience }>(
  rec: Record<string, T>,
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
): Record<string, T> {
  const hidden = Object.keys(rec).filter((k) => !canSee(actor, lookup(rec, k)!.audience));
  if (hidden.length === 0) return rec;
  const out = { ...rec };
  for (const k of hidden) delete out[k];
  return out;
}

/** R219, R221: attachments of records the actor may not see, and documents not for their role. */
function redactFiles(
  files: FilesState,
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
): FilesState {
  const hiddenAtt = files.attachments.keys.some(
    (k) => !canSee(actor, tableFilterGet(files.attachments, k)?.audience),
  );
  const hiddenDoc = files.documents.keys.some((k) => {
    const d = tableFilterGet(files.documents, k);
    return d !== undefined && d.roles.length > 0 && !canSee(actor, { roles: d.roles });
  });
  if (!hiddenAtt && !hiddenDoc) return files;
  return {
    attachments: hiddenAtt
      ? tableFilter(files.attachments, (a) => canSee(actor, a.audience))
      : files.attachments,
    documents: hiddenDoc
      ? tableFilter(
          files.documents,
          (d) => d.roles.length === 0 || canSee(actor, { roles: d.roles }),
        )
      : files.documents,
  };
}

/**
 * A step ticked by an event the actor may not see is open to them, as it is on a console that
 * was never sent the event; its due time stays (R251).
 */
function redactCards(
  cards: CardsState,
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
): CardsState {
  const unseen = (st: StepState) => st.audience !== undefined && !canSee(actor, st.audience);
  const touched = tableValues(cards.instances).filter((inst) => inst.steps.some(unseen));
  if (touched.length === 0) return cards;
  let instances = cards.instances;
  for (const inst of touched) {
    const steps = inst.steps.map((st): StepState =>
      unseen(st) ? { id: st.id, status: 'open', ...(st.dueAt ? { dueAt: st.dueAt } : {}) } : st,
    );
    instances = tableSet(instances, inst.id, { ...inst, steps });
  }
  return { ...cards, instances };
}

/** CKL drafts and staff-support requests are restricted (R29, R30, R34). */
function redactCkl(
  ckl: CityState['ckl'],
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
): CityState['ckl'] {
  const sitreps = visibleOnly(ckl.sitreps, actor);
  const messages = visibleOnly(ckl.messages, actor);
  const staffSupport = visibleOnly(ckl.staffSupport, actor);
  return sitreps === ckl.sitreps && messages === ckl.messages && staffSupport === ckl.staffSupport
    ? ckl
    : { ...ckl, sitreps, messages, staffSupport };
}

/**
 * R68: the real space is everyone's; an exercise space is its participants' (they were
 * copied into its genesis) and the administrators'.
 */
export function maySeeSpace(
  actor: Pick<Actor, 'userId' | 'role'>,
  state: Pick<CityState, 'space' | 'users'>,
): boolean {
  if (!isExerciseSpace(state.space)) return true;
  return actor.role === 'admin' || lookup(state.users, actor.userId)?.active === true;
}

/**
 * R68 as the real space sees an exercise: the same people `maySeeSpace` lets into its space, from
 * the summary the real log keeps (its participants are the users copied into the genesis), so
 * a console lists, enters and replays exactly the exercises the server will let it subscribe to.
 */
export const takesPartIn = (
  actor: Pick<Actor, 'userId' | 'role'>,
  exercise: Pick<ExerciseSummary, 'participants'>,
): boolean => actor.role === 'admin' || exercise.participants.includes(actor.userId);
