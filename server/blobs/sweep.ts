/**
 * Orphans (R217): a blob is written after its command was checked and before its event is
 * appended, so a failure in between (the state moved on and the append refused it, storage
 * went away, the process died) leaves bytes that no event references. Nobody can read them
 * (reads go through a visible reference), and this sweep removes them once they are older
 * than BLOB_ORPHAN_HOURS: old enough that no upload still on its way to the log is touched.
 */
import type { CityState } from '../../shared/domain/state';
import { tableValues } from '../../shared/domain/table';
import { filesOf } from '../../shared/files/policy';
import type { BlobStore } from './blobStore';

/** Every hash a space's log references, removed attachments and retired documents too. */
export function referencedHashes(s: CityState): Set<string> {
  const f = filesOf(s);
  return new Set([
    ...tableValues(f.attachments).map((a) => a.hash),
    ...tableValues(f.documents).map((d) => d.hash),
  ]);
}

export async function collectOrphans(
  blobs: BlobStore,
  states: ReadonlyMap<string, CityState>,
  olderThanMs: number,
  now = Date.now(),
): Promise<{ removed: number; kept: number }> {
  const refs = new Map<string, Set<string>>();
  let removed = 0;
  let kept = 0;
  for (const b of await blobs.list()) {
    const state = states.get(b.space);
    // A space this node does not hold (an exercise not open here) is left alone.
    if (!state) {
      kept++;
      continue;
    }
    let r = refs.get(b.space);
    if (!r) refs.set(b.space, (r = referencedHashes(state)));
    if (r.has(b.hash) || now - b.modifiedAt < olderThanMs) {
      kept++;
      continue;
    }
    await blobs.delete(b.space, b.hash);
    removed++;
  }
  return { removed, kept };
}
