/**
 * The event side of the console's store: snapshots and `events` batches applied through the
 * shared reducer, gaps resynced, and what the stream brought kept for the command side (the
 * report at each seq, so an ack's seqs find what its command produced).
 */
import { producedVersion } from '../../../shared/commands/chains';
import { applyBatch } from '../../../shared/reducer';
import { emptyState, type CityState } from '../../../shared/domain/state';
import { injectTitle } from '../../../shared/exercise/scenario';
import { hasKey, lookup, present } from '../../../shared/domain/keyed';
import type { ConsoleActions, PlayedInject, StoreParts } from './consoleTypes';

/** Bound on the played list per space (the log has them all). */
const MAX_PLAYED = 500;
/** Reports remembered by their seq, so a saved command's report is found from its ack. */
const VERSIONS_BY_SEQ = 500;

function mergePlayed(have: PlayedInject[] | undefined, add: PlayedInject[]): PlayedInject[] {
  const seen = new Set((have ?? []).map((p) => p.injectId));
  const out = [...(have ?? []), ...add.filter((p) => !seen.has(p.injectId))];
  return out.length > MAX_PLAYED ? out.slice(out.length - MAX_PLAYED) : out;
}

function withoutKey<T>(r: Record<string, T>, k: string): Record<string, T> {
  if (!hasKey(r, k)) return r;
  const { [k]: _gone, ...rest } = r;
  return rest;
}

export interface StreamSide {
  actions: Pick<ConsoleActions, 'onSnapshot' | 'onEvents' | 'setSpace'>;
  /** Asks for everything after what the console has of a space (a gap, a failed batch). */
  resync(space: string): void;
  /** The version of a chain (a report) the event at this seq of the space produced, if seen. */
  versionAt(space: string, seq: number): { key: string; version: string } | undefined;
}

export function createStreamSide(p: StoreParts): StreamSide {
  const { get, set } = p;
  /**
   * `space:seq` → the chain version (a report) the event at that seq produced (bounded). An ack
   * names its command's events by their seqs, so the store finds what a command produced here,
   * whatever the server made of its command id.
   */
  const versions = new Map<string, { key: string; version: string }>();
  const seqKey = (space: string, seq: number) => `${space}:${seq}`;

  function resync(space: string) {
    const st = lookup(get().spaces, space);
    set((s) => ({ resyncing: { ...s.resyncing, [space]: true } }));
    p.transport()?.resync(space, st?.seq ?? 0);
  }

  const actions: StreamSide['actions'] = {
    onSnapshot(msg) {
      if (get().mustReload) return;
      const c = msg.state.exercise?.control;
      const fromSnapshot: PlayedInject[] = c
        ? c.injectOrder
            .map((id) => lookup(c.injects, id))
            .filter(present)
            .filter((i) => i.status === 'delivered')
            .map((i) => ({
              injectId: i.inject.id,
              kind: i.inject.kind,
              title: injectTitle(i.inject, (d) => lookup(msg.state.districts, d)?.name ?? d),
              at: i.deliveredAt ?? msg.state.exercise.control?.startedAt ?? '',
            }))
        : [];
      set((s) => ({
        played: {
          ...s.played,
          [msg.space]: mergePlayed(lookup(s.played, msg.space), fromSnapshot),
        },
        spaces: { ...s.spaces, [msg.space]: { ...msg.state, seq: msg.seq } },
        loaded: { ...s.loaded, [msg.space]: true },
        resyncing: { ...s.resyncing, [msg.space]: false },
        fromCache: withoutKey(s.fromCache, msg.space),
      }));
    },

    onEvents(events, meta) {
      if (get().mustReload) return;
      const s = get();
      const current = lookup(s.spaces, meta.space) ?? emptyState(meta.space);
      if (meta.to <= current.seq) return; // already applied (a resend after resync)
      if (meta.from > current.seq + 1) {
        // A gap: something was missed. Ask once for everything after what we have.
        if (!lookup(s.resyncing, meta.space)) resync(meta.space);
        return;
      }
      let next: CityState;
      try {
        next = applyBatch(current, events, meta.to);
      } catch (err) {
        console.error('[store] could not apply batch; resyncing', err);
        resync(meta.space);
        return;
      }
      for (const e of events) {
        const v = producedVersion(e);
        if (!v) continue;
        versions.set(seqKey(meta.space, e.seq), v);
        if (versions.size > VERSIONS_BY_SEQ)
          versions.delete(versions.keys().next().value as string);
      }
      const delivered: PlayedInject[] = events.flatMap((e) =>
        e.type === 'exercise.injectDelivered'
          ? [{ injectId: e.data.injectId, kind: e.data.kind, title: e.data.title, at: e.at }]
          : [],
      );
      if (delivered.length)
        set((st) => ({
          played: {
            ...st.played,
            [meta.space]: mergePlayed(lookup(st.played, meta.space), delivered),
          },
        }));
      set((st) => ({
        spaces: { ...st.spaces, [meta.space]: next },
        loaded: { ...st.loaded, [meta.space]: true },
        resyncing: { ...st.resyncing, [meta.space]: false },
        fromCache: withoutKey(st.fromCache, meta.space),
      }));
      const mine = s.me?.userId;
      const foreign = events.filter((e) => e.actor.userId !== mine);
      if (meta.space !== s.currentSpace) {
        // Another space moved on (the real one, while this person is in an exercise): keep
        // count so the console can say so. Real events keep flowing whatever is on screen.
        if (events.length && lookup(s.loaded, meta.space)) {
          const last = events[events.length - 1];
          set((st) => ({
            unseen: {
              ...st.unseen,
              [meta.space]: {
                count: (lookup(st.unseen, meta.space)?.count ?? 0) + events.length,
                lastAt: last.at,
                lastBy: last.actor.name,
              },
            },
          }));
        }
        return;
      }
      if (foreign.length && lookup(s.loaded, meta.space))
        get().announce(
          foreign.length === 1
            ? `Ny uppdatering från ${foreign[0].actor.name}.`
            : `${foreign.length} nya uppdateringar.`,
        );
    },

    setSpace(space) {
      if (space === get().currentSpace) return;
      set((s) => {
        const unseen = { ...s.unseen };
        delete unseen[space];
        return { unseen };
      });
      set((s) => ({
        currentSpace: space,
        spaces: lookup(s.spaces, space) ? s.spaces : { ...s.spaces, [space]: emptyState(space) },
      }));
      p.transport()?.resync(space, lookup(get().spaces, space)?.seq ?? 0);
    },
  };
  return { actions, resync, versionAt: (space, seq) => versions.get(seqKey(space, seq)) };
}
