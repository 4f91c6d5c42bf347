/** Settings of the official-warning intake (R135). */
import { z } from 'zod';
import { defineCommand } from './define';
import { draft } from '../events';
import { Role } from '../domain/vocabulary';
import { when } from '../policy/predicates';

export const setWarningAttention = defineCommand({
  label: 'Välj vilka roller som uppmärksammas på varningar',
  payload: z.object({ roles: z.array(Role).max(20, 'Välj högst 20 roller.') }).strict(),
  authorize: (a) =>
    when(
      a.role === 'admin',
      'Endast systemadministratören väljer vilka roller som uppmärksammas på varningar.',
    ),
  decide: (p) => [draft('warnings.attentionSet', { roles: [...new Set(p.roles)] })],
});

export const WARNING_COMMANDS = { 'warnings.setAttention': setWarningAttention } as const;
