/**
 * A new warning touching Stockholm county, as a notice on every screen of the roles the
 * administrator chose (R135). Only in the real space: an exercise shows no live warning.
 */
import { REAL_SPACE } from '../../../../shared/protocol';
import { DEFAULT_ATTENTION_ROLES, WARNING_SOURCE_LABEL } from '../../../../shared/warnings';
import type { Role } from '../../../../shared/domain/vocabulary';
import { useConsole } from '../../store/console';
import { useWarnings } from '../../store/warnings';
import { warningNoticeText } from '../../map/warningStyle';
import { CloseButton } from '../../components/adminKit';

export function WarningNotices() {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const inReal = useConsole((s) => s.currentSpace === REAL_SPACE);
  const roles: readonly Role[] = useConsole(
    (s) => s.spaces[REAL_SPACE]?.warningAttention?.roles ?? DEFAULT_ATTENTION_ROLES,
  );
  const notices = useWarnings((w) => w.notices);
  if (!me || !inReal || notices.length === 0) return null;
  if (!roles.includes(me.role) && !(actingFor && roles.includes(actingFor))) return null;
  return (
    <section className="warning-notices" aria-label="Nya varningar" role="alert">
      {notices.map((n) => (
        <div key={n.key} className={`warning-notice wl-${n.feature.properties.level}`}>
          <span>
            <strong>Ny varning för Stockholms län</strong> (
            {WARNING_SOURCE_LABEL[n.feature.properties.source]}): {warningNoticeText(n.feature)}
          </span>
          <a href="#/varningar" onClick={() => useWarnings.getState().select(n.feature.id)}>
            Visa
          </a>
          <CloseButton onClick={() => useWarnings.getState().dismiss(n.key)} />
        </div>
      ))}
    </section>
  );
}
