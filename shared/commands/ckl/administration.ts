/** Administration (stabsstöd): shifts, costs, staff support, sites, movements and supplies. */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import type { CityState } from '../../domain/state';
import {
  CostCategory,
  ShiftPost,
  StaffSite,
  STAFF_SITE_LABEL,
  SupplyCategory,
} from '../../domain/ckl';
import { refuse, type Refusal } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { STAFF_SUPPORT_REQUESTERS } from '../../policy/ckl';
import { isFunctionActive } from '../../views/ckl';
import { personKey } from '../../reducer/ckl';
import { lookup } from '../../domain/keyed';
import { tableGet } from '../../domain/table';
import { dutyPost } from '../../domain/alarm';

import {
  NOT_ACTIVE,
  Optional,
  STAFF_SUPPORT_AUDIENCE,
  Short,
  Text,
  fnPolicy,
  requireActive,
} from './common';

export const addShift = defineCommand({
  label: 'Lägg till pass',
  payload: z
    .object({
      post: ShiftPost,
      person: Short('Ange vem som har passet.'),
      userId: Id.optional(),
      /** The person in the call-in register, so the call-in board knows them (R250). */
      contactId: Id.optional(),
      from: IsoTime,
      to: IsoTime,
      eventId: Id.optional(),
    })
    .strict(),
  authorize: fnPolicy('admin'),
  // R36: a shift ends after it starts, and one person holds one shift at a time — in the one
  // duty schedule every staffing screen reads (R250).
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'admin', p.eventId);
    if (bad) return bad;
    if (Date.parse(p.to) <= Date.parse(p.from))
      return refuse('INVALID', 'Avlösningen måste ligga efter passets början.');
    if (p.userId && !lookup(s.users, p.userId)) return refuse('NOT_FOUND', 'Personen finns inte.');
    if (p.contactId && !tableGet(s.alarm.contacts, p.contactId))
      return refuse('NOT_FOUND', 'Kontakten finns inte i larmregistret.');
    const key = personKey(p.person, p.userId);
    const clash = Object.values(s.alarm.duty).find(
      (x) =>
        (personKey(x.personName, x.userId) === key ||
          (p.contactId !== undefined && x.contactId === p.contactId)) &&
        Date.parse(x.from) < Date.parse(p.to) &&
        Date.parse(p.from) < Date.parse(x.to),
    );
    if (clash)
      return refuse(
        'CONFLICT',
        `${p.person} har redan ett pass som överlappar (${clash.from.slice(11, 16)}–${clash.to.slice(11, 16)}).`,
      );
    return [draft('administration.shiftAdded', { ...p, shiftId: ctx.newId('shift') })];
  },
});

export const cancelShift = defineCommand({
  label: 'Ställ in pass',
  payload: z.object({ shiftId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s) => {
    const x = lookup(s.alarm.duty, p.shiftId);
    if (!x || !dutyPost(x.duty)) return refuse('NOT_FOUND', 'Passet finns inte i stabens schema.');
    return [draft('administration.shiftCancelled', p)];
  },
});

/** Kronor with at most two decimals, stored as whole öre so sums stay exact. */
const Amount = z
  .number()
  .positive('Beloppet måste vara större än noll.')
  .max(10_000_000_000, 'Beloppet är orimligt stort.')
  .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, 'Högst två decimaler.');

/** R33: costs are tracked for an event the function works on, or one closed after CKL. */
function costEvent(s: CityState, eventId: string): Refusal | null {
  const e = lookup(s.events, eventId);
  if (!e) return refuse('NOT_FOUND', 'Händelsen finns inte.');
  if (e.status === 'closed') return e.cklEverActivated ? null : NOT_ACTIVE('admin', true);
  return isFunctionActive(s, 'admin', eventId) ? null : NOT_ACTIVE('admin', true);
}

export const recordCost = defineCommand({
  label: 'Registrera kostnad',
  payload: z
    .object({
      eventId: Id,
      category: CostCategory,
      kind: Short('Ange kostnadsslag.'),
      amountSek: Amount,
      description: Optional,
    })
    .strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s, ctx) =>
    costEvent(s, p.eventId) ?? [
      draft('administration.costRecorded', {
        costId: ctx.newId('cost'),
        eventId: p.eventId,
        category: p.category,
        kind: p.kind,
        amountOre: Math.round(p.amountSek * 100),
        description: p.description,
      }),
    ],
});

export const voidCost = defineCommand({
  label: 'Makulera kostnad',
  payload: z.object({ eventId: Id, costId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('admin'),
  // R33: a cost is never edited; a wrong one is voided with a reason and entered again.
  decide: (p, s) => {
    const entry = lookup(s.ckl.costs, p.eventId)?.entries.find((e) => e.id === p.costId);
    if (!entry) return refuse('NOT_FOUND', 'Kostnadsposten finns inte bland de senaste posterna.');
    if (entry.voided) return refuse('CONFLICT', 'Kostnadsposten är redan makulerad.');
    return [
      draft('administration.costVoided', {
        costId: entry.id,
        eventId: entry.eventId,
        category: entry.category,
        amountOre: entry.amountOre,
        reason: p.reason,
      }),
    ];
  },
});

export const requestStaffSupport = defineCommand({
  label: 'Begär krisstöd för medarbetare',
  payload: z
    .object({
      person: Short('Ange vem stödet gäller.'),
      need: Text('Beskriv behovet.'),
      urgent: z.boolean().default(false),
    })
    .strict(),
  // R34: anyone in the crisis organisation may ask on a colleague's behalf.
  authorize: (a, _p, s, now) =>
    when(
      STAFF_SUPPORT_REQUESTERS.includes(a.role) || actsAs(a, s, now, 'ckl_lead'),
      'Krisstöd för medarbetare i krisorganisationen begärs av krisledningen eller CKL.',
    ),
  decide: (p, s, ctx) =>
    requireActive(s, 'admin') ?? [
      draft(
        'administration.staffSupportRequested',
        { ...p, requestId: ctx.newId('sup') },
        STAFF_SUPPORT_AUDIENCE,
      ),
    ],
});

export const handleStaffSupport = defineCommand({
  label: 'Hantera krisstöd',
  payload: z
    .object({ requestId: Id, status: z.enum(['arranged', 'closed']), note: Optional })
    .strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s) => {
    const r = lookup(s.ckl.staffSupport, p.requestId);
    if (!r) return refuse('NOT_FOUND', 'Begäran finns inte.');
    if (r.status === 'closed') return refuse('CONFLICT', 'Begäran är redan avslutad.');
    return [draft('administration.staffSupportHandled', p, STAFF_SUPPORT_AUDIENCE)];
  },
});

export const setStaffSite = defineCommand({
  label: 'Ange stabens lokal',
  payload: z.object({ site: StaffSite, note: Optional }).strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s) => {
    const bad = requireActive(s, 'admin');
    if (bad) return bad;
    if (s.ckl.staffSite?.site === p.site && s.ckl.staffSite.note === p.note)
      return refuse('CONFLICT', `Staben är redan på: ${STAFF_SITE_LABEL[p.site].toLowerCase()}.`);
    return [draft('administration.staffSiteSet', p)];
  },
});

export const recordMovement = defineCommand({
  label: 'Registrera in- eller utpassering',
  payload: z
    .object({
      person: Short('Ange vem.'),
      userId: Id.optional(),
      site: StaffSite,
      direction: z.enum(['in', 'out']),
    })
    .strict(),
  authorize: fnPolicy('admin'),
  // R35: one person is in one place at a time; only someone inside can leave.
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'admin');
    if (bad) return bad;
    const here = lookup(s.ckl.presence, personKey(p.person, p.userId));
    if (p.direction === 'out') {
      if (!here || here.site !== p.site)
        return refuse(
          'CONFLICT',
          `${p.person} är inte inpasserad på ${STAFF_SITE_LABEL[p.site].toLowerCase()}.`,
        );
      return [draft('administration.movementRecorded', { ...p, movementId: ctx.newId('mov') })];
    }
    if (here?.site === p.site)
      return refuse(
        'CONFLICT',
        `${p.person} är redan inpasserad på ${STAFF_SITE_LABEL[p.site].toLowerCase()}.`,
      );
    const out: EventDraft[] = [];
    if (here)
      out.push(
        draft('administration.movementRecorded', {
          movementId: ctx.newId('mov'),
          person: here.person,
          userId: here.userId,
          site: here.site,
          direction: 'out',
        }),
      );
    out.push(draft('administration.movementRecorded', { ...p, movementId: ctx.newId('mov') }));
    return out;
  },
});

export const recordSupply = defineCommand({
  label: 'Registrera förnödenhet',
  payload: z
    .object({
      itemId: Id.optional(),
      name: Short('Ange vad.'),
      category: SupplyCategory,
      quantity: z.number().min(0, 'Antalet kan inte vara negativt.').max(1_000_000),
      unit: Short('Ange enhet.'),
      site: StaffSite,
      minimum: z.number().min(0).max(1_000_000).optional(),
    })
    .strict(),
  authorize: fnPolicy('admin'),
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'admin');
    if (bad) return bad;
    if (p.itemId && !lookup(s.ckl.supplies, p.itemId))
      return refuse('NOT_FOUND', 'Förnödenheten finns inte.');
    return [draft('administration.supplyRecorded', { ...p, itemId: p.itemId ?? ctx.newId('sup') })];
  },
});
