/**
 * The attention dialog (R228): a modal that names what happened, who raised it and when, and
 * what is asked. It traps focus, Esc puts it off ("Senare"), the rest of the page is inert while
 * it is open, and focus goes back where it was. An alarm shows its own answer form here.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ATTENTION_KIND_LABEL } from '../../../shared/attention/model';
import { REAL_SPACE } from '../../../shared/protocol';
import { EXERCISE_MARK } from '../../../shared/domain/exercise';
import { hhmm } from '../format';
import { Icon } from '../components/Icon';
import type { SpacedItem } from './items';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface AttentionDialogProps {
  item: SpacedItem;
  position: number;
  total: number;
  onAck(item: SpacedItem, show: boolean): void;
  onClose(item: SpacedItem): void;
  onLater(): void;
  /** The alarm's own answer form, for an alarm item. */
  alarmBody?: ReactNode;
}

export function AttentionDialog(p: AttentionDialogProps) {
  const uid = useId();
  const box = useRef<HTMLDivElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const { item } = p;

  // The page behind is inert while the dialog is open; focus returns where it was.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    root?.setAttribute('aria-hidden', 'true');
    return () => {
      root?.removeAttribute('inert');
      root?.removeAttribute('aria-hidden');
      if (before && document.contains(before)) before.focus();
    };
  }, []);

  // Each new item takes focus: the primary action, or the first control of the alarm's form.
  useEffect(() => {
    const first =
      primary.current ?? box.current?.querySelector<HTMLElement>(FOCUSABLE) ?? box.current;
    first?.focus();
  }, [item.key]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      p.onLater();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const all = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (all.length === 0) return;
    const first = all[0];
    const last = all[all.length - 1];
    if (
      e.shiftKey &&
      (document.activeElement === first || document.activeElement === box.current)
    ) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const exercise = item.space !== REAL_SPACE;
  return createPortal(
    <div className="attention-backdrop">
      <div
        ref={box}
        className={`attention-dialog attention-${item.kind}${item.needsAck ? ' attention-ack' : ''}`}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${uid}-h`}
        aria-describedby={`${uid}-d`}
        data-testid="attention-dialog"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <p className="attention-kind">
          <Icon name="warning" /> {exercise ? `${EXERCISE_MARK} – ` : ''}
          {ATTENTION_KIND_LABEL[item.kind]}
          {p.total > 1 && (
            <span className="attention-count">
              {' '}
              · {p.position} av {p.total}
            </span>
          )}
        </p>
        <h2 id={`${uid}-h`}>{item.title}</h2>
        <p id={`${uid}-d`} className="attention-detail">
          {item.detail}
        </p>
        <p className="attention-meta">
          {hhmm(item.at)}
          {item.from ? ` · ${item.from}` : ''}
        </p>
        {p.alarmBody}
        <div className="attention-actions">
          {item.needsAck && !p.alarmBody && (
            <button
              ref={primary}
              type="button"
              className="btn-primary"
              onClick={() => p.onAck(item, false)}
            >
              <span aria-hidden="true">✓</span> Kvittera
            </button>
          )}
          {item.needsAck && !p.alarmBody && item.eventId && (
            <button type="button" className="btn-secondary" onClick={() => p.onAck(item, true)}>
              Kvittera och visa händelsen
            </button>
          )}
          {!item.needsAck && (
            <button
              ref={primary}
              type="button"
              className="btn-primary"
              onClick={() => p.onClose(item)}
            >
              Stäng
            </button>
          )}
          <button type="button" className="btn-quiet" onClick={p.onLater}>
            Senare
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
