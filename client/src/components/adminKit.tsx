/**
 * Pieces the register screens (alarm administration, duty, accounts, exercise script) share:
 * a table's column heads, a row's buttons named for a screen reader, a form in a card, and the
 * option lists of the city's own vocabulary.
 */
import { useId, type ReactNode } from 'react';
import type { AckState } from '../store/console';
import { AckLine } from './AckLine';
import { SubmitActions } from './SubmitActions';

/** Column heads; the last, where a row has buttons, is named only for a screen reader. */
export function ColumnHeads({ cols, actions }: { cols: readonly string[]; actions?: string }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th scope="col" key={c}>
            {c}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="sr-only">{actions}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

/**
 * A table of a register's rows under its column heads; `empty` is said in the table where
 * there are no rows.
 */
export function DataTable<T>({
  cols,
  actions,
  rows,
  row,
  className = 'data',
  caption,
  empty,
  ...attrs
}: {
  cols: readonly string[];
  actions?: string;
  rows: readonly T[];
  row: (r: T) => ReactNode;
  className?: string;
  /** Said only to a screen reader. */
  caption?: string;
  empty?: string;
  role?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'data-testid'?: string;
}) {
  return (
    <table className={className} {...attrs}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <ColumnHeads cols={cols} actions={actions} />
      <tbody>
        {rows.map((r) => row(r))}
        {empty && rows.length === 0 && (
          <tr>
            <td colSpan={cols.length + (actions ? 1 : 0)} className="muted">
              {empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** A quiet button whose visible word (“Ändra”) a screen reader hears with what it is for. */
export function RowButton({
  label,
  what,
  onClick,
}: {
  label: string;
  what: string;
  onClick: () => void;
}) {
  return (
    <button type="button" className="btn-quiet" onClick={onClick}>
      {label}
      <span className="sr-only"> {what}</span>
    </button>
  );
}

/** A register row's change and remove; removing is asked once more, in the row's own words. */
export function EditRemoveCell({
  name,
  onEdit,
  confirm,
  onRemove,
}: {
  name: string;
  onEdit: () => void;
  confirm: string;
  onRemove: () => void;
}) {
  return (
    <td className="row-actions">
      <RowButton label="Ändra" what={name} onClick={onEdit} />
      <RowButton
        label="Ta bort"
        what={name}
        onClick={() => {
          if (window.confirm(confirm)) onRemove();
        }}
      />
    </td>
  );
}

/** A form in a card with its own heading; the page does not reload on submit. */
export function FormCard({
  title,
  onSubmit,
  children,
}: {
  title: ReactNode;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const uid = useId();
  return (
    <form
      className="card"
      aria-labelledby={`${uid}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={`${uid}-h`}>{title}</h3>
      {children}
    </form>
  );
}

/** What a register's entry form says, in the register's own words. */
export interface EntryWords {
  /** The heading while nothing is being changed (“Ny kontakt”). */
  newTitle: string;
  save: string;
  saved: string;
  /** Leaves the entry being changed for a new one (“Ny kontakt i stället”). */
  startNew: string;
}

/**
 * A register's form for one entry: new, or (`editing`: its name) a change of one, with the way
 * back to a new one beside the save button.
 */
export function EntryForm({
  words,
  editing,
  onNew,
  ack,
  onSubmit,
  children,
}: {
  words: EntryWords;
  editing: string | undefined;
  onNew: () => void;
  ack: AckState | undefined;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <FormCard
      title={editing === undefined ? words.newTitle : `Ändra ${editing}`}
      onSubmit={onSubmit}
    >
      {children}
      <SubmitActions label={words.save} ack={ack} okText={words.saved}>
        {editing !== undefined && (
          <button type="button" className="btn-quiet" onClick={onNew}>
            {words.startNew}
          </button>
        )}
      </SubmitActions>
    </FormCard>
  );
}

/**
 * A register: its entries under a counted heading with the answer to a removal, and beside
 * them (`side`) the form that adds or changes one.
 */
export function RegisterPage({
  headingId,
  title,
  count,
  ack,
  removedText,
  side,
  children,
}: {
  headingId: string;
  title: string;
  count: number;
  ack?: AckState;
  removedText?: string;
  side: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="admin-grid">
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>
          {title} ({count})
        </h2>
        <AckLine ack={ack} okText={removedText} />
        {children}
      </section>
      {side}
    </div>
  );
}

/** The options of a closed vocabulary (roles, functions …), each by its Swedish label. */
export function LabelOptions<T extends string>({
  values,
  labels,
}: {
  values: readonly T[];
  labels: Record<T, string>;
}) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels[v]}
        </option>
      ))}
    </>
  );
}

/** The options of named things (districts, accounts, templates …), each by its name. */
export function NameOptions<T extends { name: string }>({
  items,
  idOf,
}: {
  items: readonly T[];
  idOf: (t: T) => string;
}) {
  return (
    <>
      {items.map((t) => (
        <option key={idOf(t)} value={idOf(t)}>
          {t.name}
        </option>
      ))}
    </>
  );
}

/** Whether the list holds the item, as a checkbox turns it on or off. */
export const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list, item] : list.filter((x) => x !== item);

/** A checkbox with its text beside it. */
export function Check({
  checked,
  onChange,
  className = 'check',
  children,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={className}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {children}
    </label>
  );
}

/**
 * A button that is locked, and says it is busy, while what it started is under way; `ready`:
 * whether there is anything to start (a file chosen, a report to confirm).
 */
export function BusyButton({
  className,
  ready = true,
  busy,
  onClick,
  children,
}: {
  className: string;
  ready?: boolean;
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={className}
      disabled={!ready || busy}
      aria-busy={busy || undefined}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Puts away a notice the person has read. */
export function CloseButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="btn-quiet" onClick={onClick}>
      Stäng
    </button>
  );
}
