/**
 * R95 in the Redis mode: every node records openings in the same bounded record per share, so
 * the counts are the installation's, not one node's. One Lua script per opening keeps the
 * bounds atomic; the keys expire SHARE_MAX_DAYS + 30 days after the last opening.
 */
import type { Redis } from 'ioredis';
import { SHARE_MAX_DAYS } from '../../shared/domain/share';
import {
  RECENT_VIEWS,
  SHARE_VIEW_KINDS,
  VISITORS_CAP,
  zeroKinds,
  type ShareView,
  type ShareViewKind,
  type ShareViewStore,
  type ShareViewSummary,
} from './views';

const TTL_SECONDS = (SHARE_MAX_DAYS + 30) * 86_400;

// KEYS: counts hash, visitors set, recent list. ARGV: kind, at, visitor, view json, caps, ttl.
const RECORD = `
redis.call('HINCRBY', KEYS[1], 'count', 1)
redis.call('HINCRBY', KEYS[1], 'k:' .. ARGV[1], 1)
redis.call('HSETNX', KEYS[1], 'firstAt', ARGV[2])
redis.call('HSET', KEYS[1], 'lastAt', ARGV[2])
if redis.call('SCARD', KEYS[2]) < tonumber(ARGV[5]) then redis.call('SADD', KEYS[2], ARGV[3]) end
redis.call('LPUSH', KEYS[3], ARGV[4])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[6]) - 1)
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], tonumber(ARGV[7])) end
return 1
`;

export class RedisShareViewStore implements ShareViewStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(space: string, shareId: string): [string, string, string] {
    const base = `${this.prefix}:share-views:${space}:${shareId}`;
    return [base, `${base}:visitors`, `${base}:recent`];
  }

  async record(space: string, shareId: string, view: ShareView): Promise<void> {
    await this.redis.eval(
      RECORD,
      3,
      ...this.keys(space, shareId),
      view.kind,
      view.at,
      view.visitor,
      JSON.stringify(view),
      VISITORS_CAP,
      RECENT_VIEWS,
      TTL_SECONDS,
    );
  }

  async summaries(space: string, shareIds: readonly string[]) {
    const out = new Map<string, ShareViewSummary>();
    if (shareIds.length === 0) return out;
    const p = this.redis.pipeline();
    for (const id of shareIds) {
      const [h, v, r] = this.keys(space, id);
      p.hgetall(h)
        .scard(v)
        .lrange(r, 0, RECENT_VIEWS - 1);
    }
    const res = (await p.exec()) ?? [];
    shareIds.forEach((id, i) => {
      const [[e1, h], [e2, visitors], [e3, recent]] = res.slice(i * 3, i * 3 + 3) as [
        Error | null,
        unknown,
      ][];
      if (e1 || e2 || e3) throw e1 ?? e2 ?? e3;
      const hash = h as Record<string, string>;
      if (!hash.count) return;
      const byKind = zeroKinds();
      for (const k of SHARE_VIEW_KINDS) byKind[k] = Number(hash[`k:${k}`] ?? 0);
      out.set(id, {
        count: Number(hash.count),
        byKind,
        visitors: Number(visitors),
        visitorsCapped: Number(visitors) >= VISITORS_CAP,
        firstAt: hash.firstAt,
        lastAt: hash.lastAt,
        recent: (recent as string[]).flatMap((s) => {
          try {
            const v = JSON.parse(s) as ShareView;
            return SHARE_VIEW_KINDS.includes(v.kind as ShareViewKind) ? [v] : [];
          } catch {
            return [];
          }
        }),
      });
    });
    return out;
  }

  async close(): Promise<void> {
    /* the connection belongs to the backends */
  }
}
