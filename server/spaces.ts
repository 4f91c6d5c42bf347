import { EventEmitter } from 'node:events';
import { Space, type SpaceOptions } from './space';
import type { EventStore } from './store/eventStore';

/**
 * Every open space of this process: the real one and each exercise. Spaces are created or
 * loaded here and announced with 'added', so the gateway (fan-out) and the features that
 * react to events (exercise control, alarms) wire themselves to new spaces as they appear.
 */
export class SpaceRegistry {
  /** The open spaces by name; read-only for everyone but the registry. */
  readonly spaces = new Map<string, Space>();
  private readonly opening = new Map<string, Promise<Space>>();
  private readonly preparing = new Map<string, Promise<void>>();
  private readonly emitter = new EventEmitter();

  constructor(
    private readonly store: EventStore,
    private readonly defaults: SpaceOptions,
  ) {
    this.emitter.setMaxListeners(0);
  }

  get(name: string): Space | undefined {
    return this.spaces.get(name);
  }
  has(name: string): boolean {
    return this.spaces.has(name);
  }
  list(): Space[] {
    return [...this.spaces.values()];
  }

  /**
   * Opens a space (its log is loaded, or it starts empty) once, however many ask at once.
   * `opts` override the defaults, e.g. an exercise on another division's borders.
   */
  open(name: string, opts: Partial<SpaceOptions> = {}): Promise<Space> {
    const open = this.spaces.get(name);
    if (open) return Promise.resolve(open);
    let pending = this.opening.get(name);
    if (!pending) {
      pending = Space.open(name, this.store, { ...this.defaults, ...opts })
        .then((space) => {
          this.spaces.set(name, space);
          for (const n of space.report.notes) console.warn(`[start-up ${name}] ${n}`);
          if (space.report.chainBreak)
            console.error(
              `[start-up ${name}] LOGGENS KEDJA ÄR BRUTEN vid sekvens ${space.report.chainBreak.seq}: ${space.report.chainBreak.reason}`,
            );
          this.emitter.emit('added', space);
          return space;
        })
        .finally(() => this.opening.delete(name));
      this.opening.set(name, pending);
    }
    return pending;
  }

  /**
   * Announces work that must be done before a space may be used, e.g. an exercise's genesis
   * (its participants). Announced in the same tick as the event that calls for it, so anything
   * admitted after that event's acknowledgement waits for it through ready().
   */
  prepare(name: string, work: Promise<unknown>): void {
    const settled: Promise<void> = work
      .then(
        () => undefined,
        () => undefined, // the caller reports its own failure; waiting ends either way
      )
      .finally(() => {
        if (this.preparing.get(name) === settled) this.preparing.delete(name);
      });
    this.preparing.set(name, settled);
  }

  /** The space once every announced preparation of it has settled (undefined: not open). */
  async ready(name: string): Promise<Space | undefined> {
    for (let p = this.preparing.get(name); p; p = this.preparing.get(name)) await p;
    return this.spaces.get(name);
  }

  /** Spaces the store holds, whether open here or not. */
  stored(): Promise<string[]> {
    return this.store.spaces();
  }

  /** Calls back for every space open now and every one opened later. */
  onAdded(cb: (space: Space) => void): () => void {
    for (const s of this.spaces.values()) cb(s);
    this.emitter.on('added', cb);
    return () => this.emitter.off('added', cb);
  }

  closeAll(): void {
    for (const s of this.spaces.values()) s.close();
    this.emitter.removeAllListeners();
  }
}
