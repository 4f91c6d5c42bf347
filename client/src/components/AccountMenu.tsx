/**
 * On a phone the header keeps one line: the connection, what waits for me, and this menu, which
 * folds away who I am, what I act as, the sound, the password and signing out. The screen's
 * height is the map's and the list's; the level banner below stays in full.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { DEPUTY_LABEL } from '../../../shared/domain/vocabulary';
import { useConsole } from '../store/console';
import './accountMenu.css';

export function AccountMenu({ children }: { children: ReactNode }) {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);

  // A link in the menu leads to another screen: the menu closes behind it.
  useEffect(() => {
    const close = () => setOpen(false);
    window.addEventListener('hashchange', close);
    return () => window.removeEventListener('hashchange', close);
  }, []);

  if (!me) return null;
  return (
    <div
      className={`account-menu${open ? ' account-menu-open' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="btn-quiet account-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="account-toggle"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{open ? '▴' : '▾'}</span> {me.name}
        {actingFor ? ` (som ${DEPUTY_LABEL[actingFor]})` : ''}
      </button>
      <div id={panelId} className="account-panel" hidden={!open} data-testid="account-panel">
        {children}
      </div>
    </div>
  );
}
