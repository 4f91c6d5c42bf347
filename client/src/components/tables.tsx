/** A table as the consoles draw them: a caption for screen readers, column heads, the rows. */
import type { ReactNode } from 'react';

export function DataTable({
  caption,
  columns,
  testId,
  className = 'picture',
  children,
}: {
  /** Read out, not shown: the heading above the table already says it. */
  caption: string;
  columns: readonly string[];
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className} data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
