/** Liaison (samverkan): actors, contacts, representatives, requests and conferences. */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import type { CityState } from '../../domain/state';
import { ActorSector, AgendaItem, ContactChannel, Presence } from '../../domain/ckl';
import { refuse, type Refusal } from '../../errors';
import { lookup } from '../../domain/keyed';

import { Minutes, Route, Short, Text, addMinutes, fnPolicy, requireActive } from './common';

export const registerActor = defineCommand({
  label: 'Registrera aktör',
  payload: z
    .object({
      name: Short('Ange aktörens namn.'),
      sector: ActorSector,
      routes: z.array(Route).max(20).default([]),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R21: the register is preparation: it is kept up to date whether or not CKL is activated.
  decide: (p, s, ctx) => {
    const taken = Object.values(s.ckl.actors).some(
      (x) => x.name.toLowerCase() === p.name.toLowerCase(),
    );
    if (taken) return refuse('CONFLICT', 'Aktören finns redan i registret.');
    return [draft('liaison.actorRegistered', { ...p, actorId: ctx.newId('act') })];
  },
});

export const updateActor = defineCommand({
  label: 'Uppdatera aktör',
  payload: z
    .object({
      actorId: Id,
      name: Short('Ange aktörens namn.').optional(),
      sector: ActorSector.optional(),
      routes: z.array(Route).max(20).optional(),
      active: z.boolean().optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) => {
    if (!lookup(s.ckl.actors, p.actorId))
      return refuse('NOT_FOUND', 'Aktören finns inte i registret.');
    if (Object.keys(p).length === 1) return refuse('INVALID', 'Inget att ändra.');
    return [draft('liaison.actorUpdated', p)];
  },
});

const knownActor = (s: CityState, id: string): Refusal | null =>
  lookup(s.ckl.actors, id) ? null : refuse('NOT_FOUND', 'Aktören finns inte i registret.');

export const logContact = defineCommand({
  label: 'Logga kontakt',
  payload: z
    .object({
      actorId: Id,
      eventId: Id.optional(),
      direction: z.enum(['in', 'out']),
      channel: ContactChannel,
      summary: Text('Beskriv kontakten.'),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) =>
    knownActor(s, p.actorId) ??
    requireActive(s, 'liaison', p.eventId) ?? [
      draft('liaison.contactLogged', { ...p, contactId: ctx.newId('con') }),
    ],
});

export const placeRepresentative = defineCommand({
  label: 'Placera representant',
  payload: z
    .object({
      actorId: Id,
      eventId: Id.optional(),
      person: Short('Ange vem som placeras.'),
      location: Short('Ange var representanten finns.'),
      until: IsoTime.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) =>
    knownActor(s, p.actorId) ??
    requireActive(s, 'liaison', p.eventId) ?? [
      draft('liaison.representativePlaced', { ...p, representativeId: ctx.newId('rep') }),
    ],
});

export const withdrawRepresentative = defineCommand({
  label: 'Ta hem representant',
  payload: z.object({ representativeId: Id }).strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) => {
    const r = lookup(s.ckl.representatives, p.representativeId);
    if (!r) return refuse('NOT_FOUND', 'Representanten finns inte.');
    if (r.withdrawnAt) return refuse('CONFLICT', 'Representanten är redan hemtagen.');
    return [draft('liaison.representativeWithdrawn', p)];
  },
});

export const makeRequest = defineCommand({
  label: 'Begär expertis eller resurs',
  payload: z
    .object({
      actorId: Id,
      eventId: Id,
      kind: z.enum(['expertise', 'resource']),
      what: Text('Beskriv vad som behövs.'),
      neededBy: IsoTime.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) =>
    knownActor(s, p.actorId) ??
    requireActive(s, 'liaison', p.eventId) ?? [
      draft('liaison.requestMade', { ...p, requestId: ctx.newId('req') }),
    ],
});

export const answerRequest = defineCommand({
  label: 'Registrera svar på begäran',
  payload: z
    .object({
      requestId: Id,
      outcome: z.enum(['granted', 'partly_granted', 'declined']),
      answer: Text('Ange svaret.'),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R25: a request is answered once.
  decide: (p, s) => {
    const r = lookup(s.ckl.requests, p.requestId);
    if (!r) return refuse('NOT_FOUND', 'Begäran finns inte.');
    if (r.status !== 'open') return refuse('CONFLICT', 'Begäran är redan besvarad.');
    return [draft('liaison.requestAnswered', p)];
  },
});

export const scheduleConference = defineCommand({
  label: 'Kalla till samverkanskonferens',
  payload: z
    .object({
      eventId: Id,
      at: IsoTime,
      title: z.string().trim().max(200).default('Samverkanskonferens'),
      cadenceMinutes: Minutes.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'liaison', p.eventId);
    if (bad) return bad;
    return [
      draft('liaison.conferenceScheduled', {
        conferenceId: ctx.newId('conf'),
        eventId: p.eventId,
        title: p.title || 'Samverkanskonferens',
        at: p.at,
        cadenceMinutes: p.cadenceMinutes,
      }),
    ];
  },
});

function conferenceIn(
  s: CityState,
  id: string,
  statuses: readonly string[],
  msg: string,
): Refusal | null {
  const c = lookup(s.ckl.conferences, id);
  if (!c) return refuse('NOT_FOUND', 'Konferensen finns inte.');
  return statuses.includes(c.status) ? null : refuse('CONFLICT', msg);
}

export const startConference = defineCommand({
  label: 'Öppna samverkanskonferens',
  payload: z.object({ conferenceId: Id }).strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) =>
    conferenceIn(s, p.conferenceId, ['scheduled'], 'Konferensen är inte planerad.') ??
    requireActive(s, 'liaison', lookup(s.ckl.conferences, p.conferenceId)!.eventId) ?? [
      draft('liaison.conferenceStarted', p),
    ],
});

export const rollCall = defineCommand({
  label: 'Upprop',
  payload: z
    .object({
      conferenceId: Id,
      entries: z
        .array(z.object({ actorId: Id, presence: Presence }).strict())
        .min(1, 'Ange minst en aktör.')
        .max(60),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R26: the roll-call lists actors from the register, while the conference is running.
  decide: (p, s) => {
    const bad = conferenceIn(s, p.conferenceId, ['in_progress'], 'Konferensen pågår inte.');
    if (bad) return bad;
    for (const e of p.entries) {
      const unknown = knownActor(s, e.actorId);
      if (unknown) return unknown;
    }
    return p.entries.map((e) =>
      draft('liaison.rollCalled', {
        conferenceId: p.conferenceId,
        actorId: e.actorId,
        presence: e.presence,
      }),
    );
  },
});

export const minuteConference = defineCommand({
  label: 'Protokollför dagordningspunkt',
  payload: z
    .object({ conferenceId: Id, item: AgendaItem, text: Text('Skriv protokollet.') })
    .strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) =>
    conferenceIn(s, p.conferenceId, ['in_progress'], 'Konferensen pågår inte.') ?? [
      draft('liaison.minuted', p),
    ],
});

export const closeConference = defineCommand({
  label: 'Avsluta samverkanskonferens',
  payload: z
    .object({
      conferenceId: Id,
      jointDirection: Text('Ange den gemensamma inriktningen.'),
      /** Overrides the cadence for the next conference. */
      nextAt: IsoTime.optional(),
    })
    .strict(),
  authorize: fnPolicy('liaison'),
  // R26: a conference closes with the agreed joint direction; its cadence schedules the next.
  decide: (p, s, ctx) => {
    const bad = conferenceIn(s, p.conferenceId, ['in_progress'], 'Konferensen pågår inte.');
    if (bad) return bad;
    const c = lookup(s.ckl.conferences, p.conferenceId)!; // conferenceIn found it
    const present = Object.values(c.rollCall).filter((x) => x === 'present').length;
    if (present === 0)
      return refuse(
        'CONFLICT',
        'Gör upprop innan konferensen avslutas: ingen aktör är närvarande.',
      );
    const out: EventDraft[] = [];
    let nextId: string | undefined;
    const eventOpen = lookup(s.events, c.eventId)?.status === 'open';
    if (eventOpen && (p.nextAt || c.cadenceMinutes)) {
      let at = p.nextAt;
      if (!at && c.cadenceMinutes) {
        at = addMinutes(c.scheduledAt, c.cadenceMinutes);
        if (at <= ctx.now) at = addMinutes(ctx.now, c.cadenceMinutes);
      }
      nextId = ctx.newId('conf');
      out.push(
        draft('liaison.conferenceScheduled', {
          conferenceId: nextId,
          eventId: c.eventId,
          title: c.title,
          at: at as string,
          cadenceMinutes: c.cadenceMinutes,
        }),
      );
    }
    return [
      draft('liaison.conferenceClosed', {
        conferenceId: c.id,
        jointDirection: p.jointDirection,
        nextId,
      }),
      ...out,
    ];
  },
});

export const cancelConference = defineCommand({
  label: 'Ställ in samverkanskonferens',
  payload: z.object({ conferenceId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('liaison'),
  decide: (p, s) =>
    conferenceIn(
      s,
      p.conferenceId,
      ['scheduled'],
      'Endast en planerad konferens kan ställas in.',
    ) ?? [draft('liaison.conferenceCancelled', p)],
});
