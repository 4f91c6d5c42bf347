/**
 * The command side of the console's store: commands go out through the transport with a
 * client-made id, wait in the outbox until the server answers, and are settled by the ack
 * (saved with the seqs of its events, refused, in conflict, or to be sent again).
 */
import { lookup } from '../../../shared/domain/keyed';
import type { CommandAck } from '../../../shared/protocol';
import { chainOf, type ChainLink } from '../../../shared/commands/chains';
import { chainQueue, type PendingCommand } from './outbox';
import type { AckState, ConsoleActions, StoreParts } from './consoleTypes';
import type { StreamSide } from './stream';

/** How soon an unanswered command is sent again while the connection stays up. */
export const RETRY_MS = 2_000;

const nowIso = () => new Date().toISOString();
const newId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * How long a saved report's follower waits for the stream to reach the ack's seq (the stream
 * may stall, e.g. on a resync); after that it is sent as written.
 */
const PRODUCED_WAIT_MS = 5_000;
/** A report command produces a few events; a longer range is not searched seq by seq. */
const MAX_RANGE = 50;

export function createCommandSide(
  p: StoreParts & Pick<StreamSide, 'resync' | 'versionAt'>,
): Pick<ConsoleActions, 'send' | 'flush' | 'dismissAck' | 'resolveConflict'> {
  const { get, set, resync } = p;
  const outbox = () => p.outbox();
  const inFlight = new Set<string>();
  let flushing = false;
  let flushAgain = false;
  const ackAt = (origin: string, ack: AckState) =>
    set((s) => ({ acks: { ...s.acks, [origin]: ack } }));
  const syncPending = () => set({ pending: outbox().list() });
  /** Sends the queue again after `ms` if this command is still in it (order holds). */
  const retryLater = (id: string, ms: number) =>
    setTimeout(() => {
      if (
        outbox()
          .list()
          .some((c) => c.id === id)
      )
        void get().flush();
    }, ms);

  /** Sends one command; true once the server has answered it (saved, refused or in conflict). */
  async function deliver(cmd: PendingCommand): Promise<boolean> {
    const transport = p.transport();
    if (!transport || !transport.connected() || inFlight.has(cmd.id)) return false;
    inFlight.add(cmd.id);
    ackAt(cmd.origin, { status: 'pending', commandId: cmd.id });
    let ack: CommandAck;
    try {
      ack = await transport.send({
        id: cmd.id,
        type: cmd.type,
        payload: cmd.payload,
        space: cmd.space,
        ...(cmd.actingFor ? { actingFor: cmd.actingFor } : {}),
      });
    } catch {
      // No answer (connection dropped or timed out): keep it; the same id is sent again later.
      inFlight.delete(cmd.id);
      if (lookup(get().acks, cmd.origin)?.commandId === cmd.id)
        ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
      // Still connected (a lost answer, not a lost connection): try again shortly, from the
      // head of the queue so order holds. A reconnect flushes anyway. The server dedupes by
      // id, so a second delivery has no second effect.
      if (p.transport()?.connected()) retryLater(cmd.id, RETRY_MS);
      return false;
    }
    inFlight.delete(cmd.id);
    if (!ack.ok && ack.error.code === 'STORAGE_UNAVAILABLE') {
      // Nothing was saved: keep it queued and try again on the next flush.
      ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
      get().announce(ack.error.message);
      return false;
    }
    if (!ack.ok && ack.error.code === 'RATE_LIMITED') {
      // Nothing was saved: the server asks to wait (a long offline queue replayed at once).
      // Keep it queued, in order, and send again when the server says it will take it.
      ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
      const wait = Number((ack.error.details as { retryAfterMs?: unknown })?.retryAfterMs);
      retryLater(cmd.id, Number.isFinite(wait) ? Math.min(Math.max(wait, 50), 60_000) : RETRY_MS);
      return false;
    }
    if (!ack.ok && ack.error.code === 'NOT_CONFIRMED') {
      // The primary may hold it: only the same id may go again (the server answers the
      // original seq once replicated, or applies it once if a failover dropped it). Soon,
      // not only on the next flush: nothing is settled until it is answered ok.
      ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
      get().announce(ack.error.message);
      retryLater(cmd.id, RETRY_MS);
      return false;
    }
    if (!ack.ok && ack.error.code === 'STALE') {
      // The district changed meanwhile. Nothing is overwritten either way: the command stays
      // queued, marked, and waits (with what depends on it) for the officer's choice.
      const latest = (ack.error.details as { latestReportId?: unknown } | undefined)
        ?.latestReportId;
      outbox().update(cmd.id, (c) => ({
        ...c,
        conflict: {
          code: 'STALE',
          message: ack.error.message,
          latestReportId: typeof latest === 'string' ? latest : null,
          at: nowIso(),
        },
      }));
      syncPending();
      ackAt(cmd.origin, {
        status: 'refused',
        commandId: cmd.id,
        code: 'STALE',
        message: ack.error.message,
      });
      get().announce('Konflikt: läget har ändrats sedan du skrev. Välj vad som ska gälla.');
      // A fresh picture, so the conflict view compares with the real latest report.
      if (!lookup(lookup(get().spaces, cmd.space)?.reports, String(latest))) resync(cmd.space);
      return true;
    }
    if (
      ack.ok &&
      chainOf(cmd) &&
      outbox()
        .list()
        .some((c) => c.after === cmd.id)
    )
      await rebaseFollowers(cmd, ack.firstSeq, ack.seq);
    outbox().remove(cmd.id);
    syncPending();
    if (ack.ok) {
      ackAt(cmd.origin, { status: 'ok', commandId: cmd.id, seq: ack.seq });
      get().announce('Sparat.');
    } else {
      ackAt(cmd.origin, {
        status: 'refused',
        commandId: cmd.id,
        code: ack.error.code,
        message: ack.error.message,
      });
      get().announce(`Avvisat: ${ack.error.message}`);
    }
    return true;
  }

  /**
   * The officer's own queued chain (report, then no-change, …) was written against the same
   * old report; once a link is saved the next is based on the report it produced, not flagged
   * as a conflict with itself. Without that report id (not seen in time) the follower is sent
   * as written and, if stale, shown as a conflict: never silently re-based on someone else's.
   */
  async function rebaseFollowers(
    cmd: PendingCommand,
    firstSeq: number,
    seq: number,
  ): Promise<void> {
    const link = chainOf(cmd);
    const version = link ? await versionProduced(cmd, link, firstSeq, seq) : undefined;
    for (const f of outbox()
      .list()
      .filter((c) => c.after === cmd.id))
      outbox().update(f.id, (c) => {
        const { after: _a, ...rest } = c;
        return version && link
          ? { ...rest, payload: { ...(c.payload as object), [link.chain.basedOn]: version } }
          : rest;
      });
  }

  /** The version among the command's events (seqs firstSeq…seq), once the stream has them. */
  function versionInRange(cmd: PendingCommand, link: ChainLink, firstSeq: number, seq: number) {
    for (let n = Math.max(firstSeq, seq - MAX_RANGE); n <= seq; n++) {
      const v = p.versionAt(cmd.space, n);
      if (v && v.key === link.key) return v.version;
    }
    const st = lookup(get().spaces, cmd.space);
    // Reached by a snapshot, not the stream: only when nothing came after the command is the
    // record's latest version certainly the one it produced.
    return st?.seq === seq ? link.chain.latest(st, link.record) : undefined;
  }

  /** The version the command produced, waiting (at most PRODUCED_WAIT_MS) for the stream. */
  function versionProduced(
    cmd: PendingCommand,
    link: ChainLink,
    firstSeq: number,
    seq: number,
  ): Promise<string | undefined> {
    return new Promise((resolve) => {
      const check = () => {
        const found = versionInRange(cmd, link, firstSeq, seq);
        if (found || (lookup(get().spaces, cmd.space)?.seq ?? 0) >= seq) {
          done(found);
          return true;
        }
        return false;
      };
      let unsub = () => {};
      const timer = setTimeout(() => done(undefined), PRODUCED_WAIT_MS);
      function done(v: string | undefined) {
        clearTimeout(timer);
        unsub();
        resolve(v);
      }
      if (!check()) unsub = p.subscribe(() => void check());
    });
  }

  return {
    send(origin, type, payload, space) {
      const s = get();
      const target = space ?? s.currentSpace;
      // The same command from the same place, still unanswered, is a second click of one
      // intention (a double click, a double tap, a form without its own lock): one command.
      const body = JSON.stringify(payload);
      const twin = outbox()
        .list()
        .find(
          (c) =>
            c.origin === origin &&
            c.type === type &&
            c.space === target &&
            !c.conflict &&
            JSON.stringify(c.payload) === body,
        );
      if (twin) return twin.id;
      const queue = chainQueue({ type, payload, space: target });
      const before = queue
        ? outbox()
            .list()
            .filter((c) => chainQueue(c) === queue)
            .at(-1)
        : undefined;
      const cmd: PendingCommand = {
        id: newId(),
        type,
        payload,
        space: target,
        ...(s.actingFor ? { actingFor: s.actingFor } : {}),
        origin,
        createdAt: nowIso(),
        ...(before ? { after: before.id } : {}),
      };
      outbox().add(cmd);
      syncPending();
      // Through the queue, so a command never overtakes an older unsent one.
      if (p.transport()?.connected()) void get().flush();
      else ackAt(origin, { status: 'queued', commandId: cmd.id });
      return cmd.id;
    },

    /**
     * Sends the outbox oldest first, one at a time, each after the previous one's answer.
     * Order rule (docs/console.md): a command waits while an older one is unanswered; a report
     * chain of a district whose head is in conflict waits for the officer (its later links
     * depend on it); commands outside that chain (log lines, markers, disruptions) go on.
     */
    async flush() {
      if (flushing) {
        flushAgain = true;
        return;
      }
      flushing = true;
      try {
        do {
          flushAgain = false;
          const held = new Set<string>();
          for (const cmd of outbox().list()) {
            const chainKey = chainQueue(cmd);
            if (cmd.conflict || (chainKey && held.has(chainKey))) {
              if (chainKey) held.add(chainKey);
              if (!cmd.conflict) ackAt(cmd.origin, { status: 'queued', commandId: cmd.id });
              continue;
            }
            const current = outbox()
              .list()
              .find((c) => c.id === cmd.id);
            if (!current) continue;
            if (!(await deliver(current))) return; // no answer: keep the order, try later
            // Refused as STALE just now: what follows in its chain must wait as well.
            if (
              chainKey &&
              outbox()
                .list()
                .some((c) => c.id === cmd.id && c.conflict)
            )
              held.add(chainKey);
          }
        } while (flushAgain);
      } finally {
        flushing = false;
      }
    },

    dismissAck(origin) {
      set((s) => {
        const acks = { ...s.acks };
        delete acks[origin];
        return { acks };
      });
    },

    resolveConflict(id, choice) {
      const cmd = outbox()
        .list()
        .find((c) => c.id === id);
      if (!cmd?.conflict) return;
      if (choice !== 'mine') {
        outbox().remove(id);
        get().dismissAck(cmd.origin);
        get().announce(
          choice === 'edit'
            ? 'Din version ligger i rapportformuläret. Jämför, ändra och skicka.'
            : 'Din version är borttagen. Den senaste rapporten gäller.',
        );
      } else {
        // A new id: the refused one stays refused; the officer's version now names the report
        // it knowingly replaces. Later links of the chain follow the new command.
        const fresh = newId();
        const { conflict, ...rest } = cmd;
        outbox().update(id, () => ({
          ...rest,
          id: fresh,
          payload: {
            ...(cmd.payload as object),
            basedOnReportId: conflict.latestReportId,
          },
        }));
        for (const f of outbox()
          .list()
          .filter((c) => c.after === id))
          outbox().update(f.id, (c) => ({ ...c, after: fresh }));
        ackAt(cmd.origin, { status: 'queued', commandId: fresh });
      }
      syncPending();
      void get().flush();
    },
  };
}
