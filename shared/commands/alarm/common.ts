/** Shapes shared by the alarm commands: names, phone numbers, addresses and contacts. */
import { z } from 'zod';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import { Role } from '../../domain/vocabulary';
import type { CityState } from '../../domain/state';
import { CONTACT_DETAILS_AUDIENCE } from '../../domain/alarm';
import { refuse, type Refusal } from '../../errors';
import { lookup } from '../../domain/keyed';

// Shapes
// ---------------------------------------------------------------------------------------------

export const Name = z
  .string()
  .trim()
  .min(1, 'Ange namn.')
  .max(120, 'Namnet får vara högst 120 tecken.');
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
export const MemberIds = z.array(Id).max(2000, 'En larmlista får ha högst 2000 personer.');

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
export type ContactInput = z.output<typeof ContactInput>;

export function contactDrafts(p: ContactInput, s: CityState, id: string): EventDraft[] | Refusal {
  if (p.districtId && !lookup(s.districts, p.districtId))
    return refuse('INVALID', `Okänt stadsdelsområde: ${p.districtId}.`);
  if (p.userId && !lookup(s.users, p.userId)) return refuse('INVALID', `Okänt konto: ${p.userId}.`);
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
