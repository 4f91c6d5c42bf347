import { z } from 'zod';
import { parseStoredEvent } from './index';
import { lookup } from '../domain/keyed';

/**
 * JSON with sorted keys and undefined members left out: two values that serialise to the
 * same text here read back as the same event.
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => lookup(obj, k) !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(lookup(obj, k))}`).join(',')}}`;
}

/** A parse failure in words, with the path of the field that failed. */
export function describeParseError(err: unknown): string {
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    const where = issue?.path.map(String).join('.') || 'händelsen';
    return `${where}: ${issue?.message ?? 'ogiltig'}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Why `event` (a stamped event about to be appended) cannot be stored, or null when it can:
 * it must pass its event schema after a JSON round trip and read back exactly as it is held
 * in memory. An event that fails would be acknowledged now and lost, or break the chain, when
 * the log is read again.
 */
export function unstorableReason(event: unknown): string | null {
  let text: string;
  try {
    text = JSON.stringify(event);
  } catch (err) {
    return `går inte att skriva som JSON (${describeParseError(err)})`;
  }
  let back: unknown;
  try {
    back = parseStoredEvent(JSON.parse(text));
  } catch (err) {
    return describeParseError(err);
  }
  // Zod drops unknown members and trims where a schema says so: what is read back must be
  // exactly what was acknowledged.
  if (canonical(back) !== canonical(event)) return 'läses inte tillbaka likadant som den skrevs';
  return null;
}
