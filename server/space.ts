import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Actor } from '../shared/domain/actor';
import { STATE_VERSION, emptyState, type ActorRef, type CityState } from '../shared/domain/state';
import type { EventDraft, StoredEvent } from '../shared/events';
import { handleCommand, type CommandInput } from '../shared/handleCommand';
import { applyEvent } from '../shared/reducer';
import { NOT_CONFIRMED_MESSAGE, isRefusal, refuse, type Refusal } from '../shared/errors';
import { unstorableReason } from '../shared/events/storable';
import {
  ConflictError,
  NotConfirmedError,
  StorageUnavailableError,
  type EventStore,
  type RecoveryReport,
} from './store/eventStore';
import { hashEvent, verifyChain } from './store/hashChain';
import type { DecideContext, ExerciseCatalog } from '../shared/commands';

/** A produced event that would not read back from the log as it was written. */
class UnstorableEvent extends Error {
  constructor(
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(`${eventType}: ${reason}`);
  }
}

/**
 * A command's answer. Events carry no id of their own; what identifies them is their seq, and a
 * command's events are contiguous, so `firstSeq`–`seq` are exactly the events it produced.
 */
export type CommandOutcome =
  { ok: true; seq: number; firstSeq: number; duplicate?: boolean } | { ok: false; error: Refusal };

/** The seqs a command's events took: first and last (first > last when it produced none). */
type SeqRange = readonly [first: number, last: number];
const answered = (range: SeqRange, duplicate: boolean): CommandOutcome => ({
  ok: true,
  seq: range[1],
  firstSeq: range[0],
  ...(duplicate ? { duplicate: true } : {}),
});

interface Pending {
  actor: Actor;
  commandId: string;
  cmd: CommandInput;
  /** Drafts the system itself decided; never reachable from a wire command (R70). */
  system?: { drafts: EventDraft[]; at?: string };
  /** Facts the server adds to this command's decision (an upload's hash and type, R217). */
  facts?: Pick<DecideContext, 'upload'>;
  resolve: (o: CommandOutcome) => void;
}

export interface SpaceOptions {
  snapshotEvery: number;
  replayWindow: number;
  districtAt?: (lat: number, lng: number) => string | undefined;
  /** Scenarios and divisions for exercise commands (the real space starts exercises). */
  exercises?: ExerciseCatalog;
  now?: () => Date;
}

const MAX_BATCH = 512;
const MAX_REMEMBERED_COMMANDS = 200_000;

function actorRef(a: Actor): ActorRef {
  return {
    userId: a.userId,
    name: a.name,
    role: a.role,
    ...(a.actingFor ? { actingFor: a.actingFor } : {}),
  };
}

/**
 * One space (the real city, or one exercise): its state, its command queue and its recent
 * events. Commands are decided one at a time against the latest state and appended in
 * batches, so many commands share one fsync; nobody hears "saved" before the batch is durable.
 *
 * Emits 'events' (StoredEvent[]) after each durable batch, in seq order, exactly once per seq.
 */
/** What a command gets once its space has been closed (server shutting down). */
const CLOSED_REFUSAL: Refusal = refuse(
  'STORAGE_UNAVAILABLE',
  'Servern håller på att stängas. Inget sparades – försök igen.',
);

export class Space extends EventEmitter {
  private committed: CityState;
  private lastHash: string;
  private readonly queue: Pending[] = [];
  private running = false;
  private closed = false;
  /** Recent events for consoles that resume; older ones are served as a snapshot. */
  private recent: StoredEvent[] = [];
  private readonly commandSeq = new Map<string, SeqRange>();
  private sinceSnapshot = 0;
  private snapshotting = false;
  private storageDown = false;
  /**
   * Commands whose events reached the primary (or may have) without a replica's confirmation.
   * They are not committed here: a failover may drop them. Until a confirmed read of the log
   * settles each one (there: its original seq; gone: applied anew), its retry is NOT_CONFIRMED.
   */
  private readonly unconfirmed = new Set<string>();
  readonly report: RecoveryReport;

  private constructor(
    readonly name: string,
    private readonly store: EventStore,
    private readonly opts: SpaceOptions,
    init: { state: CityState; lastHash: string; report: RecoveryReport },
  ) {
    super();
    this.setMaxListeners(0);
    this.committed = init.state;
    this.lastHash = init.lastHash;
    this.report = init.report;
  }

  static async open(name: string, store: EventStore, opts: SpaceOptions): Promise<Space> {
    let loaded = await store.load(name);
    if (loaded.snapshot && (loaded.snapshot.stateVersion ?? 1) !== STATE_VERSION) {
      // A snapshot of an older state shape cannot be merged into this one: replay the log.
      const notes = [
        ...loaded.report.notes,
        `Ögonblicksbilden (sekvens ${loaded.snapshot.seq}) är från en äldre version och används inte; hela loggen spelas upp.`,
      ];
      loaded = {
        ...loaded,
        snapshot: null,
        events: await store.read(name, 0),
        report: { ...loaded.report, snapshotSeq: null, notes },
      };
    }
    // A snapshot from an older version lacks the state keys added since (e.g. `ckl`); their
    // events did not exist then, so the empty value is the right one.
    let state = loaded.snapshot
      ? { ...emptyState(name), ...loaded.snapshot.state }
      : emptyState(name);
    const space = new Space(name, store, opts, {
      state,
      lastHash: loaded.lastHash,
      report: loaded.report,
    });
    // A snapshot written before it kept the first seq knows only the last one.
    for (const [id, seq, first] of loaded.snapshot?.commandIds ?? [])
      space.commandSeq.set(id, [first ?? seq, seq]);
    for (const e of loaded.events) {
      if (e.seq !== state.seq + 1 && loaded.report.chainBreak) {
        // A damaged journal (a line lost or unreadable; already in the report, /healthz and
        // the start-up log): keep every line that can be read rather than refuse to start
        // in the middle of a crisis. The gap stays visible to verify-log and /api/verify.
        if (e.seq <= state.seq) continue;
        const lost = e.seq - 1 > state.seq + 1 ? `${state.seq + 1}–${e.seq - 1}` : `${e.seq - 1}`;
        loaded.report.notes.push(
          `Sekvens ${lost} saknas eller kunde inte läsas; läget byggs av övriga rader.`,
        );
        state = { ...state, seq: e.seq - 1 };
      }
      state = applyEvent(state, e);
      space.remember(e);
    }
    if (loaded.report.lastSeq > state.seq) {
      // The highest records could not be read (reported with where and why): their seqs are
      // still taken, so the next event follows them and no seq is ever given twice (R82).
      loaded.report.notes.push(
        `Sekvens ${state.seq + 1}–${loaded.report.lastSeq} kunde inte läsas; nästa händelse får sekvens ${loaded.report.lastSeq + 1}.`,
      );
      state = { ...state, seq: loaded.report.lastSeq };
    }
    space.committed = state;
    space.unsubscribeForeign = store.onForeignAppend(name, () => {
      space.foreignPending = true;
      space.kick();
    });
    return space;
  }

  private unsubscribeForeign: () => void = () => undefined;
  /** Another writer appended while a drain was running: catch up once it ends. */
  private foreignPending = false;
  /** Callers of sync() waiting for the next catch-up. */
  private syncWaiters: (() => void)[] = [];

  get state(): CityState {
    return this.committed;
  }
  get seq(): number {
    return this.committed.seq;
  }
  /** False while the last write failed or the store says it cannot take writes. */
  get available(): boolean {
    return !this.storageDown && this.store.available?.() !== false;
  }

  private remember(e: StoredEvent): void {
    this.recent.push(e);
    if (this.recent.length > this.opts.replayWindow * 1.25)
      this.recent = this.recent.slice(-this.opts.replayWindow);
    const had = this.commandSeq.get(e.commandId);
    this.commandSeq.set(e.commandId, [had?.[0] ?? e.seq, e.seq]);
    if (this.commandSeq.size > MAX_REMEMBERED_COMMANDS) {
      const first = this.commandSeq.keys().next().value;
      if (first !== undefined) this.commandSeq.delete(first);
    }
  }

  /** Events after `afterSeq`, or null when the console is too far behind and needs a snapshot. */
  eventsAfter(afterSeq: number): StoredEvent[] | null {
    if (afterSeq >= this.seq) return [];
    const first = this.recent[0]?.seq ?? this.seq + 1;
    if (afterSeq + 1 < first) return null;
    const i = afterSeq + 1 - first;
    // Seqs are contiguous except across a damaged stretch of journal (see open()).
    if (this.recent[i]?.seq === afterSeq + 1) return this.recent.slice(i);
    return this.recent.filter((e) => e.seq > afterSeq);
  }

  /** Submits a command; resolves once it is durable (ok) or refused (with a reason). */
  submit(
    actor: Actor,
    commandId: string,
    cmd: CommandInput,
    facts?: Pending['facts'],
  ): Promise<CommandOutcome> {
    return this.enqueue(actor, commandId, cmd, undefined, facts);
  }

  private enqueue(
    actor: Actor,
    commandId: string,
    cmd: CommandInput,
    system?: Pending['system'],
    facts?: Pending['facts'],
  ): Promise<CommandOutcome> {
    const done = this.commandSeq.get(commandId);
    if (done !== undefined) return Promise.resolve(answered(done, true));
    // A late timer or reaction after shutdown: refused quietly, nothing half-saved.
    if (this.closed) return Promise.resolve({ ok: false, error: CLOSED_REFUSAL });
    return new Promise((resolve) => {
      this.queue.push({ actor, commandId, cmd, system, facts, resolve });
      this.kick();
    });
  }

  /**
   * Appends events that the system itself decided (start-up, demo data, timers), with the
   * same ordering and durability as any command.
   */
  /** Whether a command with this id is in the log (remembered ones; see MAX_REMEMBERED_COMMANDS). */
  hasCommand(commandId: string): boolean {
    return this.commandSeq.has(commandId);
  }

  async appendSystem(
    actor: Actor,
    commandId: string,
    drafts: EventDraft[],
    at?: Date,
  ): Promise<number> {
    // The drafts travel beside the command, not in it: no wire type can reach this path.
    const outcome = await this.enqueue(
      actor,
      commandId,
      { type: 'system', payload: null },
      { drafts, at: at?.toISOString() },
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.seq;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.queue.length > 0 || this.foreignPending) this.kick();
    });
  }

  /**
   * Resolves once what other writers appended before the call is applied here (scaled-out
   * mode; at once on the embedded store, which has no other writers).
   */
  sync(): Promise<void> {
    if (this.store.kind === 'journal' || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.syncWaiters.push(resolve);
      this.foreignPending = true;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    this.foreignPending = false;
    const waiting = this.syncWaiters.splice(0);
    await this.catchUp();
    for (const w of waiting) w();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const retry = await this.runBatch(batch);
      if (retry.length > 0) {
        // Another writer got there first. Retrying is only useful once we have read what it
        // wrote; if that cannot be read (store gone, an entry this version cannot parse),
        // retrying would spin, so the commands are refused and nothing is saved.
        if (await this.catchUp()) this.queue.unshift(...retry);
        else this.refuseUnavailable(retry);
      }
    }
  }

  private refuseUnavailable(batch: Pending[]): void {
    this.storageDown = true;
    for (const p of batch)
      p.resolve({
        ok: false,
        // A command whose events may be on the primary must not hear "nothing was saved".
        error: this.unconfirmed.has(p.commandId)
          ? refuse('NOT_CONFIRMED', NOT_CONFIRMED_MESSAGE)
          : refuse(
              'STORAGE_UNAVAILABLE',
              'Lagringen är inte tillgänglig just nu. Inget sparades – försök igen.',
            ),
      });
  }

  /** Applies what other writers appended (scaled-out mode); a no-op on the embedded store. */
  /** Returns whether the space moved forward. */
  private async catchUp(): Promise<boolean> {
    if (this.store.kind === 'journal') return false;
    let missed: StoredEvent[];
    try {
      missed = await this.store.read(this.name, this.seq);
    } catch (err) {
      // Still cut off (the store calls back when it is reachable again), or unreadable.
      if (!(err instanceof StorageUnavailableError))
        console.error(`[space ${this.name}] catching up failed`, (err as Error).message);
      return false;
    }
    // Only what the replicas hold becomes state: what a failover may drop must not reach a
    // console. The confirm comes after the read, so it covers everything read.
    if ((missed.length > 0 || this.unconfirmed.size > 0) && !(await this.confirmed())) return false;
    // The store answered, so a failed write earlier no longer says anything about now.
    this.storageDown = false;
    if (missed.length === 0) {
      // The log, confirmed, ends where this space does: what was unconfirmed is gone.
      this.unconfirmed.clear();
      return false;
    }
    const brk = verifyChain(this.lastHash, this.seq, missed);
    if (brk) {
      console.error(
        `[space ${this.name}] LOGGENS KEDJA ÄR BRUTEN vid sekvens ${brk.seq}: ${brk.reason}; inget läses in efter ${this.seq}`,
      );
      return false;
    }
    this.commit(missed);
    // Read to the tip and confirmed: each unconfirmed command is now either in commandSeq
    // (its retry answers the original seq) or lost (its retry applies it once).
    this.unconfirmed.clear();
    return true;
  }

  private async confirmed(): Promise<boolean> {
    if (!this.store.confirm) return true;
    try {
      return await this.store.confirm();
    } catch {
      return false;
    }
  }

  /**
   * Makes durable events the committed state. `applied` is the state with exactly these
   * events applied when the caller already computed it (our own batch): applying every event
   * a second time cost as much as deciding it (alarm state with 1,000 recipients).
   */
  private commit(events: StoredEvent[], applied?: CityState): void {
    let s = this.committed;
    if (applied && events[0]?.seq === s.seq + 1 && applied.seq === events.at(-1)?.seq) {
      for (const e of events) this.remember(e);
      s = applied;
    } else
      for (const e of events) {
        s = applyEvent(s, e);
        this.remember(e);
      }
    this.committed = s;
    this.lastHash = events.at(-1)?.hash ?? this.lastHash;
    this.sinceSnapshot += events.length;
    this.emit('events', events);
    if (this.sinceSnapshot >= this.opts.snapshotEvery) void this.snapshot();
  }

  /** Decides and appends one batch; returns the commands to retry after a conflict. */
  private async runBatch(batch: Pending[]): Promise<Pending[]> {
    const nowDate = this.opts.now?.() ?? new Date();
    const now = nowDate.toISOString();
    let working = this.committed;
    let hash = this.lastHash;
    const events: StoredEvent[] = [];
    const accepted: { p: Pending; range: SeqRange; duplicate: boolean }[] = [];
    const inBatch = new Map<string, SeqRange>();
    for (const p of batch) {
      const dup = this.commandSeq.get(p.commandId) ?? inBatch.get(p.commandId);
      if (dup !== undefined) {
        accepted.push({ p, range: dup, duplicate: true });
        continue;
      }
      let drafts: EventDraft[] | Refusal;
      let at = now;
      if (p.system) {
        drafts = p.system.drafts;
        if (p.system.at) at = p.system.at;
      } else {
        try {
          drafts = handleCommand(p.actor, p.cmd, working, {
            now,
            newId: (prefix) => `${prefix}_${randomUUID()}`,
            districtAt: this.opts.districtAt,
            exercises: this.opts.exercises,
            ...p.facts,
          });
        } catch (err) {
          console.error(`[space ${this.name}] command ${p.cmd.type} failed`, err);
          drafts = refuse('INTERNAL', 'Ett internt fel uppstod. Inget sparades.');
        }
      }
      if (isRefusal(drafts)) {
        p.resolve({ ok: false, error: drafts });
        continue;
      }
      const before = working;
      const made: StoredEvent[] = [];
      try {
        for (const d of drafts) {
          const body = {
            seq: working.seq + 1,
            space: this.name,
            type: d.type,
            data: d.data,
            at,
            actor: actorRef(p.actor),
            commandId: p.commandId,
            ...(d.audience ? { audience: d.audience } : {}),
          } as Omit<StoredEvent, 'hash'>;
          const ev = { ...body, hash: hashEvent(hash, body) } as StoredEvent;
          // The last gate before the log (R80): what cannot be read back is never written.
          const bad = unstorableReason(ev);
          if (bad) throw new UnstorableEvent(d.type, bad);
          working = applyEvent(working, ev);
          hash = ev.hash;
          made.push(ev);
        }
      } catch (err) {
        working = before;
        hash = events.at(-1)?.hash ?? this.lastHash;
        if (err instanceof UnstorableEvent) {
          console.error(
            `[space ${this.name}] ${p.cmd.type} produced an invalid ${err.eventType} event, refused: ${err.reason}`,
          );
          p.resolve({
            ok: false,
            error: refuse(
              'INVALID_EVENT',
              `Kommandot skulle ha sparat en ogiltig post i loggen (${err.reason.slice(0, 160)}). Inget sparades.`,
              { eventType: err.eventType },
            ),
          });
          continue;
        }
        console.error(`[space ${this.name}] applying ${p.cmd.type} failed`, err);
        p.resolve({
          ok: false,
          error: refuse('INTERNAL', 'Ett internt fel uppstod. Inget sparades.'),
        });
        continue;
      }
      events.push(...made);
      const range: SeqRange = [before.seq + 1, working.seq];
      inBatch.set(p.commandId, range);
      accepted.push({ p, range, duplicate: false });
    }
    if (events.length === 0) {
      for (const a of accepted) a.p.resolve(answered(a.range, true));
      return [];
    }
    try {
      await this.store.append(this.name, this.committed.seq, events);
    } catch (err) {
      if (err instanceof ConflictError) return accepted.map((a) => a.p);
      if (err instanceof NotConfirmedError) {
        console.warn(`[space ${this.name}] ${err.message}`);
        for (const a of accepted) {
          if (!a.duplicate || a.range[1] > this.committed.seq) this.unconfirmed.add(a.p.commandId);
          a.p.resolve(
            a.range[1] <= this.committed.seq
              ? answered(a.range, true)
              : { ok: false, error: refuse('NOT_CONFIRMED', NOT_CONFIRMED_MESSAGE) },
          );
        }
        // The next drain reads the log back (confirmed) before it decides anything new.
        this.foreignPending = true;
        return [];
      }
      if (this.closed) {
        // The store closed under a batch in flight (shutdown): expected, not a storage fault.
        for (const a of accepted) a.p.resolve({ ok: false, error: CLOSED_REFUSAL });
        return [];
      }
      console.error(
        `[space ${this.name}] storage failed; ${accepted.length} command(s) refused`,
        (err as Error).message,
      );
      this.refuseUnavailable(accepted.map((a) => a.p));
      return [];
    }
    this.storageDown = false;
    // Appended (and confirmed) right after this space's last seq: nothing unconfirmed is in
    // the log, so those commands were lost and their retries apply anew.
    this.unconfirmed.clear();
    this.commit(events, working);
    for (const a of accepted) a.p.resolve(answered(a.range, a.duplicate));
    return [];
  }

  async snapshot(): Promise<void> {
    if (this.snapshotting) return;
    this.snapshotting = true;
    this.sinceSnapshot = 0;
    try {
      await this.store.saveSnapshot(this.name, {
        seq: this.seq,
        hash: this.lastHash,
        state: this.committed,
        stateVersion: STATE_VERSION,
        commandIds: [...this.commandSeq.entries()]
          .slice(-50_000)
          .map(([id, [first, last]]) => [id, last, first]),
      });
    } catch (err) {
      console.error(`[space ${this.name}] snapshot failed`, (err as Error).message);
    } finally {
      this.snapshotting = false;
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.syncWaiters.splice(0)) w();
    for (const p of this.queue.splice(0)) p.resolve({ ok: false, error: CLOSED_REFUSAL });
    this.unsubscribeForeign();
    this.removeAllListeners();
  }
}
