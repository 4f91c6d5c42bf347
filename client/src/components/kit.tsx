/**
 * Small pieces every CKL workspace shares: the grid of cards, a function's activation line,
 * a choice of open event, and times typed in the browser's own (Stockholm) clock.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { CKL_FUNCTION_LABEL, type CklFunction } from '../../../shared/domain/vocabulary';
import { functionStatus, nextBriefing } from '../../../shared/views/ckl';
import { AckLine } from './AckLine';
import { Field } from './bits';
import { useCityState, useNow } from '../hooks';
import { useSubmitOnce } from '../submitOnce';
import { dayTime, hhmm } from '../format';
import { Icon } from './Icon';
import { MyCards } from './CardPanel';
import type { AnyCommand, CommandPayload, CommandType } from '../../../shared/commands';

/** The workspace: a heading line and up to three scrolling columns of cards. */
export function CklLayout({
  label,
  head,
  columns,
}: {
  label: string;
  head?: ReactNode;
  columns: ReactNode[];
}) {
  return (
    <div className="ckl-screen" aria-label={label}>
      {head && <div className="ckl-head">{head}</div>}
      <div className={`ckl-cols ckl-cols-${columns.length}`}>
        {columns.map((c, i) => (
          <div className="col ckl-col" key={i}>
            {i === 0 && <MyCards />}
            {c}
          </div>
        ))}
      </div>
    </div>
  );
}

export function Card({
  title,
  children,
  testId,
  className,
}: {
  title: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const id = useId();
  return (
    <section
      className={`card${className ? ` ${className}` : ''}`}
      aria-labelledby={id}
      data-testid={testId}
    >
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** R21: whether the function is at work, on which events; an inactive one requires nothing. */
export function FunctionStatusLine({ fn }: { fn: CklFunction }) {
  const state = useCityState();
  const st = functionStatus(state).find((f) => f.fn === fn);
  if (!st?.active)
    return (
      <p className="fn-status fn-off" data-testid={`fn-status-${fn}`}>
        <span aria-hidden="true">○</span> <strong>{CKL_FUNCTION_LABEL[fn]}:</strong> Funktionen är
        inte aktiverad. Inget av den krävs nu; registret och förberedelser kan hållas aktuella.
      </p>
    );
  return (
    <p className="fn-status fn-on" data-testid={`fn-status-${fn}`}>
      <span aria-hidden="true">●</span> <strong>{CKL_FUNCTION_LABEL[fn]}:</strong> aktiverad för{' '}
      {st.events.map((e, i) => (
        <span key={e.eventId}>
          {i > 0 ? ', ' : ''}
          {e.title} (sedan {dayTime(e.since)})
        </span>
      ))}
    </p>
  );
}

/** The open events the function is activated on (the ones its work may name). */
export function useActiveEvents(fn: CklFunction | 'any') {
  const state = useCityState();
  if (fn === 'any') {
    return Object.values(state.events).filter(
      (e) => e.status === 'open' && Object.values(e.ckl).some(Boolean),
    );
  }
  return Object.values(state.events).filter((e) => e.status === 'open' && e.ckl[fn]);
}

export function EventSelect({
  fn,
  value,
  onChange,
  optional = false,
  autoFirst = false,
  label = 'Händelse',
}: {
  fn: CklFunction | 'any';
  value: string;
  onChange: (v: string) => void;
  optional?: boolean;
  /** Start on the first event even where none is allowed (the usual case named first). */
  autoFirst?: boolean;
  label?: string;
}) {
  const id = useId();
  const events = useActiveEvents(fn);
  const first = events[0]?.id;
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if ((!optional || (autoFirst && !touched)) && !value && first) onChange(first);
  }, [optional, autoFirst, touched, value, first, onChange]);
  return (
    <Field label={label} id={id}>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          setTouched(true);
          onChange(e.target.value);
        }}
        required={!optional}
      >
        {optional && <option value="">(ingen särskild händelse)</option>}
        {events.map((e) => (
          <option key={e.id} value={e.id}>
            {e.title}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * One deliberate action without a decision basis: a disclosure with a small form; the
 * server's answer is shown under it, and the form empties itself once the answer is yes.
 */
export function CmdForm({
  origin,
  title,
  submitLabel,
  children,
  onSubmit,
  onSaved,
  okText,
  open,
  testId,
}: {
  origin: string;
  title: string;
  submitLabel: string;
  children: ReactNode;
  onSubmit: () => AnyCommand | null;
  onSaved?: () => void;
  okText?: string;
  open?: boolean;
  testId?: string;
}) {
  const { submit: send, ack, busy } = useSubmitOnce(origin, { onSaved });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const cmd = onSubmit();
    if (cmd) send(cmd.type, cmd.payload);
  };
  return (
    <details className="action" data-testid={testId} open={open}>
      <summary>{title}</summary>
      <form onSubmit={submit}>
        {children}
        <AckLine ack={ack} okText={okText} />
        <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </button>
      </form>
    </details>
  );
}

/** A one-click command (approve, start, withdraw …) with its answer beside it. */
export function CmdButton<K extends CommandType>({
  origin,
  label,
  type,
  payload,
  className = 'btn-secondary',
  okText,
}: {
  origin: string;
  label: string;
  type: K;
  payload: CommandPayload<K>;
  className?: string;
  okText?: string;
}) {
  const { submit, ack, busy } = useSubmitOnce(origin);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => submit(type, payload)}
      >
        {label}
      </button>
      <AckLine ack={ack} okText={okText} />
    </>
  );
}

/** Text field bound to state, with a label. */
export function TextField({
  label,
  value,
  onChange,
  rows,
  required,
  hint,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  required?: boolean;
  hint?: string;
}) {
  const id = useId();
  return (
    <Field label={label} id={id} hint={hint}>
      {rows ? (
        <textarea
          id={id}
          rows={rows}
          value={value}
          required={required}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          value={value}
          required={required}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  options: readonly (readonly [T, string])[];
}) {
  const id = useId();
  return (
    <Field label={label} id={id}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A time as the person types it: the browser's local clock (Stockholm in the city's consoles). */
export function TimeField({
  label,
  value,
  onChange,
  required,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
}) {
  const id = useId();
  return (
    <Field label={label} id={id}>
      <input
        id={id}
        type="datetime-local"
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DDTHH:mm` in the browser's local time, minutes from now (rounded to 5). */
export function localIn(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setMinutes(Math.ceil(d.getMinutes() / 5) * 5, 0, 0);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export const localToIso = (v: string): string | undefined =>
  v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;

export const splitList = (s: string): string[] =>
  s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The next stabsgenomgång as everyone sees it in the frame. */
export function BriefingChip() {
  const state = useCityState();
  const now = useNow(30_000);
  const b = nextBriefing(state, now);
  if (!b.nextAt) return null;
  const place = state.ckl.briefing.place;
  const mins = b.minutesUntil ?? 0;
  return (
    <span
      className={`briefing-chip${b.overdue ? ' is-late' : ''}`}
      data-testid="next-briefing"
      title={place ? `Plats: ${place}` : undefined}
    >
      <span aria-hidden="true">{b.overdue ? <Icon name="warning" /> : '◷'}</span> Stabsgenomgång{' '}
      {hhmm(b.nextAt)}
      {b.overdue ? ' – FÖRSENAD' : mins <= 120 ? ` (om ${mins} min)` : ''}
      {place ? ` · ${place}` : ''}
    </span>
  );
}

/** Status words with a symbol, never colour alone. */
export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`tag badge-${kind}`}>{children}</span>;
}
