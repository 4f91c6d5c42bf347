/** Acknowledgements (kvitteringar) of what was addressed to a person (R226). */
import { z } from 'zod';
import { AttentionKind } from '../attention/model';

export const AttentionKey = z.string().min(3).max(300);

export const ATTENTION_EVENTS = {
  /** The actor acknowledged the item `key` (shared/attention/addressed.ts names the keys). */
  'attention.acknowledged': z.object({ key: AttentionKey, kind: AttentionKind }),
} as const;
