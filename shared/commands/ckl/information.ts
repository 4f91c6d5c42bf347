/** Information (kriskommunikation): messages through review to publication, press and media. */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import type { CityState } from '../../domain/state';
import { CapInfo, MediaTone, TargetGroup, type InfoMessage } from '../../domain/ckl';
import { refuse, type Refusal } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { mayApproveMessage, worksIn } from '../../policy/ckl';
import { lookup } from '../../domain/keyed';

import { CKL_INTERNAL, Optional, Short, Text, Title, fnPolicy, requireActive } from './common';

const MessageFields = {
  headline: Title,
  body: Text('Skriv meddelandet.'),
  instruction: Optional,
  channels: z.array(Short('Ange kanal.')).max(10).default([]),
  areaDistrictIds: z.array(Id).max(20).optional(),
  cap: CapInfo.default({
    category: 'Safety',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
  }),
};

function checkAreas(s: CityState, ids: readonly string[]): Refusal | null {
  for (const id of ids)
    if (!lookup(s.districts, id)) return refuse('INVALID', `Okänt stadsdelsområde: ${id}.`);
  return null;
}

export const draftMessage = defineCommand({
  label: 'Skriv meddelande',
  payload: z
    .object({
      eventId: Id.optional(),
      targetGroup: TargetGroup,
      /** A published message this one updates. */
      replaces: Id.optional(),
      ...MessageFields,
    })
    .strict(),
  authorize: fnPolicy('information'),
  // R30: drafts are internal to the crisis staff until published.
  decide: (p, s, ctx) => {
    const bad = requireActive(s, 'information', p.eventId);
    if (bad) return bad;
    let version = 1;
    if (p.replaces) {
      const old = lookup(s.ckl.messages, p.replaces);
      if (!old || old.status !== 'published')
        return refuse('CONFLICT', 'Endast ett publicerat meddelande kan uppdateras.');
      version = old.version + 1;
    }
    const areaDistrictIds =
      p.areaDistrictIds ??
      (p.eventId ? (lookup(s.events, p.eventId)?.affectedDistrictIds ?? []) : []);
    const areaBad = checkAreas(s, areaDistrictIds);
    if (areaBad) return areaBad;
    return [
      draft(
        'information.messageDrafted',
        {
          messageId: ctx.newId('msg'),
          eventId: p.eventId,
          targetGroup: p.targetGroup,
          headline: p.headline,
          body: p.body,
          instruction: p.instruction,
          channels: p.channels,
          areaDistrictIds,
          cap: p.cap,
          replaces: p.replaces,
          version,
        },
        CKL_INTERNAL,
      ),
    ];
  },
});

const editable = (m: InfoMessage | undefined): Refusal | null =>
  !m
    ? refuse('NOT_FOUND', 'Meddelandet finns inte.')
    : m.status === 'published' || m.status === 'withdrawn'
      ? refuse(
          'CONFLICT',
          'Meddelandet är publicerat eller återkallat. Skriv ett nytt som uppdaterar det.',
        )
      : null;

export const reviseMessage = defineCommand({
  label: 'Ändra meddelande',
  payload: z
    .object({
      messageId: Id,
      headline: Title.optional(),
      body: Text('Skriv meddelandet.').optional(),
      instruction: z.string().trim().max(4000).optional(),
      channels: z.array(Short('Ange kanal.')).max(10).optional(),
      areaDistrictIds: z.array(Id).max(20).optional(),
      cap: CapInfo.optional(),
    })
    .strict(),
  authorize: fnPolicy('information'),
  // R30: a changed message is a new version and needs a new approval.
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    const bad = editable(m) ?? checkAreas(s, p.areaDistrictIds ?? []);
    if (bad) return bad;
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    return [
      draft(
        'information.messageDrafted',
        {
          messageId: m.id,
          eventId: m.eventId,
          targetGroup: m.targetGroup,
          headline: p.headline ?? m.headline,
          body: p.body ?? m.body,
          instruction: p.instruction ?? m.instruction,
          channels: p.channels ?? m.channels,
          areaDistrictIds: p.areaDistrictIds ?? m.areaDistrictIds,
          cap: p.cap ?? m.cap,
          replaces: m.replaces,
          version: m.version + 1,
        },
        CKL_INTERNAL,
      ),
    ];
  },
});

const APPROVE_FORBIDDEN =
  'Du får inte godkänna meddelandet. Meddelanden till allmänheten och media godkänns av stabschefen eller stadsdirektören, aldrig av den som skrivit dem.';

function approverPolicy(a: Parameters<typeof worksIn>[0], id: string, s: CityState, now: string) {
  const m = lookup(s.ckl.messages, id);
  if (!m)
    return when(
      actsAs(a, s, now, 'ckl_lead', 'director') || a.role === 'ckl_information',
      APPROVE_FORBIDDEN,
    );
  return when(mayApproveMessage(a, s, now, m), APPROVE_FORBIDDEN);
}

export const approveMessage = defineCommand({
  label: 'Godkänn meddelande',
  payload: z.object({ messageId: Id }).strict(),
  // R31: only those entitled approve, never the drafter.
  authorize: (a, p, s, now) => approverPolicy(a, p.messageId, s, now),
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status !== 'draft')
      return refuse(
        'CONFLICT',
        m.status === 'returned'
          ? 'Meddelandet är återremitterat och måste ändras först.'
          : 'Meddelandet är inte ett utkast.',
      );
    return [draft('information.messageApproved', p, CKL_INTERNAL)];
  },
});

export const returnMessage = defineCommand({
  label: 'Återremittera meddelande',
  payload: z.object({ messageId: Id, reason: Text('Ange vad som ska ändras.') }).strict(),
  authorize: (a, p, s, now) => approverPolicy(a, p.messageId, s, now),
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status !== 'draft' && m.status !== 'approved')
      return refuse('CONFLICT', 'Endast ett utkast eller godkänt meddelande kan återremitteras.');
    return [draft('information.messageReturned', p, CKL_INTERNAL)];
  },
});

export const publishMessage = defineCommand({
  label: 'Markera som publicerat',
  payload: z.object({ messageId: Id }).strict(),
  authorize: fnPolicy('information'),
  // R30: one voice: nothing is published before it is approved.
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status !== 'approved')
      return refuse('CONFLICT', 'Meddelandet måste godkännas innan det publiceras.');
    const out: EventDraft[] = [
      draft('information.messagePublished', {
        messageId: m.id,
        eventId: m.eventId,
        targetGroup: m.targetGroup,
        headline: m.headline,
        body: m.body,
        instruction: m.instruction,
        channels: m.channels,
        areaDistrictIds: m.areaDistrictIds,
        cap: m.cap,
        replaces: m.replaces,
        version: m.version,
        draftedAt: m.draftedAt,
        draftedBy: m.draftedBy,
        approvedAt: m.approvedAt as string,
        approvedBy: m.approvedBy as NonNullable<InfoMessage['approvedBy']>,
      }),
    ];
    return out;
  },
});

export const withdrawMessage = defineCommand({
  label: 'Återkalla meddelande',
  payload: z.object({ messageId: Id, reason: Text('Ange varför.') }).strict(),
  authorize: fnPolicy('information'),
  decide: (p, s) => {
    const m = lookup(s.ckl.messages, p.messageId);
    if (!m) return refuse('NOT_FOUND', 'Meddelandet finns inte.');
    if (m.status === 'withdrawn') return refuse('CONFLICT', 'Meddelandet är redan återkallat.');
    // A published message's withdrawal is public; a draft's stays inside the staff.
    return [
      draft('information.messageWithdrawn', p, m.status === 'published' ? undefined : CKL_INTERNAL),
    ];
  },
});

export const schedulePressConference = defineCommand({
  label: 'Planera presskonferens',
  payload: z
    .object({
      eventId: Id.optional(),
      at: IsoTime,
      place: Short('Ange plats.'),
      topic: Short('Ange ämne.'),
      spokespersons: z.array(Short('Ange talesperson.')).max(10).default([]),
    })
    .strict(),
  authorize: fnPolicy('information'),
  decide: (p, s, ctx) =>
    requireActive(s, 'information', p.eventId) ?? [
      draft('information.pressConferenceScheduled', { ...p, pressId: ctx.newId('press') }),
    ],
});

export const recordPressConference = defineCommand({
  label: 'Registrera presskonferens',
  payload: z
    .object({ pressId: Id, status: z.enum(['held', 'cancelled']), notes: Optional })
    .strict(),
  authorize: fnPolicy('information'),
  decide: (p, s) => {
    const pc = lookup(s.ckl.pressConferences, p.pressId);
    if (!pc) return refuse('NOT_FOUND', 'Presskonferensen finns inte.');
    if (pc.status !== 'scheduled')
      return refuse('CONFLICT', 'Presskonferensen är redan registrerad.');
    return [draft('information.pressConferenceRecorded', p)];
  },
});

export const logMedia = defineCommand({
  label: 'Logga mediebevakning',
  payload: z
    .object({
      eventId: Id.optional(),
      source: Short('Ange källa.'),
      summary: Text('Sammanfatta vad som sägs.'),
      tone: MediaTone,
      actionNeeded: z.boolean().default(false),
    })
    .strict(),
  authorize: fnPolicy('information'),
  decide: (p, s, ctx) =>
    requireActive(s, 'information', p.eventId) ?? [
      draft('information.mediaLogged', { ...p, noteId: ctx.newId('med') }),
    ],
});
