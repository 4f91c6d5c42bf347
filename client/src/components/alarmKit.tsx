/**
 * The alarm message as it is written (a template, or the text of an alarm being started) and
 * previewed: the same field, the same preview and the same warning for a mistyped placeholder.
 */
import type { ReactNode } from 'react';
import { Field } from './bits';

/** The message text; its hint names the placeholders. Six hundred characters, as the server allows. */
export function MessageField({
  id,
  label,
  hint,
  rows,
  required,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  rows: number;
  required?: boolean;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field label={label} id={id} hint={hint}>
      <textarea
        id={id}
        rows={rows}
        required={required}
        maxLength={600}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/**
 * The message as a person will read it, with the reply link every message ends with, and the
 * placeholders the filling did not know.
 */
export function MessagePreview({
  testId,
  lead,
  message,
  unknown,
}: {
  testId: string;
  lead: ReactNode;
  message: string;
  unknown: readonly string[];
}) {
  return (
    <div className="message-preview" data-testid={testId}>
      <p className="muted">{lead}</p>
      <blockquote>
        {message} <span className="muted">Svara: [personlig länk]</span>
      </blockquote>
      {unknown.length > 0 && (
        <p className="ack ack-refused" role="alert">
          ✗ Okänd platshållare {unknown.join(', ')}: använd {'{namn}'}, {'{lista}'} eller{' '}
          {'{rubrik}'}.
        </p>
      )}
    </div>
  );
}
