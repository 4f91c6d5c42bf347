/**
 * Åtgärdskort (R235–R243), for an administrator and the security chief: the card library with
 * each card's holder, trigger, version and whether it is retired; the editor for one card; and
 * the library as a YAML file. Cards are edited in the real space only, whatever is on screen.
 */
import { useState } from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import { CARD_TRIGGER_LABEL, libraryCards, type LibraryCard } from '../../../../shared/cards';
import { useConsole } from '../../store/console';
import { useMay } from '../../hooks';
import { CardEditor, holderLabel } from './CardEditor';
import { CardFile } from './CardFile';
import { CardHistory, HISTORY_HEADING_ID } from './CardHistory';
import '../../files/files.css';
import './cards.css';

function CardRow({
  lib,
  open,
  may,
  onOpen,
}: {
  lib: LibraryCard;
  open: boolean;
  may: boolean;
  onOpen: () => void;
}) {
  const c = lib.card;
  return (
    <li
      className={lib.retired ? 'cardlib-row is-retired' : 'cardlib-row'}
      data-testid={`lib-${c.id}`}
    >
      <div className="cardlib-main">
        <p className="cardlib-title">
          {c.title}
          {lib.retired && (
            <span className="tag cardlib-retired">
              <span aria-hidden="true">✕</span> Avvecklat
            </span>
          )}
        </p>
        <p className="cardlib-meta">
          <span>{holderLabel(c.holder)}</span> · <span>{CARD_TRIGGER_LABEL[c.trigger]}</span> ·{' '}
          <span data-testid={`lib-version-${c.id}`}>version {c.version}</span> ·{' '}
          <span>{c.steps.length} steg</span> ·{' '}
          <span>{lib.shipped ? 'levereras med konsolen' : 'eget kort'}</span>
        </p>
      </div>
      {may && (
        <button
          type="button"
          className="btn-secondary"
          aria-pressed={open}
          onClick={() => !open && onOpen()}
        >
          {open ? 'Öppet i redigeraren' : 'Redigera'}
          <span className="sr-only"> {c.title}</span>
        </button>
      )}
    </li>
  );
}

type Selection = { id: string | null; key: number } | null;

export function CardEditorScreen() {
  const real = useConsole((s) => s.spaces[REAL_SPACE]);
  // The shared policy decides who edits (R235); the payload only has to be of the right shape.
  const may = useMay('card.retire', { cardId: 'x', baseVersion: 1 });
  const [sel, setSel] = useState<Selection>(null);
  const cards = real ? libraryCards(real) : [];
  const open = (id: string | null) => setSel({ id, key: Date.now() });
  const current = sel?.id ? cards.find((c) => c.card.id === sel.id) : undefined;

  const showHistory = () => {
    const h = document.getElementById(HISTORY_HEADING_ID);
    h?.focus({ preventScroll: true });
    h?.scrollIntoView?.({ block: 'start' });
  };

  if (!real) return <p className="muted cardlib-screen">Hämtar…</p>;
  return (
    <div className="cardlib-screen">
      <section className="card cardlib" aria-labelledby="cardlib-h">
        <h2 id="cardlib-h">Åtgärdskort</h2>
        <p className="muted">
          Korten öppnas av sin utlösare för sin innehavare. En sparad ändring blir nästa version;
          kort som redan är öppna behåller den version de öppnades med. Ändringar görs i skarpt
          läge, en pågående övning behåller sina kort.
        </p>
        {!may && (
          <p className="ack ack-refused" role="alert">
            Endast en administratör eller säkerhetschefen kan ändra åtgärdskort.
          </p>
        )}
        {may && (
          <p>
            <button type="button" className="btn-primary" onClick={() => open(null)}>
              + Nytt kort
            </button>
          </p>
        )}
        <ul className="cardlib-list" aria-label="Kortbiblioteket">
          {cards.map((c) => (
            <CardRow
              key={c.card.id}
              lib={c}
              open={sel?.id === c.card.id}
              may={may}
              onOpen={() => open(c.card.id)}
            />
          ))}
        </ul>
      </section>
      <div className="cardlib-side">
        {may && sel && (
          <CardEditor
            key={sel.key}
            lib={current}
            onClose={() => setSel(null)}
            onCreated={(id) => setSel({ id, key: sel.key })}
            onHistory={showHistory}
          />
        )}
        {may && sel?.id && current && <CardHistory cardId={sel.id} />}
        {may && <CardFile />}
      </div>
    </div>
  );
}
