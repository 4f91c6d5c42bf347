/** Events (händelser): opening, updating and closing a disruption, and its evaluation. */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import {
  actsAs,
  isOfficerOfDistrict,
  isOfficerOfUnit,
  ownsEvent,
  when,
} from '../../policy/predicates';
import { WarningRefSchema } from '../../warnings/model';
import { lookup } from '../../domain/keyed';
import {
  DecisionInput,
  LongText,
  Title,
  checkDistricts,
  checkUnits,
  decisionDraft,
  isRef,
  openEvent,
} from './common';

const Area = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('district'), id: Id }).strict(),
  z.object({ kind: z.literal('unit'), id: Id }).strict(),
  z.object({ kind: z.literal('central') }).strict(),
]);

export const openDisruption = defineCommand({
  label: 'Öppna störning',
  payload: z
    .object({
      title: Title,
      description: LongText.default(''),
      area: Area,
      affectedDistrictIds: z.array(Id).max(20).default([]),
      affectedUnitIds: z.array(Id).max(20).default([]),
      /** Opened from an official warning: its reference stays with the event (R139). */
      source: WarningRefSchema.optional(),
    })
    .strict(),
  // R5: any district or unit officer opens a disruption in their own area.
  authorize: (a, p, s, now) => {
    if (p.area.kind === 'district')
      return when(
        isOfficerOfDistrict(a, p.area.id) || actsAs(a, s, now, 'director', 'security_chief'),
        'Du kan bara öppna en störning i ditt eget stadsdelsområde.',
      );
    if (p.area.kind === 'unit')
      return when(
        isOfficerOfUnit(a, p.area.id) || actsAs(a, s, now, 'director', 'security_chief'),
        'Du kan bara öppna en störning i din egen förvaltning eller ditt eget bolag.',
      );
    return when(
      actsAs(a, s, now, 'director', 'security_chief'),
      'Endast stadsdirektören eller säkerhetschefen kan öppna en störning för hela staden.',
    );
  },
  decide: (p, s, ctx) => {
    const affectedDistrictIds = [
      ...new Set([...(p.area.kind === 'district' ? [p.area.id] : []), ...p.affectedDistrictIds]),
    ];
    const affectedUnitIds = [
      ...new Set([...(p.area.kind === 'unit' ? [p.area.id] : []), ...p.affectedUnitIds]),
    ];
    const bad = checkDistricts(s, affectedDistrictIds) ?? checkUnits(affectedUnitIds);
    if (bad) return bad;
    return [
      draft('event.opened', {
        eventId: ctx.newId('evt'),
        title: p.title,
        description: p.description,
        owner: p.area,
        affectedDistrictIds,
        affectedUnitIds,
        ...(p.source ? { source: p.source } : {}),
      }),
    ];
  },
});

export const updateEvent = defineCommand({
  label: 'Uppdatera händelse',
  payload: z
    .object({
      eventId: Id,
      title: Title.optional(),
      description: LongText.optional(),
      affectedDistrictIds: z.array(Id).max(20).optional(),
      affectedUnitIds: z.array(Id).max(20).optional(),
    })
    .strict(),
  authorize: (a, p, s, now) => {
    const e = lookup(s.events, p.eventId);
    return when(
      (e !== undefined && ownsEvent(a, e)) ||
        actsAs(a, s, now, 'director', 'security_chief', 'ckl_lead'),
      'Endast den ansvariga enheten, stadsdirektören, säkerhetschefen eller stabschefen kan uppdatera händelsen.',
    );
  },
  decide: (p, s) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    const bad =
      checkDistricts(s, p.affectedDistrictIds ?? []) ?? checkUnits(p.affectedUnitIds ?? []);
    if (bad) return bad;
    return [draft('event.updated', p)];
  },
});

export const closeEvent = defineCommand({
  label: 'Avsluta händelse',
  payload: z.object({ eventId: Id, decision: DecisionInput }).strict(),
  authorize: (a, p, s, now) => {
    const e = lookup(s.events, p.eventId);
    if (e?.level === 'extraordinary')
      return when(
        actsAs(a, s, now, 'chair'),
        'En extraordinär händelse avslutas av krisledningsnämndens ordförande.',
      );
    if (e?.level === 'serious')
      return when(
        actsAs(a, s, now, 'director'),
        'En allvarlig händelse avslutas av stadsdirektören.',
      );
    return when(
      (e !== undefined && ownsEvent(a, e)) || actsAs(a, s, now, 'director', 'security_chief'),
      'Endast den ansvariga enheten, stadsdirektören eller säkerhetschefen kan avsluta störningen.',
    );
  },
  decide: (p, s, ctx) => {
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    const d = decisionDraft(ctx, 'event_closed', p.decision, 'Händelsen avslutas', e.id);
    const out: EventDraft[] = [d.draft];
    if (e.pendingProposalId)
      out.push(
        draft('proposal.resolved', {
          proposalId: e.pendingProposalId,
          status: 'withdrawn',
          resolution: 'Händelsen avslutades',
        }),
      );
    out.push(draft('event.closed', { eventId: e.id, decisionId: d.id }));
    // R11: an event on which CKL was activated must be evaluated.
    if (e.cklEverActivated)
      out.push(draft('evaluation.opened', { evaluationId: ctx.newId('eval'), eventId: e.id }));
    return out;
  },
});
