/** The log (dagbok) and tasks (uppdrag). */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id, IsoTime, TaskAssignee } from '../../events/schemas';
import { CklFunction, Role, TaskStatus } from '../../domain/vocabulary';
import { refuse } from '../../errors';
import {
  actsAs,
  allow,
  forbid,
  isOfficerOfDistrict,
  isReadOnly,
  when,
} from '../../policy/predicates';
import { WarningRefSchema } from '../../warnings/model';
import { lookup } from '../../domain/keyed';
import { LongText, Title } from './common';

export const writeLog = defineCommand({
  label: 'Skriv i loggen',
  payload: z
    .object({
      eventId: Id.optional(),
      districtId: Id.optional(),
      text: z
        .string()
        .trim()
        .min(1, 'Skriv något.')
        .max(4000, 'Texten får vara högst 4000 tecken.'),
      /** A confidential note is seen only by its district and the central roles (R18). */
      confidential: z.boolean().default(false),
      /** An official warning recorded as decision basis (R139). */
      source: WarningRefSchema.optional(),
    })
    .strict(),
  authorize: (a, p) => {
    if (isReadOnly(a)) return forbid('Du har läsbehörighet och kan inte skriva i loggen.');
    if (p.districtId && a.role === 'district_officer')
      return when(
        isOfficerOfDistrict(a, p.districtId),
        'Du kan bara skriva i ditt eget stadsdelsområdes logg.',
      );
    if (p.districtId)
      return when(a.role !== 'unit_officer', 'Du kan inte skriva i ett stadsdelsområdes logg.');
    return allow;
  },
  decide: (p, s, ctx) => {
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    if (p.districtId && !lookup(s.districts, p.districtId))
      return refuse('NOT_FOUND', 'Stadsdelsområdet finns inte.');
    if (p.confidential && !p.districtId && !ctx.actor.unitId)
      return refuse(
        'INVALID',
        'En sekretessmarkerad anteckning hör till ett stadsdelsområde eller en enhet.',
      );
    const audience = p.confidential
      ? p.districtId
        ? { districtIds: [p.districtId] }
        : { unitIds: [ctx.actor.unitId as string] }
      : undefined;
    return [
      draft(
        'log.written',
        {
          entryId: ctx.newId('log'),
          eventId: p.eventId,
          districtId: p.districtId,
          text: p.text,
          ...(p.source ? { source: p.source } : {}),
        },
        audience,
      ),
    ];
  },
});

export const createTask = defineCommand({
  label: 'Ge uppdrag',
  payload: z
    .object({
      eventId: Id.optional(),
      title: Title,
      description: LongText.default(''),
      assignee: TaskAssignee,
      deadline: IsoTime.optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'ckl_lead', 'director'),
      'Endast stabschefen eller stadsdirektören kan ge uppdrag.',
    ),
  decide: (p, s, ctx) => {
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    if (p.assignee.kind === 'user' && !lookup(s.users, p.assignee.userId))
      return refuse('NOT_FOUND', 'Personen finns inte.');
    if (p.assignee.kind === 'district' && !lookup(s.districts, p.assignee.districtId))
      return refuse('NOT_FOUND', 'Stadsdelsområdet finns inte.');
    return [draft('task.created', { ...p, taskId: ctx.newId('task') })];
  },
});

const FUNCTION_OF_ROLE: Partial<Record<z.output<typeof Role>, z.output<typeof CklFunction>>> = {
  ckl_liaison: 'liaison',
  ckl_analysis: 'analysis',
  ckl_information: 'information',
  ckl_admin: 'admin',
};

export const updateTask = defineCommand({
  label: 'Uppdatera uppdrag',
  payload: z
    .object({
      taskId: Id,
      status: TaskStatus.optional(),
      note: LongText.optional(),
      deadline: IsoTime.optional(),
    })
    .strict(),
  authorize: (a, p, s, now) => {
    const t = lookup(s.tasks, p.taskId);
    if (actsAs(a, s, now, 'ckl_lead', 'director')) return allow;
    if (!t) return forbid('Du kan inte ändra det här uppdraget.');
    if (p.deadline)
      return forbid('Endast stabschefen eller stadsdirektören kan ändra tidsfristen.');
    const mine =
      (t.assignee.kind === 'user' && t.assignee.userId === a.userId) ||
      (t.assignee.kind === 'function' && FUNCTION_OF_ROLE[a.role] === t.assignee.fn) ||
      (t.assignee.kind === 'district' && isOfficerOfDistrict(a, t.assignee.districtId));
    return when(mine, 'Du kan bara uppdatera uppdrag som är givna till dig eller din funktion.');
  },
  decide: (p, s) => {
    const t = lookup(s.tasks, p.taskId);
    if (!t) return refuse('NOT_FOUND', 'Uppdraget finns inte.');
    if (p.status === undefined && p.note === undefined && p.deadline === undefined)
      return refuse('INVALID', 'Inget att ändra.');
    return [draft('task.updated', p)];
  },
});
