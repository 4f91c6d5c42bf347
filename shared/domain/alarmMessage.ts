/** An alarm's message as one person gets it, and as the board and the preview show it. */
import { fillTemplate } from '../text/template';
import type { Alarm, Recipient } from './alarm';

export function messageForRecipient(
  a: Pick<Alarm, 'message' | 'title' | 'lists'>,
  r: Pick<Recipient, 'name' | 'listId'>,
): string {
  return fillTemplate(a.message, {
    namn: r.name,
    lista: a.lists[r.listId]?.name ?? '',
    rubrik: a.title,
  });
}
