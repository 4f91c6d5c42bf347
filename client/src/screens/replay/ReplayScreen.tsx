/**
 * Replay (uppspelning): a past event, an exercise or the whole log watched back on the map at
 * a chosen speed. The server gives the state just before the period and its events as this
 * person may see them (/api/replay); the shared reducer rebuilds every moment here. The
 * stepping rules are in ../../replay/player.ts (pure, unit-tested).
 */
import { takesPartIn } from '../../../../shared/visibility';
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type Dispatch,
  type SetStateAction,
} from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import { EXERCISE_MARK, isExerciseSpace } from '../../../../shared/domain/exercise';
import { describeEvent } from '../../../../shared/report/afterAction/describe';
import { districtViews } from '../../../../shared/views';
import * as api from '../../api';
import { StatusTag } from '../../components/bits';
import { ReportLinks } from '../../components/ExportLinks';
import { dayTime } from '../../format';
import { useConsole } from '../../store/console';
import {
  SPEEDS,
  StateCache,
  initialPlayer,
  pause,
  play,
  recording,
  seek,
  setSpeed,
  step,
  tick,
  type PlayerState,
  type Recording,
  type Speed,
} from '../../replay/player';
import { LoadedMap, type ScreenProps } from '../common';
import { Icon } from '../../components/Icon';

const TIME_S = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const fmt = (ms: number) => TIME_S.format(new Date(ms));

function subscribeHash(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}
/** `#/replay?event=…&space=…`: what to play, so a link from an event page opens it. */
function useReplayQuery(): { space: string; eventId: string } {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  return { space: q.get('space') ?? REAL_SPACE, eventId: q.get('event') ?? '' };
}

interface Source {
  value: string;
  label: string;
  space: string;
  eventId?: string;
}

function useSources(): Source[] {
  const real = useConsole((s) => s.spaces[REAL_SPACE]);
  const me = useConsole((s) => s.me);
  return useMemo(() => {
    if (!real) return [];
    const events = Object.values(real.events).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    const exercises = Object.values(real.exercise.exercises).filter(
      (e) => !!me && takesPartIn(me, e),
    );
    return [
      ...events.map((e) => ({
        value: `${REAL_SPACE}|${e.id}`,
        label: `${e.title} (${e.status === 'open' ? 'pågår' : `avslutad ${dayTime(e.closedAt)}`})`,
        space: REAL_SPACE,
        eventId: e.id,
      })),
      ...exercises.map((e) => ({
        value: `${e.space}|`,
        label: `${EXERCISE_MARK}: ${e.name} (${e.status === 'running' ? 'pågår' : 'avslutad'})`,
        space: e.space,
      })),
      { value: `${REAL_SPACE}|`, label: 'Hela den skarpa loggen', space: REAL_SPACE },
    ];
  }, [real, me]);
}

/** Ticks the player while it plays; the wall clock is measured, not assumed. */
function usePlayback(
  r: Recording | null,
  playing: boolean,
  set: Dispatch<SetStateAction<PlayerState>>,
) {
  useEffect(() => {
    if (!r || !playing) return;
    let last = Date.now();
    const t = setInterval(() => {
      const now = Date.now();
      const wall = now - last;
      last = now;
      // From the latest state, not a render's copy: ticks may come faster than renders.
      set((cur) => tick(r, cur, wall));
    }, 100);
    return () => clearInterval(t);
  }, [r, playing, set]);
}

export function ReplayPlayer({
  rec,
  map,
  title,
  space,
  eventId,
}: {
  rec: Recording;
  map: ScreenProps['map'];
  title: string;
  space: string;
  eventId?: string;
}) {
  const uid = useId();
  const cache = useMemo(() => new StateCache(rec), [rec]);
  const [p, setP] = useState<PlayerState>(() => initialPlayer(rec));
  useEffect(() => setP(initialPlayer(rec)), [rec]);
  usePlayback(rec, p.playing, setP);
  const state = cache.at(p.index);
  const nowIso = new Date(p.clockMs).toISOString();
  const last = p.index > 0 ? rec.events[p.index - 1] : undefined;
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const [id, d] of Object.entries(rec.initial.districts)) m.set(`d:${id}`, d.name);
    for (const [id, u] of Object.entries(rec.initial.users)) m.set(`u:${id}`, u.name);
    return m;
  }, [rec]);
  const recent = rec.events.slice(Math.max(0, p.index - 8), p.index).reverse();
  const views = districtViews(state, nowIso).filter((v) => v.status !== null);
  return (
    <div className="screen screen-replay" aria-label="Uppspelning">
      <div className="col col-left">
        <section className="card" aria-labelledby={`${uid}-h`} data-testid="replay-player">
          <h2 id={`${uid}-h`}>
            {isExerciseSpace(space) && <span className="msg-mark">{EXERCISE_MARK}</span>} {title}
          </h2>
          <p className="replay-clock" data-testid="replay-clock" aria-live="off">
            {fmt(p.clockMs)}
          </p>
          <p className="muted" data-testid="replay-position">
            Händelse {p.index} av {rec.events.length}
            {p.playing ? ` · spelar ${p.speed}×` : ' · pausad'}
          </p>
          <div className="replay-controls" role="group" aria-label="Uppspelning">
            <button
              type="button"
              className="btn-quiet"
              onClick={() => setP(step(rec, p, -1))}
              disabled={p.index === 0}
            >
              <Icon name="back" /> Steg bakåt
            </button>
            {p.playing ? (
              <button type="button" className="btn-primary" onClick={() => setP(pause(p))}>
                <span aria-hidden="true">‖</span> Pausa
              </button>
            ) : (
              <button
                type="button"
                className="btn-primary"
                onClick={() => setP(play(rec, p))}
                disabled={rec.events.length === 0}
              >
                <Icon name="play" /> Spela
              </button>
            )}
            <button
              type="button"
              className="btn-quiet"
              onClick={() => setP(step(rec, p, 1))}
              disabled={p.index >= rec.events.length}
            >
              Steg framåt <Icon name="play" />
            </button>
          </div>
          <fieldset className="speed">
            <legend>Hastighet</legend>
            {SPEEDS.map((s) => (
              <label key={s} className="speed-option">
                <input
                  type="radio"
                  name={`${uid}-speed`}
                  value={s}
                  checked={p.speed === s}
                  onChange={() => setP(setSpeed(p, s as Speed))}
                />{' '}
                {s}×
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${uid}-slider`} className="slider-label">
            Tidpunkt
          </label>
          <input
            id={`${uid}-slider`}
            type="range"
            className="replay-slider"
            min={rec.startMs}
            max={Math.max(rec.endMs, rec.startMs + 1)}
            step={1000}
            value={p.clockMs}
            aria-valuetext={fmt(p.clockMs)}
            onChange={(e) => setP(seek(rec, pause(p), Number(e.target.value)))}
          />
          <div className="slider-ends muted" aria-hidden="true">
            <span>{fmt(rec.startMs)}</span>
            <span>{fmt(rec.endMs)}</span>
          </div>
        </section>
        <section className="card" aria-labelledby={`${uid}-log`}>
          <h2 id={`${uid}-log`}>Senast i loggen</h2>
          {recent.length === 0 && <p className="muted">Inget ännu – tryck Spela.</p>}
          <ol className="timeline" data-testid="replay-log">
            {recent.map((e) => (
              <li key={e.seq} className={e === last ? 'current' : undefined}>
                <span className="history-time">{dayTime(e.at)}</span> {describeEvent(e, names)}{' '}
                <span className="muted">– {e.actor.name}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <div className="col col-map">
        <LoadedMap
          map={map}
          state={state}
          now={nowIso}
          label={`Uppspelning på kartan, läget ${fmt(p.clockMs)}. Samma uppgifter finns i listan bredvid.`}
        />
      </div>
      <aside className="col col-right" aria-label="Läget vid tidpunkten">
        <section className="card" aria-labelledby={`${uid}-d`}>
          <h2 id={`${uid}-d`}>Stadsdelsområden vid tidpunkten</h2>
          {views.length === 0 && <p className="muted">Inga rapporter vid den här tidpunkten.</p>}
          <ul className="plain" data-testid="replay-districts">
            {views.map((v) => (
              <li key={v.id}>
                <strong>{v.name}</strong> <StatusTag status={v.status} />
                {v.overdue ? (
                  <>
                    {' '}
                    <Icon name="warning" /> FÖRSENAD
                  </>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby={`${uid}-x`}>
          <h2 id={`${uid}-x`}>Efterhandsrapport</h2>
          <ReportLinks space={space} eventId={eventId} />
        </section>
      </aside>
    </div>
  );
}

export function ReplayScreen({ map }: ScreenProps) {
  const uid = useId();
  const query = useReplayQuery();
  const sources = useSources();
  const wanted = `${query.space}|${query.eventId}`;
  const [choice, setChoice] = useState(wanted);
  useEffect(() => setChoice(wanted), [wanted]);
  const [loaded, setLoaded] = useState<{ rec: Recording; source: Source } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const source = sources.find((s) => s.value === choice);

  async function load(s: Source) {
    setBusy(true);
    setError(null);
    try {
      const page = await api.replay({ space: s.space, eventId: s.eventId });
      if (!page.initial) throw new Error('Servern skickade inget utgångsläge.');
      setLoaded({ rec: recording(page.initial, page.events), source: s });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  // A link (#/replay?event=…) loads at once.
  const auto = useRef<string | null>(null);
  useEffect(() => {
    if (!source || auto.current === wanted || (!query.eventId && query.space === REAL_SPACE))
      return;
    auto.current = wanted;
    void load(source);
  }, [source, wanted, query.eventId, query.space]);

  return (
    <div className="replay-screen">
      <form
        className="replay-pick"
        onSubmit={(e) => {
          e.preventDefault();
          if (source) void load(source);
        }}
      >
        <label htmlFor={`${uid}-src`}>Spela upp</label>
        <select id={`${uid}-src`} value={choice} onChange={(e) => setChoice(e.target.value)}>
          {!source && <option value={choice}>Välj en händelse eller övning…</option>}
          {sources.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-primary" disabled={!source || busy}>
          {busy ? 'Hämtar…' : 'Hämta'}
        </button>
        {error && (
          <span className="ack ack-refused" role="alert">
            ✗ {error}
          </span>
        )}
      </form>
      {loaded ? (
        <ReplayPlayer
          rec={loaded.rec}
          map={map}
          title={loaded.source.label}
          space={loaded.source.space}
          eventId={loaded.source.eventId}
        />
      ) : (
        <p className="muted panel-hint">
          Välj en händelse eller en övning och tryck Hämta. Uppspelningen visar läget på kartan som
          det var, i vald hastighet.
        </p>
      )}
    </div>
  );
}
