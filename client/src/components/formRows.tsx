/**
 * Rows that the hand-built forms of the CKL, board and lifecycle screens share, drawn the way
 * CmdForm draws them so a form looks and answers the same whichever way it is built.
 */
import type { ReactNode } from 'react';
import type { AckState } from '../store/console';
import { AckLine } from './AckLine';
import { TextField } from './kit';

/** The answer to the last submit, then the submit button, locked while it is unanswered. */
export function SubmitRow({
  ack,
  okText,
  busy,
  children,
}: {
  ack: AckState | undefined;
  okText: string;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <AckLine ack={ack} okText={okText} />
      <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy || undefined}>
        {children}
      </button>
    </>
  );
}

/** A checkbox with its words after it, the whole line clickable. */
export function CheckField({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {children}
    </label>
  );
}

/** Why the server (or the form itself) turned the last attempt away; nothing when it did not. */
export function RefusedLine({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p className="ack ack-refused" role="alert">
      ✗ {error}
    </p>
  );
}

/** Several names or channels typed on one line, split at commas when the form is sent. */
export function ListField({
  label,
  value,
  onChange,
}: {
  /** What is listed; the field says itself how to separate them. */
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return <TextField label={`${label} (kommaseparerat)`} value={value} onChange={onChange} />;
}
