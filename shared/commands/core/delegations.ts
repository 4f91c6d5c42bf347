/** Deputies (ersättare, R14): granting and revoking a delegated role. */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id, IsoTime } from '../../events/schemas';
import { DelegableRole, DEPUTY_LABEL } from '../../domain/vocabulary';
import { refuse } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { lookup } from '../../domain/keyed';
import { Basis, decisionDraft } from './common';

export const grantDelegation = defineCommand({
  label: 'Delegera roll',
  payload: z
    .object({ role: DelegableRole, toUserId: Id, basis: Basis, until: IsoTime.optional() })
    .strict(),
  authorize: (a, p, s, now) =>
    // R117: an administrator delegates others' roles, never one to himself (he would become
    // the chair by his own hand); the holder has the role already.
    p.toUserId === a.userId
      ? refuse('FORBIDDEN', 'Du kan inte delegera en roll till dig själv.')
      : when(
          (a.role === p.role && !a.actingFor) || actsAs(a, s, now, 'admin'),
          'Endast den som innehar rollen (eller en administratör) kan delegera den.',
        ),
  decide: (p, s, ctx) => {
    const u = lookup(s.users, p.toUserId);
    if (!u || !u.active) return refuse('NOT_FOUND', 'Mottagaren finns inte eller är inaktiverad.');
    if (p.until && p.until <= ctx.now) return refuse('INVALID', 'Slutdatumet har redan passerat.');
    const delegationId = ctx.newId('del');
    const d = decisionDraft(
      ctx,
      'delegation',
      { basis: p.basis, informed: [u.name] },
      `${u.name} är ${DEPUTY_LABEL[p.role]}`,
    );
    return [
      d.draft,
      draft('delegation.granted', {
        delegationId,
        role: p.role,
        toUserId: p.toUserId,
        basis: p.basis,
        until: p.until,
      }),
    ];
  },
});

export const revokeDelegation = defineCommand({
  label: 'Återkalla delegering',
  payload: z.object({ delegationId: Id }).strict(),
  authorize: (a, p, s, now) => {
    const d = lookup(s.delegations, p.delegationId);
    return when(
      (d !== undefined && a.role === d.role) || actsAs(a, s, now, 'admin'),
      'Endast den som innehar rollen (eller en administratör) kan återkalla delegeringen.',
    );
  },
  decide: (p, s) => {
    const d = lookup(s.delegations, p.delegationId);
    if (!d) return refuse('NOT_FOUND', 'Delegeringen finns inte.');
    if (d.revokedAt) return refuse('CONFLICT', 'Delegeringen är redan återkallad.');
    return [draft('delegation.revoked', p)];
  },
});
