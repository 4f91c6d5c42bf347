/** Events of the official-warning intake's settings (R135). */
import { z } from 'zod';
import { Role } from '../domain/vocabulary';

export const WARNING_EVENTS = {
  /** Who a new warning touching Stockholm county draws the attention of. */
  'warnings.attentionSet': z.object({ roles: z.array(Role).max(20) }),
} as const;
