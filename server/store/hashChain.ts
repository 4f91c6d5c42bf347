import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../shared/events';
import { lookup } from '../../shared/domain/keyed';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => lookup(obj, k) !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(lookup(obj, k))}`).join(',')}}`;
}

/** Each event's hash covers the previous event's hash: editing or removing a line breaks the chain. */
export function hashEvent(
  prevHash: string,
  event: Omit<StoredEvent, 'hash'> | StoredEvent,
): string {
  const { hash: _h, ...rest } = event as StoredEvent;
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(rest))
    .digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/** Checks a run of events against the hash before them; returns the first broken link. */
export function verifyChain(
  prevHash: string,
  prevSeq: number,
  events: readonly StoredEvent[],
): ChainBreak | null {
  let hash = prevHash;
  let seq = prevSeq;
  for (const e of events) {
    if (e.seq !== seq + 1)
      return { seq: seq + 1, reason: `sekvensnummer ${seq + 1} saknas (nästa är ${e.seq})` };
    if (hashEvent(hash, e) !== e.hash)
      return {
        seq: e.seq,
        reason: `händelse ${e.seq} har ändrats eller länken före den är bruten`,
      };
    hash = e.hash;
    seq = e.seq;
  }
  return null;
}
