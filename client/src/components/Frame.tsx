import { useEffect, type ReactNode } from 'react';
import { MyNotices } from './lifecycle/Notices';
import { WarningNotices } from '../screens/warnings/WarningNotices';
import {
  DEPUTY_LABEL,
  HEIGHTENED_ALERT_LABEL,
  LEVEL_LABEL,
  ROLE_LABEL,
  type DelegableRole,
  type Level,
} from '../../../shared/domain/vocabulary';
import { PROTOCOL_MISMATCH_MESSAGE, REAL_SPACE } from '../../../shared/protocol';
import { EXERCISE_MARK } from '../../../shared/domain/exercise';
import { SpaceBar } from '../screens/exercise/SpaceBar';
import { actingRolesFor, cityLevel } from '../../../shared/views';
import { consoleStore, useConsole } from '../store/console';
import { useCityState, useNow, usePhoneWidth } from '../hooks';
import { hhmm } from '../format';
import { ConflictArea } from '../screens/offline/ConflictView';
import { BriefingChip } from './kit';
import { AlarmNotices } from '../screens/alarm/AlarmNotice';
import { plural } from '../../../shared/text/plural';
import { Icon } from './Icon';
import { setTitleExercise } from '../attention/pageTitle';
import {
  AttentionCenter,
  AttentionControls,
  AttentionWaiting,
  NotifyOffer,
  SoundToggle,
} from '../attention/AttentionCenter';
import { AccountMenu } from './AccountMenu';
import { lookup } from '../../../shared/domain/keyed';
import { useUploads } from '../files/uploadQueue';

const LEVEL_ICON: Record<Level | 'none', string> = {
  none: '○',
  disruption: '◆',
  serious: '▲',
  extraordinary: '■',
};

/**
 * The city's real level and höjd beredskap: words, an icon and a colour, never colour alone.
 * Inside an exercise the real level stays here, first, and the exercise's own level is shown
 * beside it marked ÖVNING, so a made-up "Normalläge" never hides a real crisis.
 */
export function LevelBanner() {
  const real = useConsole((s) => s.spaces[REAL_SPACE]);
  const inExercise = useConsole((s) => s.currentSpace !== REAL_SPACE);
  const shown = useCityState();
  const state = real ?? shown;
  const level = cityLevel(state);
  const alert = state.heightenedAlert;
  const exerciseLevel = inExercise ? cityLevel(shown) : null;
  return (
    <div className={`level-banner level-${level ?? 'none'}`} data-testid="level-banner">
      <span className="level-icon" aria-hidden="true">
        {LEVEL_ICON[level ?? 'none']}
      </span>
      <span className="level-text">
        <span className="level-caption">
          {inExercise ? 'Stadens verkliga läge: ' : 'Stadens läge: '}
        </span>
        <strong data-testid="city-level">
          {level ? LEVEL_LABEL[level] : 'Normalläge – inga öppna händelser'}
        </strong>
        {state.boardInFunction && (
          <span className="board-flag"> · Krisledningsnämnden i funktion</span>
        )}
        {inExercise && (
          <span className="exercise-level" data-testid="exercise-level">
            {' '}
            · {EXERCISE_MARK}:{' '}
            {exerciseLevel ? LEVEL_LABEL[exerciseLevel] : 'inga öppna övningshändelser'}
          </span>
        )}
      </span>
      <span className={`alert-chip alert-${alert.level}`} data-testid="heightened-alert">
        <span aria-hidden="true">{alert.level === 'none' ? '○' : '⚑'}</span>{' '}
        {HEIGHTENED_ALERT_LABEL[alert.level]}
        {alert.governmentDecisionRef ? ` (${alert.governmentDecisionRef})` : ''}
      </span>
    </div>
  );
}

export function ConnectionStatus() {
  const c = useConsole((s) => s.connection);
  const pending = useConsole((s) => s.pending.length);
  const files = useUploads((u) => u.items.length);
  const cachedAt = useConsole((s) => lookup(s.fromCache, s.currentSpace));
  const mustReload = useConsole((s) => s.mustReload !== null);
  if (mustReload)
    return (
      <span className="conn conn-offline" data-testid="connection" role="status">
        <span aria-hidden="true">↻</span> Ny version – inte ansluten
      </span>
    );
  const text =
    c.status === 'live'
      ? 'Live'
      : c.status === 'connecting'
        ? 'Ansluter…'
        : c.status === 'reconnecting'
          ? 'Återansluter…'
          : `Offline sedan ${hhmm(c.since)}`;
  const icon = c.status === 'live' ? '●' : c.status === 'offline' ? '✕' : '↻';
  return (
    <span className={`conn conn-${c.status}`} data-testid="connection" role="status">
      <span aria-hidden="true">{icon}</span> {text}
      {cachedAt && (
        <span className="conn-pending" data-testid="from-cache">
          {' '}
          · visar senast kända läget (sparat kl. {hhmm(cachedAt)})
        </span>
      )}
      {pending + files > 0 && (
        <span className="conn-pending">
          {' '}
          ·{' '}
          {[
            ...(pending ? [plural(pending, 'åtgärd', 'åtgärder')] : []),
            ...(files ? [plural(files, 'fil', 'filer')] : []),
          ].join(' och ')}{' '}
          väntar på att skickas
        </span>
      )}
    </span>
  );
}

/**
 * A new release is running on the server: this page must be reloaded. Until then it shows the
 * last state it had and applies nothing more (docs/protocol.md, versions).
 */
export function UpdateBanner({ reload = () => window.location.reload() }: { reload?: () => void }) {
  const mustReload = useConsole((s) => s.mustReload !== null);
  const pending = useConsole((s) => s.pending.length);
  if (!mustReload) return null;
  return (
    <div className="update-banner" role="alert" data-testid="update-banner">
      <span className="update-icon" aria-hidden="true">
        ↻
      </span>
      <span className="update-text">
        <strong>{PROTOCOL_MISMATCH_MESSAGE}</strong>
        <span>
          Det du ser nu uppdateras inte längre.
          {pending > 0
            ? ` ${plural(pending, 'åtgärd', 'åtgärder')} som väntar skickas efter omladdningen.`
            : ''}
        </span>
      </span>
      <button type="button" className="btn-primary update-reload" onClick={reload}>
        Ladda om sidan
      </button>
    </div>
  );
}

/**
 * The ÖVNING banner: on every screen of an exercise space, in words, with a striped pattern
 * and a frame around the whole console, so an exercise cannot be taken for reality (R63).
 */
export function ExerciseBanner() {
  const space = useConsole((s) => s.currentSpace);
  const control = useConsole((s) => lookup(s.spaces, s.currentSpace)?.exercise.control ?? null);
  useEffect(() => {
    setTitleExercise(space !== REAL_SPACE);
    return () => setTitleExercise(false);
  }, [space]);
  if (space === REAL_SPACE) return null;
  return (
    <div className="exercise-banner" role="note" data-testid="exercise-banner">
      <span className="exercise-mark" aria-hidden="true">
        <Icon name="warning" /> {EXERCISE_MARK}
      </span>
      <span>
        <strong>{EXERCISE_MARK}</strong> – {control?.name ?? space}
        {control?.status === 'paused' ? ' (pausad)' : ''}
        {control?.status === 'ended' ? ' (avslutad)' : ''}. Inget här gäller på riktigt.
      </span>
      <span className="exercise-mark" aria-hidden="true">
        {EXERCISE_MARK} <Icon name="warning" />
      </span>
    </div>
  );
}

/** Who is signed in, as what, and the deciding role they act for (R14). */
export function WhoAmI({ onSignOut }: { onSignOut: () => void }) {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const state = useCityState();
  const now = useNow(60_000);
  if (!me) return null;
  const roles = actingRolesFor(state, me.userId, now);
  const district = me.districtId ? lookup(state.districts, me.districtId)?.name : undefined;
  return (
    <div className="whoami">
      <span data-testid="whoami">
        <strong>{me.name}</strong> – {ROLE_LABEL[me.role]}
        {district ? ` ${district}` : ''}
        {actingFor ? ` (tjänstgör som ${DEPUTY_LABEL[actingFor]})` : ''}
      </span>
      {roles.length > 0 && (
        <label className="acting">
          Agera som{' '}
          <select
            value={actingFor ?? ''}
            onChange={(e) =>
              consoleStore.getState().setActingFor((e.target.value || null) as DelegableRole | null)
            }
          >
            <option value="">mig själv ({ROLE_LABEL[me.role].toLowerCase()})</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {DEPUTY_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
      )}
      <a className="btn-quiet" href={`#/${PASSWORD_ROUTE}`} data-testid="change-password-link">
        Byt lösenord
      </a>
      <button type="button" className="btn-quiet" onClick={onSignOut}>
        Logga ut
      </button>
    </div>
  );
}

/** The hash path of the console's own password screen (reached from the header, R113). */
export const PASSWORD_ROUTE = 'losenord';

/** A polite live region: new changes and answers are read out without moving focus. */
export function LiveRegion() {
  const a = useConsole((s) => s.announcement);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {a.text}
    </div>
  );
}

export function Frame({
  nav,
  onSignOut,
  children,
}: {
  nav: ReactNode;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const inExercise = useConsole((s) => s.currentSpace !== REAL_SPACE);
  const phone = usePhoneWidth();
  return (
    <div className={`frame${inExercise ? ' frame-exercise' : ''}`}>
      <a className="skip" href="#main">
        Hoppa till innehållet
      </a>
      <UpdateBanner />
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">Lägesbild</span>
          <span className="brand-city">Stockholms stad</span>
        </div>
        <LevelBanner />
        {phone && (
          <div className="topbar-briefing">
            <BriefingChip />
          </div>
        )}
        {phone ? (
          <div className="topbar-right">
            <div className="topbar-line">
              <ConnectionStatus />
              <AttentionWaiting />
              <NotifyOffer />
              <AccountMenu>
                <SoundToggle />
                <WhoAmI onSignOut={onSignOut} />
              </AccountMenu>
            </div>
          </div>
        ) : (
          <div className="topbar-right">
            <div className="topbar-line">
              <BriefingChip />
              <ConnectionStatus />
              <AttentionControls />
            </div>
            <WhoAmI onSignOut={onSignOut} />
          </div>
        )}
      </header>
      <ExerciseBanner />
      <AlarmNotices />
      <WarningNotices />
      <MyNotices />
      <SpaceBar />
      {nav}
      <ConflictArea />
      <main id="main" className="workspace" tabIndex={-1}>
        {children}
      </main>
      <LiveRegion />
      <AttentionCenter />
    </div>
  );
}
