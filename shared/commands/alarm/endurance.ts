/** Endurance (uthållighet): duty schedules and handovers (R54, R55). */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import type { Actor } from '../../domain/actor';
import type { CityState } from '../../domain/state';
import {
  districtOfDuty,
  dutyOfTarget,
  parseDuty,
  type CallList,
  type HandoverSummary,
} from '../../domain/alarm';
import { refuse, type Refusal } from '../../errors';
import { actsAs, allow, forbid, isReadOnly, when, type Verdict } from '../../policy/predicates';
import { tableGet } from '../../domain/table';
import { lookup, present } from '../../domain/keyed';
import { Name } from './common';

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
  if (districtId && !lookup(s.districts, districtId))
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
    if (p.userId && !lookup(s.users, p.userId)) return refuse('NOT_FOUND', 'Kontot finns inte.');
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
    const sh = lookup(s.alarm.duty, p.shiftId);
    return sh ? mayPlanDuty(a, s, now, sh.duty) : allow; // decide says it does not exist
  },
  decide: (p, s) =>
    lookup(s.alarm.duty, p.shiftId)
      ? [draft('duty.shiftRemoved', p)]
      : refuse('NOT_FOUND', 'Passet finns inte.'),
});

/** The handover's content, from what the state says happened since the last one (R55). */
export function handoverSummary(s: CityState, duty: string, now: string): HandoverSummary {
  const lastId = [...s.alarm.handoverOrder]
    .reverse()
    .find((id) => lookup(s.alarm.handovers, id)?.duty === duty);
  const since = lastId ? lookup(s.alarm.handovers, lastId)?.at : undefined;
  const after = (t: string) => !since || t > since;
  const decisions = s.decisionOrder
    .map((id) => lookup(s.decisions, id))
    .filter(present)
    .filter((d) => after(d.at))
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
    .map((d) => (d.latestReportId ? lookup(s.reports, d.latestReportId) : undefined))
    .filter((r): r is NonNullable<typeof r> => !!r && after(r.at))
    .map((r) => ({
      districtId: r.districtId,
      name: lookup(s.districts, r.districtId)?.name ?? r.districtId,
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
    .map((id) => lookup(s.alarm.alarms, id))
    .filter(present)
    .filter((a) => a.status === 'active' || after(a.startedAt))
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
    if (!lookup(s.users, p.toUserId))
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
    const h = lookup(s.alarm.handovers, p.handoverId);
    return when(
      !h || h.toUserId === a.userId,
      'Endast den som tar över kan kvittera överlämningen.',
    );
  },
  decide: (p, s) => {
    const h = lookup(s.alarm.handovers, p.handoverId);
    if (!h) return refuse('NOT_FOUND', 'Överlämningen finns inte.');
    if (h.acknowledgedAt) return refuse('CONFLICT', 'Överlämningen är redan kvitterad.');
    return [draft('handover.acknowledged', p)];
  },
});

/** Used by the service for dispatch planning (contact ids are not secret). */
export const listOfDuty = (s: CityState, duty: string): CallList[] =>
  Object.values(s.alarm.lists).filter((l) => dutyOfTarget(l.target) === duty);
