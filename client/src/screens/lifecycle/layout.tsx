import type { ReactNode } from 'react';

/**
 * Columns of cards without the action cards column: these screens are read and filled in
 * for one matter, so the matter comes first, also on a phone.
 */
export function LifecycleLayout({ label, columns }: { label: string; columns: ReactNode[] }) {
  return (
    <div className="ckl-screen" aria-label={label}>
      <div className={`ckl-cols ckl-cols-${columns.length}`}>
        {columns.map((c, i) => (
          <div className="col ckl-col" key={i}>
            {c}
          </div>
        ))}
      </div>
    </div>
  );
}
