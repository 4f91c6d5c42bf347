import type { ReactNode } from 'react';
import type { AckState } from '../store/console';
import { AckLine } from './AckLine';

/**
 * The end of a form: its submit button (and any secondary action beside it), then the answer
 * to what was sent, in the same place every form has it.
 */
export function SubmitActions({
  label,
  ack,
  okText,
  variant = 'primary',
  disabled,
  busy,
  children,
}: {
  label: string;
  ack: AckState | undefined;
  okText: string;
  variant?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  /** A submit from here is unanswered (useSubmitOnce); an unanswered ack locks it as well. */
  busy?: boolean;
  /** Secondary buttons after the submit button. */
  children?: ReactNode;
}) {
  const locked = busy === true || ack?.status === 'pending';
  return (
    <>
      <div className="actions">
        <button
          type="submit"
          className={`btn-${variant}`}
          disabled={disabled === true || locked}
          aria-busy={locked || undefined}
        >
          {label}
        </button>
        {children}
      </div>
      <AckLine ack={ack} okText={okText} />
    </>
  );
}
