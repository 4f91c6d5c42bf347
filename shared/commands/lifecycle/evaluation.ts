/**
 * The evaluation (utvärdering) an event with CKL activated must have (R11, R204): what was
 * learnt, the actions decided with an owner each, and when they are followed up.
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import { refuse } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';

const Line = (msg: string) => z.string().trim().min(1, msg).max(2000, 'Högst 2000 tecken.');

export const completeEvaluation = defineCommand({
  label: 'Slutför utvärdering',
  payload: z
    .object({
      evaluationId: Id,
      summary: z.string().trim().min(1, 'Sammanfatta utvärderingen.').max(8000),
      findings: z
        .array(Line('En iakttagelse får inte vara tom.'))
        .min(1, 'Ange minst en iakttagelse.')
        .max(50),
      actions: z
        .array(
          z
            .object({
              what: Line('Beskriv åtgärden.'),
              owner: z
                .string()
                .trim()
                .min(1, 'Varje åtgärd ska ha en ansvarig.')
                .max(200, 'Högst 200 tecken.'),
              due: IsoTime.optional(),
            })
            .strict(),
        )
        .max(50)
        .default([]),
      /** When the actions are followed up; needed as soon as there is an action. */
      followUpAt: IsoTime.optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director', 'ckl_lead', 'security_chief'),
      'Endast stadsdirektören, säkerhetschefen eller stabschefen kan slutföra en utvärdering.',
    ),
  decide: (p, s, ctx) => {
    const ev = lookup(s.evaluations, p.evaluationId);
    if (!ev) return refuse('NOT_FOUND', 'Utvärderingen finns inte.');
    if (ev.status === 'done') return refuse('CONFLICT', 'Utvärderingen är redan slutförd.');
    if (p.actions.length && !p.followUpAt)
      return refuse('INVALID', 'Ange när åtgärderna följs upp.');
    if (p.followUpAt && p.followUpAt <= ctx.now)
      return refuse('INVALID', 'Uppföljningen ska ligga framåt i tiden.');
    return [
      draft('evaluation.completed', {
        evaluationId: p.evaluationId,
        summary: p.summary,
        findings: p.findings,
        actions: p.actions,
        ...(p.followUpAt ? { followUpAt: p.followUpAt } : {}),
      }),
    ];
  },
});

export const EVALUATION_COMMANDS = { 'evaluation.complete': completeEvaluation } as const;
