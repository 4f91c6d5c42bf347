/** The crisis board (krisledningsnämnden) and höjd beredskap. */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id } from '../../events/schemas';
import { HeightenedAlertLevel, HEIGHTENED_ALERT_LABEL } from '../../domain/vocabulary';
import { refuse } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';
import { DecisionInput, LongText, decisionDraft, isRef, openEvent } from './common';

export const takeUrgentDecision = defineCommand({
  label: 'Brådskande beslut',
  payload: z
    .object({
      eventId: Id.optional(),
      decision: DecisionInput.extend({ what: LongText.min(1, 'Ange vad som beslutas.') }),
    })
    .strict(),
  // R12: the chair decides urgent matters on the board's behalf while the board is in function.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast krisledningsnämndens ordförande kan fatta brådskande beslut på nämndens vägnar.',
    ),
  decide: (p, s, ctx) => {
    if (!s.boardInFunction)
      return refuse(
        'CONFLICT',
        'Krisledningsnämnden är inte i funktion (ingen extraordinär händelse pågår).',
      );
    if (p.eventId && !lookup(s.events, p.eventId))
      return refuse('NOT_FOUND', 'Händelsen finns inte.');
    const id = ctx.newId('dec');
    return [
      draft('decision.recorded', {
        decisionId: id,
        kind: 'urgent_decision',
        eventId: p.eventId,
        basis: p.decision.basis,
        what: p.decision.what,
        informed: p.decision.informed,
      }),
    ];
  },
});

export const reportUrgentDecision = defineCommand({
  label: 'Anmäl brådskande beslut till nämnden',
  payload: z
    .object({
      decisionId: Id,
      reference: z.string().trim().min(1, 'Ange sammanträde eller diarienummer.').max(200),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast ordföranden anmäler sina brådskande beslut till nämnden.',
    ),
  decide: (p, s) => {
    const d = lookup(s.decisions, p.decisionId);
    if (!d || d.kind !== 'urgent_decision')
      return refuse('NOT_FOUND', 'Det brådskande beslutet finns inte.');
    if (d.reportedToBoard) return refuse('CONFLICT', 'Beslutet är redan anmält till nämnden.');
    return [draft('board.urgentDecisionReported', p)];
  },
});

export const takeOverArea = defineCommand({
  label: 'Överta verksamhetsområde',
  payload: z
    .object({
      eventId: Id,
      area: z.string().trim().min(1, 'Ange vilket område som tas över.').max(300),
      decision: DecisionInput,
    })
    .strict(),
  // R13: the board, in function, may take over all or part of another board's area.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast krisledningsnämndens ordförande kan besluta om övertagande av verksamhetsområde.',
    ),
  decide: (p, s, ctx) => {
    if (!s.boardInFunction)
      return refuse(
        'CONFLICT',
        'Krisledningsnämnden är inte i funktion (ingen extraordinär händelse pågår).',
      );
    const e = openEvent(s, p.eventId);
    if (isRef(e)) return e;
    return [
      decisionDraft(ctx, 'takeover', p.decision, `Krisledningsnämnden tar över: ${p.area}`, e.id)
        .draft,
    ];
  },
});

export const recordHeightenedAlert = defineCommand({
  label: 'Registrera höjd beredskap',
  payload: z
    .object({
      level: HeightenedAlertLevel,
      governmentDecisionRef: z
        .string()
        .trim()
        .min(1, 'Ange regeringsbeslutets beteckning.')
        .max(200),
      text: z.string().trim().min(1, 'Ange vad regeringen beslutat.').max(4000),
      decision: DecisionInput,
    })
    .strict(),
  // R15: höjd beredskap is the government's decision; the city records it.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director', 'security_chief'),
      'Endast stadsdirektören eller säkerhetschefen registrerar regeringens beslut om höjd beredskap.',
    ),
  decide: (p, s, ctx) => {
    if (p.level === s.heightenedAlert.level)
      return refuse(
        'CONFLICT',
        `Staden har redan: ${HEIGHTENED_ALERT_LABEL[p.level].toLowerCase()}.`,
      );
    const d = decisionDraft(
      ctx,
      'heightened_alert',
      p.decision,
      `${HEIGHTENED_ALERT_LABEL[p.level]} enligt regeringsbeslut ${p.governmentDecisionRef}`,
    );
    return [
      d.draft,
      draft('heightenedAlert.recorded', {
        level: p.level,
        governmentDecisionRef: p.governmentDecisionRef,
        text: p.text,
        decisionId: d.id,
      }),
    ];
  },
});
