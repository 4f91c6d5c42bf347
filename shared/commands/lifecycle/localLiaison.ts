/**
 * Extraordinary level: every affected administration and company names a local liaison
 * person (lokal samverkansperson) to the central crisis staff (R205), and the information
 * function's approved message is the only route to the public (R206). 2009–2012: "Förvaltnings-
 * /bolagsdirektör ansvarar för att utse lokal samverkansperson"; "Då ansvarar
 * stadsledningskontoret för den samlade kriskommunikationen".
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id } from '../../events/schemas';
import { AreaRefSchema } from '../../events/lifecycle';
import type { Actor } from '../../domain/actor';
import type { CityState } from '../../domain/state';
import { refuse } from '../../errors';
import { actsAs, isOfficerOfDistrict, isOfficerOfUnit, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';
import { CKL_COMMANDS } from '../ckl';
import { atExtraordinary } from '../../policy/ckl';
import { isRefusalLike, openEventOf } from './common';

const Short = (msg: string) => z.string().trim().min(1, msg).max(200, 'Högst 200 tecken.');

/** R205: the area's own officer (for its director) or the city director records the naming. */
export const mayNameLocalLiaison = (
  a: Actor,
  s: CityState,
  now: string,
  area: { kind: 'district' | 'unit'; id: string },
): boolean =>
  (area.kind === 'district' ? isOfficerOfDistrict(a, area.id) : isOfficerOfUnit(a, area.id)) ||
  actsAs(a, s, now, 'director');

export const nameLocalLiaison = defineCommand({
  label: 'Utse lokal samverkansperson',
  payload: z
    .object({
      eventId: Id,
      area: AreaRefSchema,
      personName: Short('Ange samverkanspersonens namn.'),
      contact: Short('Ange hur samverkanspersonen nås (telefon).'),
      namedBy: Short('Ange vilken förvaltnings- eller bolagsdirektör som utsåg personen.'),
    })
    .strict(),
  authorize: (a, p, s, now) =>
    when(
      mayNameLocalLiaison(a, s, now, p.area),
      'Endast den egna förvaltningens eller det egna bolagets säkerhetssamordnare eller TiB, eller stadsdirektören, kan registrera den lokala samverkanspersonen.',
    ),
  decide: (p, s) => {
    const e = openEventOf(s, p.eventId);
    if (isRefusalLike(e)) return e;
    if (e.level !== 'extraordinary')
      return refuse(
        'CONFLICT',
        'Lokal samverkansperson utses när händelsen är extraordinär. Händelsen är inte det.',
      );
    const affected =
      p.area.kind === 'district'
        ? e.affectedDistrictIds.includes(p.area.id)
        : e.affectedUnitIds.includes(p.area.id);
    if (!affected)
      return refuse(
        'INVALID',
        'Förvaltningen eller bolaget är inte berört av händelsen. Lägg till det som berört först.',
      );
    return [draft('liaison.localNamed', p)];
  },
});

const PUBLIC_ONLY_INFORMATION =
  'Vid extraordinär händelse når meddelanden allmänheten och media bara genom informationsfunktionen: informationsfunktionen publicerar det godkända meddelandet.';

const basePublish = CKL_COMMANDS['information.publishMessage'];

/**
 * R206: at extraordinary level a public or media message is published by the information
 * function itself (never by the CKL lead's general right to do a function's work, R20), and
 * only once approved (R30).
 */
export const publishMessage = defineCommand({
  ...basePublish,
  authorize: (a, p, s, now) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (m && m.targetGroup !== 'staff' && atExtraordinary(s, m) && a.role !== 'ckl_information')
      return refuse('FORBIDDEN', PUBLIC_ONLY_INFORMATION);
    return basePublish.authorize(a, p, s, now);
  },
});

export const LOCAL_LIAISON_COMMANDS = {
  'liaison.nameLocal': nameLocalLiaison,
  'information.publishMessage': publishMessage,
} as const;
