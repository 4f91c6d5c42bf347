/**
 * Where the current warnings live between polls. Embedded: in this process. Redis mode: one
 * key every node reads, and a channel that tells every node a new set was saved, so every
 * node serves the same set whichever one polled (R137).
 */
import type { Redis } from 'ioredis';
import type { WarningSnapshot } from './poll';

export interface WarningStore {
  load(): Promise<WarningSnapshot | null>;
  save(s: WarningSnapshot): Promise<void>;
  /** Called when another node (or this one) saved a new set. */
  onSaved(cb: () => void): void;
  close(): Promise<void>;
}

export class MemoryWarningStore implements WarningStore {
  private current: WarningSnapshot | null = null;
  private readonly listeners: (() => void)[] = [];
  async load(): Promise<WarningSnapshot | null> {
    return this.current;
  }
  async save(s: WarningSnapshot): Promise<void> {
    this.current = s;
    for (const l of this.listeners) l();
  }
  onSaved(cb: () => void): void {
    this.listeners.push(cb);
  }
  async close(): Promise<void> {
    this.listeners.length = 0;
  }
}

export class RedisWarningStore implements WarningStore {
  private readonly key: string;
  private readonly channel: string;
  private readonly listeners: (() => void)[] = [];
  private readonly onMessage = (ch: string) => {
    if (ch === this.channel) for (const l of this.listeners) l();
  };

  constructor(
    private readonly redis: Redis,
    private readonly sub: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:warnings:snapshot`;
    this.channel = `${prefix}:warnings:saved`;
    sub.on('message', this.onMessage);
    void sub.subscribe(this.channel).catch(() => undefined);
  }

  async load(): Promise<WarningSnapshot | null> {
    const raw = await this.redis.get(this.key);
    return raw ? (JSON.parse(raw) as WarningSnapshot) : null;
  }

  async save(s: WarningSnapshot): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(s));
    await this.redis.publish(this.channel, String(s.version));
  }

  onSaved(cb: () => void): void {
    this.listeners.push(cb);
  }

  async close(): Promise<void> {
    this.sub.off('message', this.onMessage);
    this.listeners.length = 0;
    await this.sub.unsubscribe(this.channel).catch(() => undefined);
  }
}
