import type { StoredEvent } from '../../shared/events';
import type { EventStore } from './eventStore';

/** Events per page when a store has no streaming read of its own. */
const PAGE = 5000;

/**
 * Every event of a space after `afterSeq`, in order, page by page: a reader (an export, a
 * replay) holds one page at a time, never the whole log.
 */
export async function* eventPages(
  store: EventStore,
  space: string,
  afterSeq = 0,
): AsyncGenerator<StoredEvent[]> {
  if (store.pages) {
    yield* store.pages(space, afterSeq);
    return;
  }
  let after = afterSeq;
  for (;;) {
    const page = await store.read(space, after, PAGE);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].seq;
  }
}
