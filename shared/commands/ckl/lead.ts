/** The CKL lead (stabschef): direction decisions and the briefing cadence (R20–R39 in docs/rules.md). */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import { refuse } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { mayDecideDirection } from '../../policy/ckl';
import { cklActive } from '../../views/ckl';
import { lookup } from '../../domain/keyed';

import { Minutes, Text, addMinutes, isRef, openEventWithCkl } from './common';

export const decideDirection = defineCommand({
  label: 'Inriktningsbeslut',
  payload: z
    .object({
      eventId: Id,
      /** The consequence analysis and option the decision is based on, if any. */
      analysisId: Id.optional(),
      optionId: Id.optional(),
      basis: Text('Ange beslutsunderlag.'),
      what: Text('Ange inriktningen.'),
      informed: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
    })
    .strict(),
  // R23: the CKL lead or the director decides the direction.
  authorize: (a, _p, s, now) =>
    when(
      mayDecideDirection(a, s, now),
      'Endast stabschefen eller stadsdirektören fattar inriktningsbeslut.',
    ),
  decide: (p, s, ctx) => {
    const e = openEventWithCkl(s, p.eventId);
    if (isRef(e)) return e;
    let what = p.what;
    if (p.analysisId) {
      const an = lookup(s.ckl.analyses, p.analysisId);
      if (!an || an.eventId !== e.id) return refuse('NOT_FOUND', 'Analysen finns inte.');
      if (an.decision) return refuse('CONFLICT', 'Analysen har redan lett till ett beslut.');
      if (p.optionId) {
        const opt = an.options.find((o) => o.id === p.optionId);
        if (!opt) return refuse('NOT_FOUND', 'Alternativet finns inte i analysen.');
        what = `${opt.title}: ${p.what}`;
      }
    } else if (p.optionId) return refuse('INVALID', 'Ett alternativ hör till en analys.');
    const decisionId = ctx.newId('dec');
    const out: EventDraft[] = [
      draft('decision.recorded', {
        decisionId,
        kind: 'direction',
        eventId: e.id,
        basis: p.basis,
        what,
        informed: p.informed,
      }),
    ];
    if (p.analysisId)
      out.push(
        draft('ckl.analysisDecided', {
          analysisId: p.analysisId,
          decisionId,
          optionId: p.optionId,
        }),
      );
    return out;
  },
});

export const setBriefing = defineCommand({
  label: 'Planera stabsgenomgång',
  payload: z
    .object({
      nextAt: IsoTime,
      intervalMinutes: Minutes.optional(),
      place: z.string().trim().max(200).optional(),
    })
    .strict(),
  // R24: the lead sets the cadence.
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'ckl_lead'), 'Endast stabschefen planerar stabsgenomgångar.'),
  decide: (p, s, ctx) => {
    if (!cklActive(s))
      return refuse(
        'CONFLICT',
        'CKL är inte aktiverad. Stabsgenomgångar hålls när CKL är i arbete.',
      );
    if (p.nextAt < ctx.now)
      return refuse('INVALID', 'Nästa stabsgenomgång kan inte ligga i det förflutna.');
    return [draft('ckl.briefingScheduled', p)];
  },
});

export const recordBriefing = defineCommand({
  label: 'Stabsgenomgång genomförd',
  payload: z
    .object({ summary: Text('Sammanfatta genomgången.'), nextAt: IsoTime.optional() })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(actsAs(a, s, now, 'ckl_lead'), 'Endast stabschefen registrerar stabsgenomgångar.'),
  decide: (p, s, ctx) => {
    if (!cklActive(s))
      return refuse(
        'CONFLICT',
        'CKL är inte aktiverad. Stabsgenomgångar hålls när CKL är i arbete.',
      );
    const interval = s.ckl.briefing.intervalMinutes;
    const nextAt = p.nextAt ?? (interval ? addMinutes(ctx.now, interval) : undefined);
    if (nextAt && nextAt < ctx.now)
      return refuse('INVALID', 'Nästa stabsgenomgång kan inte ligga i det förflutna.');
    return [draft('ckl.briefingHeld', { summary: p.summary, nextAt })];
  },
});
