/** The directory (kontaktregister), call lists, templates and plans (R40). */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import { Level } from '../../domain/vocabulary';
import { ChannelKind, ListTarget } from '../../domain/alarm';
import { refuse } from '../../errors';
import { unknownPlaceholders } from '../../text/template';
import { tableGet } from '../../domain/table';
import { lookup } from '../../domain/keyed';
import { ContactInput, MemberIds, Name, contactDrafts } from './common';
import { mayAdministerAlarm } from './policy';

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
    if (
      'districtId' in p.target &&
      p.target.districtId &&
      !lookup(s.districts, p.target.districtId)
    )
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
    lookup(s.alarm.lists, p.listId)
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
  decide: (p, _s, ctx) => {
    const unknown = unknownPlaceholders(p.text);
    if (unknown.length)
      return refuse(
        'INVALID',
        `Okänd platshållare ${unknown.join(', ')} i mallen. Använd {namn}, {lista} eller {rubrik}.`,
      );
    return [
      draft('alarm.templateSaved', {
        templateId: p.templateId ?? ctx.newId('tpl'),
        name: p.name,
        text: p.text,
      }),
    ];
  },
});

export const savePlan = defineCommand({
  label: 'Spara larmplan',
  payload: z
    .object({ level: Level, listIds: z.array(Id).min(1).max(50), templateId: Id.optional() })
    .strict(),
  authorize: (a, _p, s, now) => mayAdministerAlarm(a, s, now),
  decide: (p, s) => {
    const missing = p.listIds.find((l) => !lookup(s.alarm.lists, l));
    if (missing) return refuse('NOT_FOUND', `Larmlistan finns inte: ${missing}.`);
    if (p.templateId && !lookup(s.alarm.templates, p.templateId))
      return refuse('NOT_FOUND', 'Meddelandemallen finns inte.');
    return [draft('alarm.planSaved', p)];
  },
});

// ---------------------------------------------------------------------------------------------
