import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useSubmitOnce } from '../submitOnce';
import { AckLine } from './AckLine';
import { Field } from './bits';
import type { AnyCommand } from '../../../shared/commands';

const splitInformed = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * One deliberate action: a disclosure with a small form. Every decision names its basis and
 * who was informed (R4); the server's answer is shown under the form.
 */
export function ActionForm({
  origin,
  title,
  submitLabel,
  children,
  onSubmit,
  needsBasis = true,
  testId,
  hidden = false,
}: {
  origin: string;
  title: string;
  submitLabel: string;
  children?: ReactNode;
  onSubmit: (decision: { basis: string; informed: string[] }) => AnyCommand | null;
  needsBasis?: boolean;
  testId?: string;
  /** No longer applicable (e.g. the level changed): only the answer to what was sent remains. */
  hidden?: boolean;
}) {
  const uid = useId();
  const [basis, setBasis] = useState('');
  const [informed, setInformed] = useState('');
  const {
    submit: send,
    ack,
    busy,
  } = useSubmitOnce(origin, {
    onSaved: () => {
      setBasis('');
      setInformed('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cmd = onSubmit({ basis: basis.trim(), informed: splitInformed(informed) });
    if (cmd) send(cmd.type, cmd.payload);
  };
  if (hidden)
    return ack ? (
      <div data-testid={testId}>
        <AckLine ack={ack} />
      </div>
    ) : null;
  return (
    <details className="action" data-testid={testId}>
      <summary>{title}</summary>
      <form onSubmit={submit}>
        {children}
        {needsBasis && (
          <>
            <Field label="Beslutsunderlag (obligatoriskt)" id={`${uid}-basis`}>
              <textarea
                id={`${uid}-basis`}
                rows={2}
                required
                value={basis}
                onChange={(e) => setBasis(e.target.value)}
              />
            </Field>
            <Field label="Informerade (kommaseparerat)" id={`${uid}-inf`}>
              <input
                id={`${uid}-inf`}
                value={informed}
                onChange={(e) => setInformed(e.target.value)}
              />
            </Field>
          </>
        )}
        <AckLine ack={ack} />
        <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </button>
      </form>
    </details>
  );
}
