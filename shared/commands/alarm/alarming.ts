/** Starting and cancelling an alarm: channels, reserves and staffing (R41–R48). */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import { Level, LEVEL_LABEL } from '../../domain/vocabulary';
import { WAITING_STATES, isExerciseSpace, type Alarm } from '../../domain/alarm';
import { refuse } from '../../errors';
import { unknownPlaceholders } from '../../text/template';
import { actsAs, allow, forbid, isReadOnly, when } from '../../policy/predicates';
import { tableValues, emptyTable } from '../../domain/table';
import { lookup } from '../../domain/keyed';
import { ALARM_FORBIDDEN, mayAlarmList } from './policy';
import { callReserves, renderMessage, working } from './working';

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
      const l = lookup(s.alarm.lists, id);
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
    const missing = listIds.find((l) => !lookup(s.alarm.lists, l));
    if (missing) return refuse('NOT_FOUND', `Larmlistan finns inte: ${missing}.`);
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    const templateId = p.templateId ?? plan?.templateId;
    const tpl = templateId ? lookup(s.alarm.templates, templateId) : undefined;
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
      const l = lookup(s.alarm.lists, id)!; // every id was found above
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
    const al = lookup(s.alarm.alarms, p.alarmId);
    if (!al) return allow; // decide says it does not exist
    const ok = al.listOrder.every((l) => {
      const list = lookup(s.alarm.lists, l);
      return list
        ? mayAlarmList(a, s, now, list)
        : actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead');
    });
    return when(ok, 'Du kan bara avbryta larm som du själv får starta.');
  },
  decide: (p, s) => {
    const al = lookup(s.alarm.alarms, p.alarmId);
    if (!al) return refuse('NOT_FOUND', 'Larmet finns inte.');
    if (al.status !== 'active') return refuse('CONFLICT', 'Larmet är redan avslutat.');
    const stoodDown = tableValues(al.recipients)
      .filter((r) => WAITING_STATES.includes(r.state))
      .map((r) => r.key);
    return [draft('alarm.cancelled', { alarmId: p.alarmId, reason: p.reason, stoodDown })];
  },
});
