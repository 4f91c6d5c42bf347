/**
 * Action cards (åtgärdskort): an ordered list of steps for one role or CKL function and one
 * trigger. The shape is checked at run time so a card from a file or an editor is refused
 * before it reaches the reducer.
 */
import { z } from 'zod';
import { CklFunction, Role } from '../domain/vocabulary';
import type { ActorRef, Audience } from '../domain/refs';
import { emptyTable, type Table } from '../domain/table';

/** What opens a card (the events are derived in shared/cards/triggers.ts). */
export const CARD_TRIGGERS = [
  'disruption_opened', // a disruption opened in my area
  'event_serious', // an event raised to serious
  'ckl_activated', // CKL activated for an event
  'function_activated', // one CKL function activated
  'extraordinary', // extraordinary declared
  'heightened_alert', // höjd beredskap recorded
  'alarm_received', // an alarm reaches me
  'exercise_started', // an exercise started (in its own space)
] as const;
export const CardTrigger = z.enum(CARD_TRIGGERS);
export type CardTrigger = z.infer<typeof CardTrigger>;

export const CARD_TRIGGER_LABEL: Record<CardTrigger, string> = {
  disruption_opened: 'Störning i mitt område',
  event_serious: 'Allvarlig händelse',
  ckl_activated: 'CKL aktiverad',
  function_activated: 'Funktionen aktiverad',
  extraordinary: 'Extraordinär händelse',
  heightened_alert: 'Höjd beredskap',
  alarm_received: 'Larm till mig',
  exercise_started: 'Övning startad',
};

/** Whose card it is: a role, a CKL function, or the person the trigger names (the alarmed). */
export const CardHolder = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: Role }).strict(),
  z.object({ kind: z.literal('function'), fn: CklFunction }).strict(),
  z.object({ kind: z.literal('named') }).strict(),
]);
export type CardHolder = z.infer<typeof CardHolder>;

/** The console action that fulfils a step, as an event type in the log and optional matches. */
export const FulfilledBy = z
  .object({
    type: z.string().min(1).max(80),
    /** The decision kind, for `decision.recorded`. */
    kind: z.string().min(1).max(80).optional(),
    /** Case-insensitive text one of a decision's `informed` entries must contain. */
    informed: z.string().min(1).max(80).optional(),
  })
  .strict();
export type FulfilledBy = z.infer<typeof FulfilledBy>;

const StepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Stegets id: små bokstäver, siffror, - och _.');

export const CardStep = z
  .object({
    id: StepId,
    text: z.string().trim().min(1, 'Ange stegets text.').max(300),
    guidance: z.string().trim().max(2000).optional(),
    /** Minutes after the trigger by which the step should be done ("inom 30 min"). */
    deadlineMinutes: z
      .number()
      .int()
      .min(1)
      .max(14 * 24 * 60)
      .optional(),
    fulfilledBy: FulfilledBy.optional(),
    /** The passage of the city's plans the step is written from. */
    source: z.string().trim().max(500).optional(),
    /** Library documents (their ids) the step points to: the plan to read while doing it. */
    documents: z.array(z.string().min(1).max(80)).max(10).optional(),
  })
  .strict();
export type CardStep = z.infer<typeof CardStep>;

export const CardDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/, 'Kortets id: små bokstäver och siffror.'),
    version: z.number().int().positive(),
    title: z.string().trim().min(1).max(200),
    holder: CardHolder,
    trigger: CardTrigger,
    steps: z.array(CardStep).min(1, 'Ett kort har minst ett steg.').max(40),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.steps.forEach((st, i) => {
      if (seen.has(st.id))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'id'],
          message: `Steg-id ${st.id} finns redan.`,
        });
      seen.add(st.id);
    });
    if (c.trigger === 'function_activated' && c.holder.kind !== 'function')
      ctx.addIssue({ code: 'custom', path: ['holder'], message: 'Kortet gäller en funktion.' });
  });
export type CardDefinition = z.infer<typeof CardDefinition>;

export type StepStatus = 'open' | 'done' | 'not_applicable';

/** One step of a running card. */
export interface StepState {
  id: string;
  status: StepStatus;
  /** When it is due, from the trigger time and the step's deadline. */
  dueAt?: string;
  at?: string;
  by?: ActorRef;
  reason?: string;
  /** Seq of the log event that fulfilled a step bound to an action. */
  fulfilledBySeq?: number;
  fulfilledByType?: string;
  /**
   * The audience of a restricted event that fulfilled the step: a console that may not see the
   * event never received it, so the tick is not theirs either (R251).
   */
  audience?: Audience;
}

/** A card opened by a trigger; keeps the card version it started with. */
export interface CardInstance {
  /** `<trigger seq>~<card id>`: one per trigger event and card, the same on every console. */
  id: string;
  card: CardDefinition;
  trigger: CardTrigger;
  triggerSeq: number;
  openedAt: string;
  eventId?: string;
  districtId?: string;
  unitId?: string;
  /** The named person, for cards held by whoever the trigger names. */
  userId?: string;
  steps: StepState[];
}

/** One saved version of a card: who saved it and when (R236). */
export interface CardVersion {
  card: CardDefinition;
  at: string;
  by: ActorRef;
}

/** A card edited in the console: its saved versions, oldest first, and whether it is retired. */
export interface CardRecord {
  id: string;
  /** The newest saved versions (at most CARD_VERSIONS_KEPT; the log holds every one). */
  versions: CardVersion[];
  retired?: { at: string; by: ActorRef; version: number; reason?: string };
}

/** How many saved versions of one card the live state keeps for the history view. */
export const CARD_VERSIONS_KEPT = 25;

export interface CardsState {
  /** Keyed by instance id through own-property lookups (shared/domain/table.ts), in open order. */
  instances: Table<CardInstance>;
  /** Cards saved or retired in the console, by card id; shipped cards not listed are as shipped. */
  library?: Table<CardRecord>;
}

export const emptyCardsState = (): CardsState => ({ instances: emptyTable() });

export const instanceKey = (seq: number, cardId: string): string => `${seq}~${cardId}`;
