/**
 * Alarm and call-in (larm och inkallning), duty schedules and handovers. Rules R40–R59 in
 * docs/rules.md. System commands (dispatch results, timers, link answers) are issued by the
 * server as SYSTEM_ACTOR; their policy refuses everyone else.
 */
import { z } from 'zod';
import { defineCommand, type DecideContext } from './define';
import { draft, type EventDraft } from '../events';
import { Id, IsoTime } from '../events/schemas';
import { Level, LEVEL_LABEL, Role } from '../domain/vocabulary';
import type { Actor } from '../domain/actor';
import type { CityState } from '../domain/state';
import {
  ANSWERABLE_STATES,
  CONTACT_DETAILS_AUDIENCE,
  ChannelKind,
  ListTarget,
  REAL_CHANNELS,
  WAITING_STATES,
  districtOfDuty,
  dutyOfTarget,
  isExerciseSpace,
  parseDuty,
  recipientKey,
  type Alarm,
  type CallList,
  type HandoverSummary,
  type LinkToken,
  recipientOf,
} from '../domain/alarm';
import { refuse, type Refusal } from '../errors';
import { fillTemplate, unknownPlaceholders } from '../text/template';
import { actsAs, allow, forbid, isReadOnly, when, type Verdict } from '../policy/predicates';
import { tableGet, tableValues, emptyTable } from '../domain/table';

// ---------------------------------------------------------------------------------------------
// Policy (R40, R41, R48, R54, R55)
// ---------------------------------------------------------------------------------------------

/** R40: the contact directory, call lists, templates and plans are kept by administrators. */
const mayAdministerAlarm = (a: Actor, s: CityState, now: string): Verdict =>
  when(
    actsAs(a, s, now, 'admin', 'ckl_admin'),
    'Endast en administratör eller administrativa funktionen kan ändra kontakter, larmlistor och mallar.',
  );

/** R41: director, security chief and CKL lead alarm any list; a TiB only their own district's. */
export function mayAlarmList(a: Actor, s: CityState, now: string, list: CallList): boolean {
  if (actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead')) return true;
  const t = list.target;
  return (
    a.role === 'district_officer' &&
    !!a.districtId &&
    (t.kind === 'district' || t.kind === 'crisis_support') &&
    t.districtId === a.districtId
  );
}
const ALARM_FORBIDDEN =
  'Endast stadsdirektören, säkerhetschefen eller stabschefen kan larma – en TiB bara sitt eget stadsdelsområdes listor.';

const systemOnly = (): Verdict => forbid('Det här kommandot används bara av systemet.');

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

const Name = z.string().trim().min(1, 'Ange namn.').max(120, 'Namnet får vara högst 120 tecken.');
/** E.164-ish: a leading + and 7–15 digits (spaces and dashes are removed before). */
export const Phone = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(
    z.string().regex(/^\+?[0-9]{7,15}$/, 'Telefonnumret ska vara 7–15 siffror, gärna med +46.'),
  );
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .email('E-postadressen är inte giltig.')
  .max(200);
const MemberIds = z.array(Id).max(2000, 'En larmlista får ha högst 2000 personer.');

export const ContactInput = z
  .object({
    contactId: Id.optional(),
    name: Name,
    userId: Id.optional(),
    role: Role.optional(),
    title: z.string().trim().max(120).optional(),
    districtId: Id.optional(),
    unitId: Id.optional(),
    phone: Phone.optional(),
    email: Email.optional(),
    available: z.boolean().default(true),
  })
  .strict();
type ContactInput = z.output<typeof ContactInput>;

function contactDrafts(p: ContactInput, s: CityState, id: string): EventDraft[] | Refusal {
  if (p.districtId && !s.districts[p.districtId])
    return refuse('INVALID', `Okänt stadsdelsområde: ${p.districtId}.`);
  if (p.userId && !s.users[p.userId]) return refuse('INVALID', `Okänt konto: ${p.userId}.`);
  return [
    draft('alarm.contactSaved', {
      contactId: id,
      name: p.name,
      userId: p.userId,
      role: p.role,
      title: p.title,
      districtId: p.districtId,
      unitId: p.unitId,
      available: p.available,
    }),
    draft(
      'alarm.contactDetailsSaved',
      { contactId: id, phone: p.phone, email: p.email },
      CONTACT_DETAILS_AUDIENCE,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Directory, lists, templates, plans (R40)
// ---------------------------------------------------------------------------------------------

export const saveContact = defineCommand({
  label: 'Spara kontakt',
  payload: ContactInput,
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, s, ctx) => contactDrafts(p, s, p.contactId ?? ctx.newId('contact')),
});

export const importContacts = defineCommand({
  label: 'Importera kontakter',
  payload: z
    .object({
      rows: z
        .array(ContactInput.required({ contactId: true }))
        .min(1, 'Inga rader att importera.')
        .max(5000, 'Högst 5000 rader per import.'),
    })
    .strict(),
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, s) => {
    const out: EventDraft[] = [];
    for (const [i, row] of p.rows.entries()) {
      const d = contactDrafts(row, s, row.contactId);
      if ('refused' in d) return refuse('INVALID', `Rad ${i + 1}: ${d.message}`);
      out.push(...d);
    }
    return out;
  },
});

export const removeContact = defineCommand({
  label: 'Ta bort kontakt',
  payload: z.object({ contactId: Id }).strict(),
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, s) =>
    tableGet(s.alarm.contacts, p.contactId)
      ? [draft('alarm.contactRemoved', p)]
      : refuse('NOT_FOUND', 'Kontakten finns inte.'),
});

export const saveList = defineCommand({
  label: 'Spara larmlista',
  payload: z
    .object({
      listId: Id.optional(),
      name: Name,
      target: ListTarget,
      members: MemberIds,
      quota: z.number().int().min(1, 'Kvoten ska vara minst 1.').max(2000),
      timeoutSeconds: z
        .number()
        .min(0.2)
        .max(24 * 3600, 'Svarstiden får vara högst ett dygn.')
        .default(600),
      channels: z
        .array(ChannelKind)
        .min(1, 'Välj minst en kanal.')
        .default(['sms', 'email', 'console']),
    })
    .strict(),
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, s, ctx) => {
    if (new Set(p.members).size !== p.members.length)
      return refuse('INVALID', 'Samma person står två gånger i listan.');
    const missing = p.members.find((c) => !tableGet(s.alarm.contacts, c));
    if (missing) return refuse('NOT_FOUND', `Kontakten finns inte: ${missing}.`);
    if ('districtId' in p.target && p.target.districtId && !s.districts[p.target.districtId])
      return refuse('INVALID', `Okänt stadsdelsområde: ${p.target.districtId}.`);
    if (p.quota > p.members.length)
      return refuse('INVALID', 'Kvoten kan inte vara större än antalet personer i listan.');
    return [
      draft('alarm.listSaved', {
        listId: p.listId ?? ctx.newId('list'),
        name: p.name,
        target: p.target,
        members: p.members,
        quota: p.quota,
        timeoutSeconds: p.timeoutSeconds,
        channels: [...new Set(p.channels)],
      }),
    ];
  },
});

export const removeList = defineCommand({
  label: 'Ta bort larmlista',
  payload: z.object({ listId: Id }).strict(),
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, s) =>
    s.alarm.lists[p.listId]
      ? [draft('alarm.listRemoved', p)]
      : refuse('NOT_FOUND', 'Larmlistan finns inte.'),
});

export const saveTemplate = defineCommand({
  label: 'Spara meddelandemall',
  payload: z
    .object({
      templateId: Id.optional(),
      name: Name,
      text: z
        .string()
        .trim()
        .min(1, 'Skriv ett meddelande.')
        .max(600, 'Meddelandet får vara högst 600 tecken.'),
    })
    .strict(),
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, _s, ctx) => [
    draft('alarm.templateSaved', {
      templateId: p.templateId ?? ctx.newId('tpl'),
      name: p.name,
      text: p.text,
    }),
  ],
});

export const savePlan = defineCommand({
  label: 'Spara larmplan',
  payload: z
    .object({ level: Level, listIds: z.array(Id).min(1).max(50), templateId: Id.optional() })
    .strict(),
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, s) => {
    const missing = p.listIds.find((l) => !s.alarm.lists[l]);
    if (missing) return refuse('NOT_FOUND', `Larmlistan finns inte: ${missing}.`);
    if (p.templateId && !s.alarm.templates[p.templateId])
      return refuse('NOT_FOUND', 'Meddelandemallen finns inte.');
    return [draft('alarm.planSaved', p)];
  },
});

// ---------------------------------------------------------------------------------------------
// Alarming: start, answers, escalation (R41–R48)
// ---------------------------------------------------------------------------------------------

const deadlineAfter = (now: string, seconds: number): string =>
  new Date(Date.parse(now) + Math.round(seconds * 1000)).toISOString();

/** The channels one person is reached on: what the list asks for and the person has (R50). */
function channelsFor(
  s: CityState,
  list: CallList,
  contactId: string,
  alarm: { exercise: boolean; realChannels: boolean },
): z.output<typeof ChannelKind>[] {
  const c = tableGet(s.alarm.contacts, contactId);
  const det = tableGet(s.alarm.contactDetails, contactId) ?? {};
  const out = new Set<z.output<typeof ChannelKind>>();
  for (const ch of list.channels) {
    const reachable =
      ch === 'sms'
        ? !!det.phone
        : ch === 'email'
          ? !!det.email
          : ch === 'console'
            ? !!c?.userId
            : true;
    if (!reachable) continue;
    if (alarm.exercise && !alarm.realChannels && REAL_CHANNELS.includes(ch)) out.add('outbox');
    else out.add(ch);
  }
  if (out.size === 0) out.add('outbox');
  return [...out];
}

interface Working {
  alarm: Alarm;
  /** Per list: answered "coming" and still waiting, as the drafts so far leave them. */
  filled: Record<string, number>;
  waiting: Record<string, number>;
  next: Record<string, number>;
}

function working(a: Alarm, exclude?: string): Working {
  const filled: Record<string, number> = {};
  const waiting: Record<string, number> = {};
  const next: Record<string, number> = {};
  for (const l of Object.values(a.lists)) {
    filled[l.listId] = l.filled;
    waiting[l.listId] = 0;
    next[l.listId] = l.next;
  }
  for (const r of tableValues(a.recipients))
    if (r.key !== exclude && WAITING_STATES.includes(r.state)) waiting[r.listId] += 1;
  return { alarm: a, filled, waiting, next };
}

/**
 * Calls reserves in order until the list has enough people asked or answering "coming" to fill
 * its quota (R42, R44); says so when nobody is left (R46).
 */
function callReserves(
  s: CityState,
  w: Working,
  listId: string,
  now: string,
  reserveFor?: string,
): EventDraft[] {
  const lp = w.alarm.lists[listId];
  const list = s.alarm.lists[listId];
  if (!lp || lp.staffedAt) return [];
  const out: EventDraft[] = [];
  while (w.filled[listId] + w.waiting[listId] < lp.quota) {
    let idx = w.next[listId];
    while (idx < lp.order.length) {
      const c = tableGet(s.alarm.contacts, lp.order[idx]);
      if (c && c.available && !tableGet(w.alarm.recipients, recipientKey(listId, c.id))) break;
      idx += 1;
    }
    if (idx >= lp.order.length) {
      if (!lp.exhausted) out.push(draft('alarm.listExhausted', { alarmId: w.alarm.id, listId }));
      break;
    }
    const contactId = lp.order[idx];
    out.push(
      draft('alarm.recipientQueued', {
        alarmId: w.alarm.id,
        key: recipientKey(listId, contactId),
        listId,
        contactId,
        name: tableGet(s.alarm.contacts, contactId)?.name ?? contactId,
        orderIndex: idx,
        channels: list ? channelsFor(s, list, contactId, w.alarm) : ['outbox'],
        deadline: deadlineAfter(now, lp.timeoutSeconds),
        ...(reserveFor ? { reserveFor } : {}),
      }),
    );
    w.waiting[listId] += 1;
    w.next[listId] = idx + 1;
  }
  return out;
}

/** After a "coming": the list is staffed at its quota, the alarm when every list is (R44, R45). */
function staffing(w: Working, listId: string): EventDraft[] {
  const a = w.alarm;
  const lp = a.lists[listId];
  if (!lp || lp.staffedAt || w.filled[listId] < lp.quota) return [];
  const stoodDown = tableValues(a.recipients)
    .filter((r) => r.listId === listId && WAITING_STATES.includes(r.state))
    .map((r) => r.key);
  const out: EventDraft[] = [draft('alarm.listStaffed', { alarmId: a.id, listId, stoodDown })];
  const all = a.listOrder.every(
    (l) => l === listId || !!a.lists[l].staffedAt || w.filled[l] >= a.lists[l].quota,
  );
  if (all && a.status === 'active') out.push(draft('alarm.staffed', { alarmId: a.id }));
  return out;
}

/** {rubrik} is filled at start; {namn} and {lista} per person when the message is sent. */
function renderMessage(text: string, vars: { rubrik: string }): string {
  return fillTemplate(text, vars);
}

export const startAlarm = defineCommand({
  label: 'Larma',
  payload: z
    .object({
      title: z.string().trim().min(1, 'Ange en rubrik för larmet.').max(200),
      listIds: z.array(Id).max(50).default([]),
      /** A predefined alarm plan for a level, e.g. extraordinary: all four CKL functions. */
      planLevel: Level.optional(),
      templateId: Id.optional(),
      message: z.string().trim().max(600, 'Meddelandet får vara högst 600 tecken.').optional(),
      eventId: Id.optional(),
      /** Only in an exercise: the exercise explicitly allows real channels (R50). */
      allowRealChannels: z.boolean().default(false),
    })
    .strict(),
  authorize: (a, p, s, now) => {
    if (isReadOnly(a)) return forbid('Du har läsbehörighet och kan inte larma.');
    const ids = [...p.listIds, ...(p.planLevel ? (s.alarm.plans[p.planLevel]?.listIds ?? []) : [])];
    for (const id of ids) {
      const l = s.alarm.lists[id];
      if (l && !mayAlarmList(a, s, now, l)) return forbid(ALARM_FORBIDDEN);
    }
    if (ids.length === 0 && !actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead'))
      return forbid(ALARM_FORBIDDEN);
    if (
      p.allowRealChannels &&
      !actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead', 'admin')
    )
      return forbid(
        'Endast stadsdirektören, säkerhetschefen eller stabschefen kan tillåta riktiga kanaler i en övning.',
      );
    return allow;
  },
  decide: (p, s, ctx) => {
    const plan = p.planLevel ? s.alarm.plans[p.planLevel] : undefined;
    if (p.planLevel && !plan)
      return refuse('NOT_FOUND', `Det finns ingen larmplan för nivån ${LEVEL_LABEL[p.planLevel]}.`);
    const listIds = [...new Set([...(plan?.listIds ?? []), ...p.listIds])];
    if (listIds.length === 0)
      return refuse('INVALID', 'Välj minst en larmlista eller en larmplan.');
    const missing = listIds.find((l) => !s.alarm.lists[l]);
    if (missing) return refuse('NOT_FOUND', `Larmlistan finns inte: ${missing}.`);
    if (p.eventId && !s.events[p.eventId]) return refuse('NOT_FOUND', 'Händelsen finns inte.');
    const templateId = p.templateId ?? plan?.templateId;
    const tpl = templateId ? s.alarm.templates[templateId] : undefined;
    if (templateId && !tpl) return refuse('NOT_FOUND', 'Meddelandemallen finns inte.');
    const message = p.message || tpl?.text;
    if (!message) return refuse('INVALID', 'Skriv ett meddelande eller välj en mall.');
    const unknown = unknownPlaceholders(message);
    if (unknown.length)
      return refuse(
        'INVALID',
        `Okänd platshållare ${unknown.join(', ')} i meddelandet. Använd {namn}, {lista} eller {rubrik}.`,
      );
    const exercise = isExerciseSpace(s.space);
    if (p.allowRealChannels && !exercise)
      return refuse(
        'INVALID',
        'Riktiga kanaler används alltid vid skarpa larm; flaggan gäller bara övningar.',
      );
    const alarmId = ctx.newId('alarm');
    const lists = listIds.map((id) => {
      const l = s.alarm.lists[id];
      return {
        listId: id,
        name: l.name,
        quota: l.quota,
        timeoutSeconds: l.timeoutSeconds,
        order: [...l.members],
      };
    });
    const started = draft('alarm.started', {
      alarmId,
      title: p.title,
      message: renderMessage(message, { rubrik: p.title }),
      eventId: p.eventId,
      level: p.planLevel,
      exercise,
      realChannels: exercise && p.allowRealChannels,
      lists,
    });
    // The alarm as it stands after `started`, to call the first people on each list.
    const alarm: Alarm = {
      id: alarmId,
      title: p.title,
      message,
      exercise,
      realChannels: exercise && p.allowRealChannels,
      status: 'active',
      startedAt: ctx.now,
      startedBy: ctx.actor,
      lists: Object.fromEntries(
        lists.map((l) => [l.listId, { ...l, next: 0, filled: 0, exhausted: false }]),
      ),
      listOrder: listIds,
      recipients: emptyTable(),
    };
    const w = working(alarm);
    const out: EventDraft[] = [started];
    for (const id of listIds) out.push(...callReserves(s, w, id, ctx.now));
    return out;
  },
});

export const cancelAlarm = defineCommand({
  label: 'Avbryt larm',
  payload: z
    .object({
      alarmId: Id,
      reason: z.string().trim().min(1, 'Ange varför larmet avbryts.').max(400),
    })
    .strict(),
  authorize: (a, p, s, now) => {
    const al = s.alarm.alarms[p.alarmId];
    if (!al) return allow; // decide says it does not exist
    const ok = al.listOrder.every((l) => {
      const list = s.alarm.lists[l];
      return list
        ? mayAlarmList(a, s, now, list)
        : actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead');
    });
    return when(ok, 'Du kan bara avbryta larm som du själv får starta.');
  },
  decide: (p, s) => {
    const al = s.alarm.alarms[p.alarmId];
    if (!al) return refuse('NOT_FOUND', 'Larmet finns inte.');
    if (al.status !== 'active') return refuse('CONFLICT', 'Larmet är redan avslutat.');
    const stoodDown = tableValues(al.recipients)
      .filter((r) => WAITING_STATES.includes(r.state))
      .map((r) => r.key);
    return [draft('alarm.cancelled', { alarmId: p.alarmId, reason: p.reason, stoodDown })];
  },
});

const Answer = z.enum(['coming', 'cannot']);
const Eta = z
  .number()
  .int()
  .min(0)
  .max(24 * 60, 'Ange ankomsttid i minuter (högst 24 timmar).');
const Comment = z.string().trim().max(400).optional();

function answerDrafts(
  s: CityState,
  al: Alarm | undefined,
  key: string,
  answer: z.output<typeof Answer>,
  via: 'link' | 'console' | 'recorded',
  now: string,
  extra: { etaMinutes?: number; comment?: string; tokenHash?: string },
): EventDraft[] | Refusal {
  if (!al) return refuse('NOT_FOUND', 'Larmet finns inte.');
  const r = tableGet(al.recipients, key);
  if (!r) return refuse('NOT_FOUND', 'Personen är inte larmad i det här larmet.');
  if (al.status === 'cancelled')
    return refuse('CONFLICT', 'Larmet är avbrutet. Du behöver inte komma.');
  if (r.state === 'stood_down')
    return refuse('CONFLICT', 'Funktionen är redan bemannad. Du behöver inte komma – tack.');
  if (!ANSWERABLE_STATES.includes(r.state))
    return refuse('CONFLICT', 'Du har redan svarat på det här larmet.');
  if (answer === 'coming' && extra.etaMinutes === undefined)
    return refuse('INVALID', 'Ange när du beräknas vara på plats (minuter).');
  const out: EventDraft[] = [
    draft('alarm.answered', {
      alarmId: al.id,
      key,
      answer,
      via,
      ...(answer === 'coming' ? { etaMinutes: extra.etaMinutes } : {}),
      ...(extra.comment ? { comment: extra.comment } : {}),
      ...(extra.tokenHash ? { tokenHash: extra.tokenHash } : {}),
    }),
  ];
  if (al.status !== 'active') return out;
  const w = working(al, key);
  if (answer === 'coming') {
    w.filled[r.listId] += 1;
    out.push(...staffing(w, r.listId));
  } else if (WAITING_STATES.includes(r.state)) {
    // R42: "cannot come" calls the next reserve at once.
    out.push(...callReserves(s, w, r.listId, now, key));
  }
  return out;
}

export const respondToAlarm = defineCommand({
  label: 'Svara på larm',
  payload: z
    .object({
      alarmId: Id,
      /** Whose answer: absent means the signed-in person's own. */
      key: z.string().max(200).optional(),
      answer: Answer,
      etaMinutes: Eta.optional(),
      comment: Comment,
    })
    .strict(),
  // R48: a person answers for themself; who may alarm the list records an answer given by phone.
  authorize: (a, p, s, now) => {
    const al = s.alarm.alarms[p.alarmId];
    if (!al) return allow;
    const key = p.key ?? ownKey(s, al, a.userId);
    const r = key ? tableGet(al.recipients, key) : undefined;
    if (!r) return allow;
    const own = tableGet(s.alarm.contacts, r.contactId)?.userId === a.userId;
    if (own) return allow;
    const list = s.alarm.lists[r.listId];
    return when(
      !!list && mayAlarmList(a, s, now, list),
      'Du kan bara svara för dig själv, eller registrera svar på listor som du får larma.',
    );
  },
  decide: (p, s, ctx) => {
    const al = s.alarm.alarms[p.alarmId];
    const key = p.key ?? (al ? ownKey(s, al, ctx.actor.userId) : undefined);
    if (!key) return refuse('NOT_FOUND', 'Du är inte larmad i det här larmet.');
    const r = recipientOf(al, key);
    const own = !!r && tableGet(s.alarm.contacts, r.contactId)?.userId === ctx.actor.userId;
    return answerDrafts(s, al, key, p.answer, own ? 'console' : 'recorded', ctx.now, p);
  },
});

function ownKey(s: CityState, al: Alarm, userId: string): string | undefined {
  return tableValues(al.recipients).find(
    (r) =>
      tableGet(s.alarm.contacts, r.contactId)?.userId === userId &&
      ANSWERABLE_STATES.includes(r.state),
  )?.key;
}

/** R47: the one-time link is the credential: it must exist, be unused and be unexpired. */
export function checkLinkToken(s: CityState, tokenHash: string, now: string): Refusal | null {
  const t = tableGet(s.alarm.tokens, tokenHash);
  if (!t)
    return refuse(
      'NOT_FOUND',
      'Länken är okänd. Den kan ha skrivits av fel eller tillhöra ett gammalt larm.',
    );
  if (t.usedAt) return refuse('CONFLICT', 'Länken har redan använts. Ditt svar är registrerat.');
  if (t.expiresAt <= now)
    return refuse(
      'CONFLICT',
      'Länken har gått ut. Ring larmcentralen eller din chef för att svara.',
    );
  return null;
}

export const answerByLink = defineCommand({
  label: 'Svara via länk',
  payload: z
    .object({
      tokenHash: z.string().min(16).max(128),
      answer: Answer,
      etaMinutes: Eta.optional(),
      comment: Comment,
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s, ctx) => {
    const bad = checkLinkToken(s, p.tokenHash, ctx.now);
    if (bad) return bad;
    const t = tableGet(s.alarm.tokens, p.tokenHash) as LinkToken; // checkLinkToken found it
    return answerDrafts(s, s.alarm.alarms[t.alarmId], t.key, p.answer, 'link', ctx.now, p);
  },
});

export const openLink = defineCommand({
  label: 'Länk öppnad',
  payload: z.object({ tokenHash: z.string().min(16).max(128) }).strict(),
  authorize: systemOnly,
  decide: (p, s, ctx) => {
    const bad = checkLinkToken(s, p.tokenHash, ctx.now);
    if (bad) return bad;
    const t = tableGet(s.alarm.tokens, p.tokenHash) as LinkToken; // checkLinkToken found it
    const r = recipientOf(s.alarm.alarms[t.alarmId], t.key);
    if (!r || (r.state !== 'sent' && r.state !== 'queued'))
      return refuse('CONFLICT', 'Redan levererat.');
    return [draft('alarm.linkOpened', { alarmId: t.alarmId, key: t.key })];
  },
});

// ---------------------------------------------------------------------------------------------
// System: tokens, dispatch results, timers (R43, R47, R51, R52)
// ---------------------------------------------------------------------------------------------

export const issueToken = defineCommand({
  label: 'Skapa svarslänk',
  payload: z
    .object({
      alarmId: Id,
      key: z.string().max(200),
      tokenHash: z.string().min(16).max(128),
      expiresAt: IsoTime,
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s) => {
    const r = recipientOf(s.alarm.alarms[p.alarmId], p.key);
    if (!r) return refuse('NOT_FOUND', 'Mottagaren finns inte.');
    if (r.tokenHash) return refuse('CONFLICT', 'Svarslänken finns redan.');
    return [draft('alarm.tokenIssued', p)];
  },
});

export const recordSend = defineCommand({
  label: 'Registrera utskick',
  payload: z
    .object({
      alarmId: Id,
      key: z.string().max(200),
      n: z.number().int().min(1).max(3),
      channel: ChannelKind,
      via: ChannelKind.optional(),
      ok: z.boolean(),
      delivered: z.boolean().default(false),
      attempt: z.number().int().positive(),
      error: z.string().max(500).optional(),
      retryAt: IsoTime.optional(),
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s) => {
    const r = recipientOf(s.alarm.alarms[p.alarmId], p.key);
    if (!r) return refuse('NOT_FOUND', 'Mottagaren finns inte.');
    const rec = r.sends[`${p.n}:${p.channel}`];
    if (rec?.status === 'sent') return refuse('CONFLICT', 'Redan skickat.');
    return [draft('alarm.sendRecorded', p)];
  },
});

export const alarmTimeout = defineCommand({
  label: 'Svarstiden gick ut',
  payload: z
    .object({
      alarmId: Id,
      key: z.string().max(200),
      stage: z.union([z.literal(1), z.literal(2)]),
      deadline: IsoTime,
    })
    .strict(),
  authorize: systemOnly,
  decide: (p, s, ctx) => {
    const al = s.alarm.alarms[p.alarmId];
    const r = recipientOf(al, p.key);
    if (!al || !r) return refuse('NOT_FOUND', 'Mottagaren finns inte.');
    // A timer acts only on the deadline it was set for: a stale or repeated one has no effect.
    if (al.status !== 'active' || r.deadline !== p.deadline)
      return refuse('CONFLICT', 'Timern gäller inte längre.');
    const lp = al.lists[r.listId];
    if (!lp || lp.staffedAt) return refuse('CONFLICT', 'Listan är redan bemannad.');
    if (p.stage === 1) {
      if (!['queued', 'sent', 'delivered'].includes(r.state))
        return refuse('CONFLICT', 'Personen har redan svarat eller påmints.');
      return [
        draft('alarm.reminded', {
          alarmId: al.id,
          key: r.key,
          deadline: deadlineAfter(ctx.now, lp.timeoutSeconds),
        }),
      ];
    }
    if (r.state !== 'reminded') return refuse('CONFLICT', 'Personen har redan svarat.');
    const w = working(al, r.key);
    const reserves = callReserves(s, w, r.listId, ctx.now, r.key);
    const replaced = reserves.some((d) => d.type === 'alarm.recipientQueued');
    return [
      draft('alarm.silent', {
        alarmId: al.id,
        key: r.key,
        outcome: replaced ? 'replaced' : 'no_answer',
      }),
      ...reserves,
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// Endurance: duty schedules and handovers (R54, R55)
// ---------------------------------------------------------------------------------------------

const Duty = z
  .string()
  .regex(/^[a-z_]+(:[a-z0-9_-]+)?$/, 'Okänd funktion för schemat.')
  .max(80);

function mayPlanDuty(a: Actor, s: CityState, now: string, duty: string): Verdict {
  if (actsAs(a, s, now, 'admin', 'ckl_admin', 'ckl_lead', 'director')) return allow;
  // A TiB plans their own district's crisis organisation and crisis-support group, exactly.
  return when(
    a.role === 'district_officer' && !!a.districtId && districtOfDuty(duty) === a.districtId,
    'Du kan bara planera bemanningen för ditt eget stadsdelsområde.',
  );
}

function unknownDuty(s: CityState, duty: string): Refusal | null {
  const d = parseDuty(duty);
  if (!d) return refuse('INVALID', `Okänd funktion för schemat: ${duty}.`);
  const districtId = 'districtId' in d ? d.districtId : undefined;
  if (districtId && !s.districts[districtId])
    return refuse('INVALID', `Okänt stadsdelsområde: ${districtId}.`);
  return null;
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) =>
  Date.parse(a.from) < Date.parse(b.to) && Date.parse(b.from) < Date.parse(a.to);

export const saveShift = defineCommand({
  label: 'Spara pass',
  payload: z
    .object({
      shiftId: Id.optional(),
      duty: Duty,
      personName: Name,
      userId: Id.optional(),
      contactId: Id.optional(),
      from: IsoTime,
      to: IsoTime,
    })
    .strict(),
  authorize: (a, p, s, now) => mayPlanDuty(a, s, now, p.duty),
  decide: (p, s, ctx) => {
    const bad = unknownDuty(s, p.duty);
    if (bad) return bad;
    if (Date.parse(p.to) <= Date.parse(p.from))
      return refuse('INVALID', 'Passet måste sluta efter att det börjar.');
    if (p.userId && !s.users[p.userId]) return refuse('NOT_FOUND', 'Kontot finns inte.');
    if (p.contactId && !tableGet(s.alarm.contacts, p.contactId))
      return refuse('NOT_FOUND', 'Kontakten finns inte.');
    // One person holds one shift at a time (as R36): the same account or contact twice is a clash.
    const clash = Object.values(s.alarm.duty).find(
      (sh) =>
        sh.id !== p.shiftId &&
        ((p.userId && sh.userId === p.userId) || (p.contactId && sh.contactId === p.contactId)) &&
        overlaps(sh, p),
    );
    if (clash)
      return refuse(
        'CONFLICT',
        `${p.personName} har redan ett pass som överlappar (${clash.duty}). Avsluta det först.`,
      );
    return [draft('duty.shiftSaved', { ...p, shiftId: p.shiftId ?? ctx.newId('shift') })];
  },
});

export const removeShift = defineCommand({
  label: 'Ta bort pass',
  payload: z.object({ shiftId: Id }).strict(),
  authorize: (a, p, s, now) => {
    const sh = s.alarm.duty[p.shiftId];
    return sh ? mayPlanDuty(a, s, now, sh.duty) : allow; // decide says it does not exist
  },
  decide: (p, s) =>
    s.alarm.duty[p.shiftId]
      ? [draft('duty.shiftRemoved', p)]
      : refuse('NOT_FOUND', 'Passet finns inte.'),
});

/** The handover's content, from what the state says happened since the last one (R55). */
export function handoverSummary(s: CityState, duty: string, now: string): HandoverSummary {
  const lastId = [...s.alarm.handoverOrder]
    .reverse()
    .find((id) => s.alarm.handovers[id]?.duty === duty);
  const since = lastId ? s.alarm.handovers[lastId].at : undefined;
  const after = (t: string) => !since || t > since;
  const decisions = s.decisionOrder
    .map((id) => s.decisions[id])
    .filter((d) => d && after(d.at))
    .map((d) => ({ id: d.id, at: d.at, what: d.what, by: d.decidedBy.name }));
  const openTasks = Object.values(s.tasks)
    .filter((t) => t.status === 'open' || t.status === 'in_progress')
    .map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      ...(t.deadline ? { deadline: t.deadline } : {}),
      overdue: !!t.deadline && t.deadline < now,
    }));
  const situation = Object.values(s.districts)
    .map((d) => (d.latestReportId ? s.reports[d.latestReportId] : undefined))
    .filter((r): r is NonNullable<typeof r> => !!r && after(r.at))
    .map((r) => ({
      districtId: r.districtId,
      name: s.districts[r.districtId]?.name ?? r.districtId,
      status: r.status,
      at: r.at,
      needs: r.needs,
    }));
  const unanswered: HandoverSummary['unanswered'] = [];
  for (const e of Object.values(s.events)) {
    if (e.status === 'open' && e.centralSupport.status === 'requested')
      unanswered.push({
        kind: 'central_support',
        text: `Begäran om centralt stöd: ${e.title}`,
        since: e.centralSupport.requestedAt,
      });
  }
  for (const p of Object.values(s.proposals))
    if (p.status === 'pending')
      unanswered.push({
        kind: 'proposal',
        text: `Förslag om extraordinär händelse väntar på beslut`,
        since: p.at,
      });
  for (const d of Object.values(s.decisions))
    if (d.kind === 'urgent_decision' && !d.reportedToBoard)
      unanswered.push({
        kind: 'urgent_decision',
        text: `Brådskande beslut ej anmält till nämnden: ${d.what}`,
        since: d.at,
      });
  for (const d of Object.values(s.districts))
    if (d.nextReportDue && d.nextReportDue < now)
      unanswered.push({
        kind: 'report_overdue',
        text: `Lägesrapport försenad: ${d.name}`,
        since: d.nextReportDue,
      });
  const alarms = s.alarm.alarmOrder
    .map((id) => s.alarm.alarms[id])
    .filter((a) => a && (a.status === 'active' || after(a.startedAt)))
    .map((a) => {
      const lists = Object.values(a.lists);
      return {
        id: a.id,
        title: a.title,
        status: a.status,
        filled: lists.reduce((n, l) => n + l.filled, 0),
        quota: lists.reduce((n, l) => n + l.quota, 0),
      };
    });
  return { ...(since ? { since } : {}), decisions, openTasks, situation, unanswered, alarms };
}

export const createHandover = defineCommand({
  label: 'Överlämning',
  payload: z
    .object({ duty: Duty, toUserId: Id, note: z.string().trim().max(4000).default('') })
    .strict(),
  authorize: (a, p, s, now) => {
    if (isReadOnly(a)) return forbid('Du har läsbehörighet och kan inte lämna över.');
    const onDuty = Object.values(s.alarm.duty).some(
      (sh) => sh.duty === p.duty && sh.userId === a.userId && sh.from <= now && now < sh.to,
    );
    return when(
      onDuty ||
        actsAs(a, s, now, 'ckl_lead', 'director', 'admin') ||
        mayPlanDuty(a, s, now, p.duty) === null,
      'Du kan bara lämna över en funktion som du själv har pass i.',
    );
  },
  decide: (p, s, ctx) => {
    if (!s.users[p.toUserId])
      return refuse('NOT_FOUND', 'Den som tar över finns inte som användare.');
    if (p.toUserId === ctx.actor.userId)
      return refuse('INVALID', 'Du kan inte lämna över till dig själv.');
    return [
      draft('handover.created', {
        handoverId: ctx.newId('handover'),
        duty: p.duty,
        toUserId: p.toUserId,
        note: p.note,
        summary: handoverSummary(s, p.duty, ctx.now),
      }),
    ];
  },
});

export const acknowledgeHandover = defineCommand({
  label: 'Kvittera överlämning',
  payload: z.object({ handoverId: Id }).strict(),
  authorize: (a, p, s) => {
    const h = s.alarm.handovers[p.handoverId];
    return when(
      !h || h.toUserId === a.userId,
      'Endast den som tar över kan kvittera överlämningen.',
    );
  },
  decide: (p, s) => {
    const h = s.alarm.handovers[p.handoverId];
    if (!h) return refuse('NOT_FOUND', 'Överlämningen finns inte.');
    if (h.acknowledgedAt) return refuse('CONFLICT', 'Överlämningen är redan kvitterad.');
    return [draft('handover.acknowledged', p)];
  },
});

/** Used by the service for dispatch planning (contact ids are not secret). */
export const listOfDuty = (s: CityState, duty: string): CallList[] =>
  Object.values(s.alarm.lists).filter((l) => dutyOfTarget(l.target) === duty);

export type { DecideContext };
