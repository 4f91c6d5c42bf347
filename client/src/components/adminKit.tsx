/**
 * Pieces the register screens (alarm administration, duty, accounts, exercise script) share:
 * a table's column heads, a row's buttons named for a screen reader, a form in a card, and the
 * option lists of the city's own vocabulary.
 */
import { useId, type ReactNode } from 'react';
import type { AckState } from '../store/console';
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

/**
 * The end of a register's form: save, and while an entry is being changed, the way back to a
 * new one.
 */
export function EditSubmit({
  label,
  ack,
  okText,
  editing,
  newLabel,
  onNew,
}: {
  label: string;
  ack: AckState | undefined;
  okText: string;
  editing: boolean;
  newLabel: string;
  onNew: () => void;
}) {
  return (
    <SubmitActions label={label} ack={ack} okText={okText}>
      {editing && (
        <button type="button" className="btn-quiet" onClick={onNew}>
          {newLabel}
        </button>
      )}
    </SubmitActions>
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

/** The options of the city's districts, by name. */
export function DistrictOptions({
  districts,
}: {
  districts: readonly { districtId: string; name: string }[];
}) {
  return (
    <>
      {districts.map((d) => (
        <option key={d.districtId} value={d.districtId}>
          {d.name}
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
