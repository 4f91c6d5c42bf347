/**
 * One step of a card in the editor: its text, guidance, deadline, the console action that ticks
 * it, the passage of the city's plans it cites (R179) and the library documents it links to.
 * The documents offered are those the editor sees in the library; a linked one the editor does
 * not see (or that was retired) stays listed so it can be unlinked, and the server checks every
 * id on save (R238).
 */
import { useEffect, useId, useRef } from 'react';
import type { CardStep } from '../../../../shared/cards';
import { BINDABLE_ACTIONS, bindingKey, bindingLabel } from '../../../../shared/cards/bindable';
import type { LibraryDocument } from '../../../../shared/files/model';

export interface FocusRequest {
  id: string;
  what: 'text' | 'up' | 'down';
}

/** The step's documents picker: one labelled checkbox per document, in a fieldset. */
function StepDocuments({
  step,
  n,
  docs,
  onChange,
}: {
  step: CardStep;
  n: number;
  docs: LibraryDocument[];
  onChange: (ids: string[]) => void;
}) {
  const uid = useId();
  const linked = step.documents ?? [];
  const known = new Set(docs.map((d) => d.id));
  const unknown = linked.filter((id) => !known.has(id));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...linked.filter((x) => x !== id), id] : linked.filter((x) => x !== id));
  // Nothing to choose: one quiet line instead of an empty group in every step.
  if (docs.length === 0 && unknown.length === 0)
    return (
      <p className="hint cardedit-nodocs">
        Dokument att länka: biblioteket har inga dokument som du ser.
      </p>
    );
  return (
    <fieldset className="cardedit-docs" data-testid={`edit-step-docs-${step.id}`}>
      <legend>Dokument i biblioteket (valfritt, steg {n})</legend>
      <ul>
        {docs.map((d) => (
          <li key={d.id}>
            <input
              type="checkbox"
              id={`${uid}-${d.id}`}
              checked={linked.includes(d.id)}
              onChange={(e) => toggle(d.id, e.target.checked)}
            />
            <label htmlFor={`${uid}-${d.id}`}>
              {d.title} ({d.version})
            </label>
          </li>
        ))}
        {unknown.map((id) => (
          <li key={id}>
            <input
              type="checkbox"
              id={`${uid}-${id}`}
              checked
              onChange={(e) => toggle(id, e.target.checked)}
            />
            <label htmlFor={`${uid}-${id}`}>
              Okänt eller tillbakadraget dokument ({id}) – avmarkera för att ta bort länken
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function StepEditor({
  step,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  focus,
  docs,
}: {
  step: CardStep;
  index: number;
  count: number;
  onChange: (s: CardStep) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** Where the keyboard focus goes in this step after an add, a move or a removal. */
  focus: FocusRequest | null;
  /** The library documents the editor sees, to link from the step. */
  docs: LibraryDocument[];
}) {
  const uid = useId();
  const text = useRef<HTMLTextAreaElement>(null);
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focus) return;
    const want = focus.what === 'up' ? up.current : focus.what === 'down' ? down.current : null;
    // A move to the top or the bottom disables its button: the other one takes the focus.
    const other = focus.what === 'up' ? down.current : up.current;
    (want && !want.disabled ? want : focus.what === 'text' ? text.current : other)?.focus();
  }, [focus]);
  const n = index + 1;
  const key = bindingKey(step.fulfilledBy);
  const listed = BINDABLE_ACTIONS.some((b) => bindingKey(b.fulfilledBy) === key);
  const setBinding = (k: string) => {
    const { fulfilledBy: _f, ...rest } = step;
    const b = BINDABLE_ACTIONS.find((x) => bindingKey(x.fulfilledBy) === k);
    if (k === key) return;
    onChange(b ? { ...rest, fulfilledBy: { ...b.fulfilledBy } } : rest);
  };
  return (
    <li className="cardedit-step" data-testid={`edit-step-${step.id}`}>
      <fieldset>
        <legend>
          Steg {n} av {count}
        </legend>
        <div className="field">
          <label htmlFor={`${uid}-t`}>Text (steg {n})</label>
          <textarea
            id={`${uid}-t`}
            ref={text}
            rows={2}
            required
            maxLength={300}
            value={step.text}
            onChange={(e) => onChange({ ...step, text: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-g`}>Vägledning (valfritt, steg {n})</label>
          <textarea
            id={`${uid}-g`}
            rows={2}
            maxLength={2000}
            value={step.guidance ?? ''}
            onChange={(e) => onChange({ ...step, guidance: e.target.value })}
          />
        </div>
        <div className="cardedit-row">
          <div className="field">
            <label htmlFor={`${uid}-d`}>Tidsfrist i minuter efter utlösningen (valfritt)</label>
            <input
              id={`${uid}-d`}
              type="number"
              inputMode="numeric"
              min={1}
              max={20160}
              step={1}
              aria-describedby={`${uid}-d-hint`}
              value={step.deadlineMinutes ?? ''}
              onChange={(e) => {
                const { deadlineMinutes: _d, ...rest } = step;
                const v = e.target.value;
                onChange(v === '' ? rest : { ...rest, deadlineMinutes: Number(v) });
              }}
            />
            <span className="hint" id={`${uid}-d-hint`}>
              1–20160 minuter (högst 14 dygn). Tomt: ingen tidsfrist.
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-b`}>Bockas av när konsolen loggar (valfritt)</label>
            <select id={`${uid}-b`} value={key} onChange={(e) => setBinding(e.target.value)}>
              <option value="">Ingen åtgärd – bockas av för hand</option>
              {!listed && step.fulfilledBy && (
                <option value={key}>{bindingLabel(step.fulfilledBy)}</option>
              )}
              {BINDABLE_ACTIONS.map((b) => (
                <option key={bindingKey(b.fulfilledBy)} value={bindingKey(b.fulfilledBy)}>
                  {b.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-s`}>Källa i stadens planer (valfritt, steg {n})</label>
          <textarea
            id={`${uid}-s`}
            rows={2}
            maxLength={500}
            aria-describedby={`${uid}-s-hint`}
            value={step.source ?? ''}
            onChange={(e) => onChange({ ...step, source: e.target.value })}
          />
          <span className="hint" id={`${uid}-s-hint`}>
            Plan, avsnitt och gärna citatet steget bygger på, t.ex. ”Säkerhetsprogram 2020–2023,
            krisberedskap”.
          </span>
        </div>
        <StepDocuments
          step={step}
          n={n}
          docs={docs}
          onChange={(ids) => {
            const { documents: _d, ...rest } = step;
            onChange(ids.length > 0 ? { ...rest, documents: ids } : rest);
          }}
        />
        <div className="actions">
          <button
            type="button"
            className="btn-quiet"
            ref={up}
            disabled={index === 0}
            aria-label={`Flytta upp steg ${n}: ${step.text || 'utan text'}`}
            onClick={() => onMove(-1)}
          >
            <span aria-hidden="true">▲</span> Flytta upp
          </button>
          <button
            type="button"
            className="btn-quiet"
            ref={down}
            disabled={index === count - 1}
            aria-label={`Flytta ned steg ${n}: ${step.text || 'utan text'}`}
            onClick={() => onMove(1)}
          >
            <span aria-hidden="true">▼</span> Flytta ned
          </button>
          <button
            type="button"
            className="btn-quiet"
            disabled={count === 1}
            aria-label={`Ta bort steg ${n}: ${step.text || 'utan text'}`}
            onClick={onRemove}
          >
            <span aria-hidden="true">✕</span> Ta bort
          </button>
        </div>
      </fieldset>
    </li>
  );
}
