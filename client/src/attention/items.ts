/** The items addressed to the signed-in person, from the shared module (R225), per space. */
import { useMemo } from 'react';
import { REAL_SPACE } from '../../../shared/protocol';
import { acknowledgedBy, attentionFor, warningItem } from '../../../shared/attention/addressed';
import type { AttentionItem } from '../../../shared/attention/model';
import { DEFAULT_ATTENTION_ROLES } from '../../../shared/warnings';
import { lookup } from '../../../shared/domain/keyed';
import { actorOf, useConsole } from '../store/console';
import { useWarnings } from '../store/warnings';
import { useNow } from '../hooks';

export interface SpacedItem extends AttentionItem {
  space: string;
}

/**
 * Everything addressed to me that is not settled: what waits for my acknowledgement and the
 * information items. The real space always (its level stays on screen inside an exercise, R162),
 * and the exercise on screen.
 */
export function useAttentionItems(): SpacedItem[] {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const current = useConsole((s) => s.currentSpace);
  const real = useConsole((s) =>
    lookup(s.loaded, REAL_SPACE) ? lookup(s.spaces, REAL_SPACE) : undefined,
  );
  const other = useConsole((s) =>
    s.currentSpace !== REAL_SPACE && lookup(s.loaded, s.currentSpace)
      ? lookup(s.spaces, s.currentSpace)
      : undefined,
  );
  const notices = useWarnings((w) => w.notices);
  const now = useNow(15_000);
  return useMemo(() => {
    const a = actorOf({ me, actingFor });
    if (!a) return [];
    const out: SpacedItem[] = [];
    for (const [space, st] of [
      [REAL_SPACE, real],
      [current, other],
    ] as const) {
      if (!st) continue;
      for (const i of attentionFor(st, a, now))
        if (!i.needsAck || !acknowledgedBy(st, i.key, a.userId)) out.push({ ...i, space });
    }
    if (real && current === REAL_SPACE) {
      const roles = real.warningAttention?.roles ?? DEFAULT_ATTENTION_ROLES;
      for (const n of notices) {
        const i = warningItem(n.feature, roles, a, n.at);
        if (i) out.push({ ...i, space: REAL_SPACE });
      }
    }
    return out;
  }, [me, actingFor, current, real, other, notices, now]);
}
