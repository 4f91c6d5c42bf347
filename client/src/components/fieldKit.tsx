/** A labelled input: the one shape of the sign-in, password, account and register forms. */
import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './bits';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'>;

/**
 * An input with its label (and hint, which the input is described by); `onValue` hears the
 * typed text.
 */
export function InputField({
  label,
  id,
  hint,
  value,
  onValue,
  ...input
}: {
  label: string;
  id: string;
  hint?: string;
  value: string;
  onValue: (v: string) => void;
} & InputProps) {
  return (
    <Field label={label} id={id} hint={hint}>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
        value={value}
        onChange={(e) => onValue(e.target.value)}
      />
    </Field>
  );
}

/**
 * An input the form checks as it is typed (a password against the rule): its hint, then what
 * is wrong with it, both read with the input; `children` follow (a “Föreslå” button).
 */
export function CheckedField({
  label,
  id,
  hint,
  problem,
  value,
  onValue,
  children,
  ...input
}: {
  label: string;
  id: string;
  hint?: ReactNode;
  problem?: string | null;
  value: string;
  onValue: (v: string) => void;
  children?: ReactNode;
} & InputProps) {
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...input}
        aria-describedby={describedBy || undefined}
        aria-invalid={problem ? true : undefined}
        value={value}
        onChange={(e) => onValue(e.target.value)}
      />
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {problem && (
        <span className="password-problem" id={`${id}-problem`}>
          <span aria-hidden="true">▲</span> {problem}
        </span>
      )}
      {children}
    </div>
  );
}
