/**
 * Appliers for the share events (R90–R99). Bounded: a series keeps its latest published
 * versions (the feed), and past a cap the oldest finished shares leave the state.
 */
import type { EventData, StoredEvent } from '../events';
import type { SHARE_EVENTS } from '../events/share';
import type { CityState } from '../domain/state';
import {
  SHARE_FEED_ENTRIES,
  SHARE_RECORD_CAP,
  shareStatus,
  type Share,
  type ShareState,
} from '../domain/share';
import { tableDelete, tableGet, tableSet, tableUpdate, tableValues } from '../domain/table';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type ShareAppliers = {
  [K in keyof typeof SHARE_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

const withShares = (s: CityState, patch: Partial<ShareState>): CityState => ({
  ...s,
  shares: { ...s.shares, ...patch },
});

/** A version a live share stays on is kept even when it leaves its series' feed. */
const pinned = (st: ShareState, sitrepId: string, at: string): boolean =>
  tableValues(st.shares).some(
    (sh) => !sh.follow && sh.sitrepId === sitrepId && shareStatus(sh, at) === 'active',
  );

/** Drops the oldest finished shares (and their token entries) past the cap. */
function capShares(st: ShareState, at: string): ShareState {
  const all = tableValues(st.shares);
  let over = all.length - SHARE_RECORD_CAP;
  if (over <= 0) return st;
  let { shares, byToken } = st;
  for (const sh of [...all].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (over <= 0) break;
    if (shareStatus(sh, at) === 'active') continue;
    shares = tableDelete(shares, sh.id);
    byToken = tableDelete(byToken, sh.tokenHash);
    over--;
  }
  return { ...st, shares, byToken };
}

export const shareAppliers: ShareAppliers = {
  'share.reportPublished': (s, d, m) => {
    const r = d.report;
    const st = s.shares;
    let reports = tableSet(st.reports, r.sitrepId, r);
    const before = (tableGet(st.series, r.series) ?? []).filter((id) => id !== r.sitrepId);
    const ordered = [...before, r.sitrepId].sort(
      (a, b) => (tableGet(reports, a)?.version ?? 0) - (tableGet(reports, b)?.version ?? 0),
    );
    const keep = ordered.slice(-SHARE_FEED_ENTRIES);
    for (const gone of ordered.slice(0, ordered.length - keep.length))
      if (!pinned(st, gone, m.at)) reports = tableDelete(reports, gone);
    return withShares(s, { reports, series: tableSet(st.series, r.series, keep) });
  },
  'share.created': (s, d, m) => {
    const sh: Share = {
      id: d.shareId,
      tokenHash: d.tokenHash,
      sitrepId: d.sitrepId,
      series: d.series,
      ...(d.eventId ? { eventId: d.eventId } : {}),
      follow: d.follow,
      fromVersion: d.fromVersion,
      recipient: {
        kind: d.recipient.kind,
        ...(d.recipient.actorId ? { actorId: d.recipient.actorId } : {}),
        name: d.recipient.name,
      },
      createdAt: m.at,
      createdBy: m.actor,
      expiresAt: d.expiresAt,
    };
    const st = s.shares;
    return {
      ...s,
      shares: capShares(
        {
          ...st,
          shares: tableSet(st.shares, sh.id, sh),
          byToken: tableSet(st.byToken, sh.tokenHash, sh.id),
        },
        m.at,
      ),
    };
  },
  'share.revoked': (s, d, m) => {
    const shares = tableUpdate(s.shares.shares, d.shareId, (sh) =>
      sh.revoked ? sh : { ...sh, revoked: { at: m.at, by: m.actor, reason: d.reason } },
    );
    return shares === s.shares.shares ? s : withShares(s, { shares });
  },
};
