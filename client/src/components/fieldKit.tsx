/** A labelled input: the one shape of the sign-in, password, account and register forms. */
import type { InputHTMLAttributes } from 'react';
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
