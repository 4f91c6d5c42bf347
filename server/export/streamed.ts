/**
 * Exports written as they are read: the log goes out page by page, with the response's
 * back-pressure respected, so an export of a long crisis never holds the log in memory and
 * never blocks the server while it runs.
 */
import { once } from 'node:events';
import type { Response } from 'express';
import type { Actor } from '../../shared/domain/actor';
import type { StoredEvent } from '../../shared/events';
import { canSee } from '../../shared/visibility';
import { noteNames } from '../../shared/report/afterAction/context';
import type { EventStore } from '../store/eventStore';
import { eventPages } from '../store/eventPages';
import { CSV_HEAD, csvLine } from './csv';

/** Writes one piece; waits when the socket's buffer is full. False when the client has gone. */
async function put(res: Response, text: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  return !res.destroyed;
}

/** The visible events of a space, page by page. */
async function* visiblePages(
  store: EventStore,
  space: string,
  actor: Actor,
): AsyncGenerator<StoredEvent[]> {
  for await (const page of eventPages(store, space)) {
    const visible = page.filter((e) => canSee(actor, e.audience));
    if (visible.length > 0) yield visible;
  }
}

/** `{"space":…,"eventId":null,"events":[…]}`, byte for byte what res.json wrote. */
export async function streamLogJson(
  res: Response,
  store: EventStore,
  space: string,
  actor: Actor,
): Promise<void> {
  res.type('application/json; charset=utf-8');
  let first = true;
  if (!(await put(res, `{"space":${JSON.stringify(space)},"eventId":null,"events":[`))) return;
  for await (const page of visiblePages(store, space, actor)) {
    let chunk = '';
    for (const e of page) {
      chunk += (first ? '' : ',') + JSON.stringify(e);
      first = false;
    }
    if (!(await put(res, chunk))) return;
  }
  res.end(']}');
}

/** The CSV log; names (people, districts) are read in a first pass, as eventsToCsv has them. */
export async function streamLogCsv(
  res: Response,
  store: EventStore,
  space: string,
  actor: Actor,
): Promise<void> {
  const names = new Map<string, string>();
  for await (const page of visiblePages(store, space, actor))
    for (const e of page) noteNames(names, e);
  res.type('text/csv; charset=utf-8');
  if (!(await put(res, CSV_HEAD))) return;
  for await (const page of visiblePages(store, space, actor)) {
    let chunk = '';
    for (const e of page) chunk += csvLine(e, names);
    if (!(await put(res, chunk))) return;
  }
  res.end();
}
