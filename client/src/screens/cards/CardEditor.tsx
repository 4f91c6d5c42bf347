/**
 * One action card in the editor (R236, R238): title, holder, trigger and the ordered steps. A
 * save is the next version on the one the editor opened (`baseVersion`); the server checks the
 * whole card and answers with every reason it refuses. Retiring asks first.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import {
  CARD_TRIGGERS,
  CARD_TRIGGER_LABEL,
  type CardDefinition,
  type CardHolder,
  type CardStep,
  type CardTrigger,
  type LibraryCard,
} from '../../../../shared/cards';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  ROLES,
  ROLE_LABEL,
  type CklFunction,
  type Role,
} from '../../../../shared/domain/vocabulary';
import { useSubmitOnce } from '../../submitOnce';
import { AckLine } from '../../components/AckLine';
import { useConsole } from '../../store/console';
import { liveDocuments } from '../../files/LinkedDocuments';
import { StepEditor, type FocusRequest } from './StepEditor';
import { LabelOptions } from '../../components/adminKit';

/** What the editor holds: the card without its version, which the save sets. */
export type CardDraft = Omit<CardDefinition, 'version'>;

export const blankCard = (): CardDraft => ({
  id: '',
  title: '',
  holder: { kind: 'role', role: 'director' },
  trigger: 'event_serious',
  steps: [{ id: 'steg-1', text: '' }],
});

const toDraft = (c: CardDefinition): CardDraft => {
  const { version: _v, ...rest } = c;
  return { ...rest, steps: rest.steps.map((s) => ({ ...s })) };
};

/** "steg-N" with the smallest N no step of the card has. */
function newStepId(steps: CardStep[]): string {
  const ids = new Set(steps.map((s) => s.id));
  let n = steps.length + 1;
  while (ids.has(`steg-${n}`)) n++;
  return `steg-${n}`;
}

/** "brand-i-skola" from a title, for the id of a new card. */
export const slug = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

export const holderLabel = (h: CardHolder): string =>
  h.kind === 'role'
    ? ROLE_LABEL[h.role]
    : h.kind === 'function'
      ? CKL_FUNCTION_LABEL[h.fn]
      : 'Den som utlösaren anger';

/** The draft as the command sends it: empty optional texts left out. */
function cardToSend(d: CardDraft): CardDraft {
  return {
    ...d,
    id: d.id.trim(),
    title: d.title.trim(),
    steps: d.steps.map((s) => {
      const { guidance, source, documents, ...rest } = s;
      return {
        ...rest,
        text: s.text.trim(),
        ...(guidance?.trim() ? { guidance } : {}),
        ...(source?.trim() ? { source: source.trim() } : {}),
        ...(documents?.length ? { documents } : {}),
      };
    }),
  };
}

function RetireCard({ lib }: { lib: LibraryCard }) {
  const uid = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const { submit, ack, busy } = useSubmitOnce(`card-retire:${lib.card.id}`, {
    onSaved: () => setAsking(false),
  });
  if (lib.retired) return <AckLine ack={ack} okText="Kortet är avvecklat." />;
  return (
    <div className="cardedit-retire">
      {!asking ? (
        <button type="button" className="btn-quiet" onClick={() => setAsking(true)}>
          Avveckla kortet…
        </button>
      ) : (
        <div className="confirm-box" role="group" aria-labelledby={`${uid}-q`}>
          <p id={`${uid}-q`}>
            <strong>Avveckla ”{lib.card.title}”?</strong> Kortet öppnas inte vid nästa utlösning.
            Kort som redan är öppna fortsätter som de är.
          </p>
          <div className="field">
            <label htmlFor={`${uid}-r`}>Skäl (valfritt)</label>
            <input
              id={`${uid}-r`}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="actions">
            <button
              type="button"
              className="btn-danger"
              disabled={busy}
              onClick={() =>
                submit(
                  'card.retire',
                  {
                    cardId: lib.card.id,
                    baseVersion: lib.card.version,
                    ...(reason.trim() ? { reason: reason.trim() } : {}),
                  },
                  REAL_SPACE,
                )
              }
            >
              Ja, avveckla kortet
            </button>
            <button type="button" className="btn-quiet" onClick={() => setAsking(false)}>
              Avbryt
            </button>
          </div>
        </div>
      )}
      <AckLine ack={ack} okText="Kortet är avvecklat." />
    </div>
  );
}

/**
 * The editor for one card: `lib` is the library's newest version, or undefined for a new card.
 * The draft stays as typed until a save succeeds; then it follows the saved version.
 */
export function CardEditor({
  lib,
  onClose,
  onCreated,
  onHistory,
}: {
  lib: LibraryCard | undefined;
  onClose: () => void;
  /** A new card was saved: the screen follows it by its id. */
  onCreated?: (id: string) => void;
  /** Takes the reader to the card's version history. */
  onHistory?: () => void;
}) {
  const uid = useId();
  // One origin for the editor's life, so the answer stays when a new card gets its id.
  const [origin] = useState(() => `card-save:${lib?.card.id ?? `new-${crypto.randomUUID()}`}`);
  const isNew = lib === undefined;
  const [draft, setDraft] = useState<CardDraft>(() => (lib ? toDraft(lib.card) : blankCard()));
  const [base, setBase] = useState(lib?.card.version ?? 0);
  const [idTouched, setIdTouched] = useState(false);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [awaitingSave, setAwaitingSave] = useState(false);
  const { submit, ack, busy } = useSubmitOnce(origin, {
    onSaved: () => {
      setAwaitingSave(true);
      if (isNew) onCreated?.(draft.id.trim());
    },
  });
  const current = lib?.card.version ?? 0;
  // Documents always come from the real space: the city's plans are the same in an exercise.
  const real = useConsole((st) => st.spaces[REAL_SPACE]);
  const docs = useMemo(
    () => liveDocuments(real).sort((a, b) => a.title.localeCompare(b.title, 'sv')),
    [real],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a card takes the reader to the editor (below the list on a phone).
  useEffect(() => {
    const h = heading.current;
    if (!h) return;
    h.focus({ preventScroll: true });
    const top = h.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 120) h.scrollIntoView?.({ block: 'start' });
  }, []);
  // The saved version arrives in the log: the editor goes on from it.
  useEffect(() => {
    if (awaitingSave && lib && lib.card.version > base) {
      setDraft(toDraft(lib.card));
      setBase(lib.card.version);
      setAwaitingSave(false);
    }
  }, [awaitingSave, lib, base]);

  const setSteps = (steps: CardStep[]) => setDraft({ ...draft, steps });
  const move = (i: number, by: -1 | 1) => {
    const steps = [...draft.steps];
    const [s] = steps.splice(i, 1);
    steps.splice(i + by, 0, s!);
    setSteps(steps);
    setFocus({ id: s!.id, what: by === -1 ? 'up' : 'down' });
  };
  const remove = (i: number) => {
    const steps = draft.steps.filter((_, j) => j !== i);
    setSteps(steps);
    const next = steps[Math.min(i, steps.length - 1)];
    if (next) setFocus({ id: next.id, what: 'text' });
  };
  const addStep = () => {
    const id = newStepId(draft.steps);
    setSteps([...draft.steps, { id, text: '' }]);
    setFocus({ id, what: 'text' });
  };
  const setHolderKind = (kind: CardHolder['kind']) =>
    setDraft({
      ...draft,
      holder:
        kind === 'role'
          ? { kind, role: 'director' }
          : kind === 'function'
            ? { kind, fn: 'liaison' }
            : { kind },
    });
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    submit('card.save', { card: cardToSend(draft), baseVersion: base }, REAL_SPACE);
  };
  const stale = !isNew && current > base && !awaitingSave;
  const title = isNew ? 'Nytt åtgärdskort' : `Redigera: ${lib.card.title}`;

  return (
    <section className="card cardedit" aria-labelledby={`${uid}-h`} data-testid="card-editor">
      <h2 id={`${uid}-h`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {!isNew && (
        <p className="cardedit-version" data-testid="editor-version">
          Version {base}
          {lib.retired ? ' · Avvecklat – sparar du kortet används det igen' : ''}
          {onHistory && (
            <>
              {' · '}
              <button type="button" className="btn-link" onClick={onHistory}>
                Visa versionshistorik
              </button>
            </>
          )}
        </p>
      )}
      {stale && (
        <p className="ack ack-refused" role="alert">
          ▲ Någon har sparat version {current} sedan du öppnade kortet.{' '}
          <button
            type="button"
            className="btn-link"
            onClick={() => {
              setDraft(toDraft(lib.card));
              setBase(current);
            }}
          >
            Ladda om kortet (dina ändringar försvinner)
          </button>
        </p>
      )}
      <form onSubmit={save}>
        <div className="field">
          <label htmlFor={`${uid}-title`}>Rubrik</label>
          <input
            id={`${uid}-title`}
            required
            maxLength={200}
            value={draft.title}
            onChange={(e) =>
              setDraft({
                ...draft,
                title: e.target.value,
                ...(isNew && !idTouched ? { id: slug(e.target.value) } : {}),
              })
            }
          />
        </div>
        {isNew && (
          <div className="field">
            <label htmlFor={`${uid}-id`}>Kortets id</label>
            <input
              id={`${uid}-id`}
              required
              maxLength={60}
              autoComplete="off"
              aria-describedby={`${uid}-id-hint`}
              value={draft.id}
              onChange={(e) => {
                setIdTouched(true);
                setDraft({ ...draft, id: e.target.value.toLowerCase() });
              }}
            />
            <span className="hint" id={`${uid}-id-hint`}>
              Små bokstäver a–z, siffror, punkt, - och _. Går inte att ändra efteråt.
            </span>
          </div>
        )}
        <div className="cardedit-row">
          <div className="field">
            <label htmlFor={`${uid}-hk`}>Innehavare</label>
            <select
              id={`${uid}-hk`}
              value={draft.holder.kind}
              onChange={(e) => setHolderKind(e.target.value as CardHolder['kind'])}
            >
              <option value="role">En roll</option>
              <option value="function">En CKL-funktion</option>
              <option value="named">Den som utlösaren anger</option>
            </select>
          </div>
          {draft.holder.kind === 'role' && (
            <div className="field">
              <label htmlFor={`${uid}-role`}>Roll</label>
              <select
                id={`${uid}-role`}
                value={draft.holder.role}
                onChange={(e) =>
                  setDraft({ ...draft, holder: { kind: 'role', role: e.target.value as Role } })
                }
              >
                <LabelOptions values={ROLES} labels={ROLE_LABEL} />
              </select>
            </div>
          )}
          {draft.holder.kind === 'function' && (
            <div className="field">
              <label htmlFor={`${uid}-fn`}>CKL-funktion</label>
              <select
                id={`${uid}-fn`}
                value={draft.holder.fn}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    holder: { kind: 'function', fn: e.target.value as CklFunction },
                  })
                }
              >
                <LabelOptions values={CKL_FUNCTIONS} labels={CKL_FUNCTION_LABEL} />
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${uid}-tr`}>Utlösare</label>
            <select
              id={`${uid}-tr`}
              value={draft.trigger}
              onChange={(e) => setDraft({ ...draft, trigger: e.target.value as CardTrigger })}
            >
              <LabelOptions values={CARD_TRIGGERS} labels={CARD_TRIGGER_LABEL} />
            </select>
          </div>
        </div>
        <h3>Steg</h3>
        <ol className="cardedit-steps" aria-label="Kortets steg i ordning">
          {draft.steps.map((s, i) => (
            <StepEditor
              key={s.id}
              step={s}
              index={i}
              count={draft.steps.length}
              focus={focus?.id === s.id ? focus : null}
              docs={docs}
              onChange={(n) => setSteps(draft.steps.map((x, j) => (j === i ? n : x)))}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(i)}
            />
          ))}
        </ol>
        <button type="button" className="btn-secondary" onClick={addStep}>
          + Lägg till steg
        </button>
        <AckLine
          ack={ack}
          okText={isNew ? 'Kortet är sparat som version 1.' : `Sparat som version ${current}.`}
        />
        <div className="actions cardedit-save">
          <button
            type="submit"
            className="btn-primary"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {isNew ? 'Spara kortet' : `Spara som version ${base + 1}`}
          </button>
          <button type="button" className="btn-quiet" onClick={onClose}>
            Stäng
          </button>
        </div>
      </form>
      {!isNew && <RetireCard lib={lib} />}
    </section>
  );
}
