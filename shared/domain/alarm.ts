/**
 * Alarm and call-in (larm och inkallning), duty schedules and handovers (överlämning).
 * Rules R40–R59 in docs/rules.md. The state holds the current picture; the log holds history.
 */
import { z } from 'zod';
import { CKL_FUNCTIONS, CKL_FUNCTION_LABEL, CklFunction, Level, Role } from './vocabulary';
import type { ActorRef, Audience } from './refs';
import { emptyTable, tableGet, type Table } from './table';

/** What a call list (larmlista) staffs. */
export const ListTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ckl'), fn: CklFunction }).strict(),
  z.object({ kind: z.literal('ckl_lead') }).strict(),
  z.object({ kind: z.literal('district'), districtId: z.string().min(1).max(80) }).strict(),
  z
    .object({
      kind: z.literal('crisis_support'),
      districtId: z.string().min(1).max(80).optional(),
    })
    .strict(),
  /** The crisis board's kallelse (R191): every member is called, none is a reserve. */
  z.object({ kind: z.literal('board') }).strict(),
]);
export type ListTarget = z.infer<typeof ListTarget>;

/** Where a message can go. `outbox` is the embedded default: written to the log, never sent. */
export const CHANNEL_KINDS = ['sms', 'email', 'webhook', 'console', 'outbox'] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;
export const CHANNEL_LABEL: Record<ChannelKind, string> = {
  sms: 'SMS',
  email: 'E-post',
  webhook: 'Webhook',
  console: 'Konsolen',
  outbox: 'Utkorg (skickas inte)',
};
/** Channels that reach a real person outside the console; an exercise uses them only if allowed (R50). */
export const REAL_CHANNELS: readonly ChannelKind[] = ['sms', 'email', 'webhook'];

export const RECIPIENT_STATES = [
  'queued', // köad: chosen, nothing sent yet
  'sent', // skickat: at least one channel handed the message on
  'delivered', // levererat: a provider confirmed delivery, or the person opened the link
  'reminded', // påmind: silent past the timeout, one reminder sent (R43)
  'acknowledged', // kommer, with ETA
  'declined', // kan inte komma
  'replaced', // ersatt: silent after the reminder, the next reserve was called
  'no_answer', // inget svar, and no reserve left to call
  'stood_down', // avbruten: the alarm was cancelled before the person answered
] as const;
export const RecipientState = z.enum(RECIPIENT_STATES);
export type RecipientState = z.infer<typeof RecipientState>;
export const RECIPIENT_STATE_LABEL: Record<RecipientState, string> = {
  queued: 'Köad',
  sent: 'Skickat',
  delivered: 'Levererat',
  reminded: 'Påmind',
  acknowledged: 'Kommer',
  declined: 'Kan inte komma',
  replaced: 'Ersatt av reserv',
  no_answer: 'Inget svar',
  stood_down: 'Avbruten',
};
/** States in which a person has been asked and has not yet answered. */
export const WAITING_STATES: readonly RecipientState[] = [
  'queued',
  'sent',
  'delivered',
  'reminded',
];
/** States in which an answer is still taken (a late "coming" is good news, R48). */
export const ANSWERABLE_STATES: readonly RecipientState[] = [
  ...WAITING_STATES,
  'replaced',
  'no_answer',
];

/** Who may read contact details (phone, e-mail) besides the roles that see everything (R49). */
export const CONTACT_DETAILS_AUDIENCE: Audience = { roles: ['admin', 'ckl_admin'] };

export interface Contact {
  id: string;
  name: string;
  /** The account, when the person has one: they can then answer in the console. */
  userId?: string;
  role?: Role;
  /** Free-text function/title, e.g. "Analytiker". */
  title?: string;
  districtId?: string;
  unitId?: string;
  available: boolean;
  updatedAt: string;
}
export interface ContactDetails {
  phone?: string;
  email?: string;
}

export interface CallList {
  id: string;
  name: string;
  target: ListTarget;
  /** Ordered: the first `quota` are called first, the rest are reserves in order. */
  members: string[];
  quota: number;
  /** Silence this long gets a reminder, and as long again a replacement (R43). */
  timeoutSeconds: number;
  channels: ChannelKind[];
  updatedAt: string;
}

export interface MessageTemplate {
  id: string;
  name: string;
  /** Placeholders: {namn}, {lista}, {rubrik}. The answer link is always appended. */
  text: string;
}

export interface AlarmPlan {
  level: Level;
  listIds: string[];
  templateId?: string;
}

export interface SendRecord {
  /** 1 = first message, 2 = reminder. */
  n: number;
  channel: ChannelKind;
  /** The channel that really carried it, when another than asked for (the outbox stood in). */
  via?: ChannelKind;
  status: 'pending' | 'sent' | 'failed' | 'gave_up';
  attempts: number;
  /**
   * The attempt whose hand-over to the channel began (R128): made durable before the send, so
   * `started > attempts` means that attempt's outcome is unknown and a worker resumes it.
   */
  started?: number;
  lastError?: string;
  /** When the next attempt is due (status failed). */
  retryAt?: string;
  at?: string;
}

export interface Recipient {
  key: string;
  contactId: string;
  listId: string;
  name: string;
  state: RecipientState;
  /** Why this person was called: initial, or as reserve for whom. */
  reserveFor?: string;
  queuedAt: string;
  /** When silence next counts (reminder, then replacement). */
  deadline: string;
  channels: ChannelKind[];
  sends: Record<string, SendRecord>;
  tokenHash?: string;
  etaMinutes?: number;
  answeredAt?: string;
  answeredVia?: 'link' | 'console' | 'recorded';
  comment?: string;
}

export interface AlarmListProgress {
  listId: string;
  name: string;
  quota: number;
  timeoutSeconds: number;
  /** Contact ids in calling order (frozen at start). */
  order: string[];
  /** Index in `order` of the next reserve to call. */
  next: number;
  filled: number;
  staffedAt?: string;
  /** No one left to call while the quota is not filled (R46). */
  exhausted: boolean;
}

export interface Alarm {
  id: string;
  title: string;
  message: string;
  eventId?: string;
  level?: Level;
  exercise: boolean;
  /** Only for exercises: the exercise explicitly allows real channels (R50). */
  realChannels: boolean;
  status: 'active' | 'staffed' | 'cancelled';
  startedAt: string;
  startedBy: ActorRef;
  completedAt?: string;
  lists: Record<string, AlarmListProgress>;
  listOrder: string[];
  /** By recipient key (`recipientKey`), in the order they were called. */
  recipients: Table<Recipient>;
}

export interface LinkToken {
  alarmId: string;
  key: string;
  expiresAt: string;
  usedAt?: string;
}

/** A duty shift (who is on when); the boundaries are the relief times (avlösning). */
export interface DutyShift {
  id: string;
  duty: string;
  personName: string;
  userId?: string;
  contactId?: string;
  from: string;
  to: string;
}

export interface HandoverSummary {
  since?: string;
  decisions: { id: string; at: string; what: string; by: string }[];
  openTasks: { id: string; title: string; status: string; deadline?: string; overdue: boolean }[];
  situation: { districtId: string; name: string; status: string; at: string; needs: string }[];
  unanswered: { kind: string; text: string; since?: string }[];
  alarms: { id: string; title: string; status: string; filled: number; quota: number }[];
}

export interface Handover {
  id: string;
  duty: string;
  at: string;
  by: ActorRef;
  toUserId: string;
  note: string;
  summary: HandoverSummary;
  acknowledgedAt?: string;
}

export interface AlarmState {
  contacts: Table<Contact>;
  /** Kept apart so they can be withheld from who may not see them (R49). */
  contactDetails: Table<ContactDetails>;
  lists: Record<string, CallList>;
  templates: Record<string, MessageTemplate>;
  plans: Partial<Record<Level, AlarmPlan>>;
  alarms: Record<string, Alarm>;
  alarmOrder: string[];
  /** One-time answer links by token hash (the token itself is never stored, R47). */
  tokens: Table<LinkToken>;
  duty: Record<string, DutyShift>;
  handovers: Record<string, Handover>;
  handoverOrder: string[];
}

export const emptyAlarmState = (): AlarmState => ({
  contacts: emptyTable(),
  contactDetails: emptyTable(),
  lists: {},
  templates: {},
  plans: {},
  alarms: {},
  alarmOrder: [],
  tokens: emptyTable(),
  duty: {},
  handovers: {},
  handoverOrder: [],
});

/** How many alarms and handovers the live state keeps; the log keeps them all. */
export const ALARMS_KEPT = 50;
export const HANDOVERS_KEPT = 100;
/** A one-time link is valid this long after it was issued. */
export const LINK_TTL_MS = 24 * 3600_000;
/**
 * Send attempts per channel and message before giving up, and the wait before each retry
 * (R51): 0.25, 0.5, 1, 2, 4, 8 s — about 16 s in all. A provider's one-off 503 costs a
 * quarter of a second, not a whole one (it set the floor of "every first message out" in the
 * alarm benchmark), and a provider that is down is given as long as before.
 */
export const MAX_SEND_ATTEMPTS = 7;
export const retryDelayMs = (attempt: number): number => Math.min(60_000, 250 * 2 ** (attempt - 1));

export const recipientKey = (listId: string, contactId: string): string => `${listId}~${contactId}`;
export const sendKey = (n: number, channel: ChannelKind): string => `${n}:${channel}`;
export const isExerciseSpace = (space: string): boolean => space.startsWith('exercise-');

/** The duty a list staffs, as a key shared with duty schedules. */
export function dutyOfTarget(t: ListTarget): string {
  switch (t.kind) {
    case 'ckl':
      return `ckl:${t.fn}`;
    case 'ckl_lead':
      return 'ckl_lead';
    case 'district':
      return `district:${t.districtId}`;
    case 'crisis_support':
      return t.districtId ? `crisis_support:${t.districtId}` : 'crisis_support';
    case 'board':
      return 'board';
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** The duties a schedule or handover can name (R54): what a call list can staff. */
export type DutyRef =
  | { kind: 'ckl'; fn: CklFunction }
  | { kind: 'ckl_lead' }
  | { kind: 'district'; districtId: string }
  | { kind: 'crisis_support'; districtId?: string }
  | { kind: 'board' }
  /** The deputy on duty for the director or the security chief (tjänstgörande, R208). */
  | { kind: 'director' }
  | { kind: 'security_chief' };

/** Reads a duty key (`ckl:analysis`, `ckl_lead`, `district:farsta`, `crisis_support[:id]`). */
export function parseDuty(duty: string): DutyRef | null {
  const [head, rest, extra] = duty.split(':');
  if (extra !== undefined) return null;
  switch (head) {
    case 'ckl':
      return rest && (CKL_FUNCTIONS as readonly string[]).includes(rest)
        ? { kind: 'ckl', fn: rest as CklFunction }
        : null;
    case 'ckl_lead':
      return rest === undefined ? { kind: 'ckl_lead' } : null;
    case 'board':
      return rest === undefined ? { kind: 'board' } : null;
    case 'director':
    case 'security_chief':
      return rest === undefined ? { kind: head } : null;
    case 'district':
      return rest ? { kind: 'district', districtId: rest } : null;
    case 'crisis_support':
      return rest === undefined
        ? { kind: 'crisis_support' }
        : rest
          ? { kind: 'crisis_support', districtId: rest }
          : null;
    default:
      return null;
  }
}

/** The district a duty belongs to, if any (a TiB plans those, R54). */
export const districtOfDuty = (duty: string): string | undefined => {
  const d = parseDuty(duty);
  return d && 'districtId' in d ? d.districtId : undefined;
};

/** A duty's name for people: "CKL Analys", "TiB Farsta", "POSOM Farsta". */
export function dutyLabel(duty: string, districtName: (id: string) => string = (id) => id): string {
  const d = parseDuty(duty);
  if (!d) return duty;
  switch (d.kind) {
    case 'ckl':
      return `CKL ${CKL_FUNCTION_LABEL[d.fn]}`;
    case 'ckl_lead':
      return 'Stabschef CKL';
    case 'district':
      return `Krisorganisation ${districtName(d.districtId)}`;
    case 'crisis_support':
      return d.districtId
        ? `Krisstöd (POSOM) ${districtName(d.districtId)}`
        : 'Krisstöd (POSOM), centralt';
    case 'board':
      return 'Krisledningsnämnden';
    case 'director':
      return 'Tjänstgörande stadsdirektör';
    case 'security_chief':
      return 'Tjänstgörande säkerhetschef';
    default: {
      const never: never = d;
      return never;
    }
  }
}

/**
 * One staffing model (R250): the CKL roster's posts are duties of the duty schedule, so the
 * Administration roster, Bemanning and the call-in board read the same shifts.
 */
export function postDuty(post: 'lead' | CklFunction): string {
  return post === 'lead' ? 'ckl_lead' : `ckl:${post}`;
}

/** The roster post a duty is, if it is one of CKL's (the lead or a function). */
export function dutyPost(duty: string): 'lead' | CklFunction | undefined {
  const d = parseDuty(duty);
  if (!d) return undefined;
  if (d.kind === 'ckl_lead') return 'lead';
  return d.kind === 'ckl' ? d.fn : undefined;
}

/** Who is on a duty at a time: a shift covers [from, to); its end is the relief time (R54). */
export const onDuty = (s: Pick<AlarmState, 'duty'>, duty: string, at: string): DutyShift[] =>
  Object.values(s.duty)
    .filter(
      (sh) =>
        sh.duty === duty &&
        Date.parse(sh.from) <= Date.parse(at) &&
        Date.parse(at) < Date.parse(sh.to),
    )
    .sort((a, b) => a.from.localeCompare(b.from));

/** One recipient of an alarm, if the alarm and the recipient exist. */
export const recipientOf = (a: Alarm | undefined, key: string): Recipient | undefined =>
  a ? tableGet(a.recipients, key) : undefined;
