/**
 * What the sender sees of an acknowledgement (R226): "kvitterad 03:12 av Anna Ek", or that it
 * has not been acknowledged yet. Words and a symbol, never colour alone.
 */
import { acksOf } from '../../../shared/attention/addressed';
import { useCityState } from '../hooks';
import { hhmm } from '../format';

export function AckedBy({ itemKey }: { itemKey: string }) {
  const state = useCityState();
  const acks = acksOf(state, itemKey);
  if (acks.length === 0)
    return (
      <span className="acked-by acked-none" data-testid={`acked-${itemKey}`}>
        {' '}
        · inte kvitterad än
      </span>
    );
  const [first] = acks;
  const more = acks.length - 1;
  return (
    <span className="acked-by" data-testid={`acked-${itemKey}`}>
      {' '}
      · <span aria-hidden="true">✓</span> kvitterad {hhmm(first.at)} av {first.by.name}
      {more > 0 ? ` och ${more} till` : ''}
    </span>
  );
}
