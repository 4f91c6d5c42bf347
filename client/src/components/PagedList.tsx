/**
 * A long list drawn a page at a time, newest first: an event's dagbok or timeline can hold
 * thousands of lines after a long night, and drawing them all at once makes every update slow on
 * a phone. The newest stay in view; older ones come on request, and keyboard focus moves to the
 * first line that was added so a screen-reader user continues where they asked.
 */
import { useRef, useState, type ReactNode } from 'react';

export const DIARY_PAGE = 50;

export function PagedList<T>({
  items,
  render,
  itemKey,
  empty,
  noun,
  page = DIARY_PAGE,
  className = 'timeline',
}: {
  items: readonly T[];
  render: (item: T) => ReactNode;
  itemKey: (item: T, index: number) => string | number;
  /** Shown when there is nothing, e.g. "Inga anteckningar." */
  empty: string;
  /** What the lines are, plural, for the button: "anteckningar". */
  noun: string;
  page?: number;
  className?: string;
}) {
  const [shown, setShown] = useState(page);
  const list = useRef<HTMLOListElement>(null);
  const visible = items.slice(0, shown);
  const rest = items.length - visible.length;
  const more = () => {
    const first = visible.length;
    setShown((n) => n + page);
    // After the render: the first of the lines just shown.
    requestAnimationFrame(() =>
      list.current?.querySelectorAll<HTMLLIElement>(':scope > li')[first]?.focus(),
    );
  };
  return (
    <>
      <ol className={className} ref={list} data-testid="paged-list">
        {visible.map((item, i) => (
          <li key={itemKey(item, i)} tabIndex={-1}>
            {render(item)}
          </li>
        ))}
        {items.length === 0 && <li className="muted">{empty}</li>}
      </ol>
      {rest > 0 && (
        <p className="paged-more">
          <span className="muted">
            {visible.length} av {items.length} visas.
          </span>{' '}
          <button type="button" className="btn-secondary" onClick={more}>
            Visa {Math.min(rest, page)} äldre {noun}
          </button>
        </p>
      )}
    </>
  );
}
