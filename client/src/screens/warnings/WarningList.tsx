/**
 * The warnings list and each feed's status: source, level in words, headline, times, status
 * and the age of the data. A Test or Exercise message is marked so it cannot be taken for a
 * real one (R134).
 */
import {
  WARNING_LEVEL_LABEL,
  WARNING_SOURCE_LABEL,
  WARNING_STATUS_LABEL,
  warningLevelRank,
  type WarningFeature,
} from '../../../../shared/warnings';
import { countyLabel } from '../../../../shared/warnings/counties';
import type { WarningCollectionMessage, WarningFeedStatus } from '../../../../shared/protocol';
import { formatAge } from '../../../../shared/views';
import { dayTime, hhmm } from '../../format';
import { WARNING_SYMBOL } from '../../map/warningStyle';

const ageMinutes = (iso: string | null, now: string) =>
  iso ? Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 60_000)) : null;

export function LevelBadge({ f }: { f: WarningFeature }) {
  const l = f.properties.level;
  return (
    <span className={`tag warning-level wl-${l}`}>
      <span aria-hidden="true">{WARNING_SYMBOL[l]}</span> {WARNING_LEVEL_LABEL[l]}
    </span>
  );
}

/** The unmistakable mark on a message that is not real. */
export function NotRealMark({ f }: { f: WarningFeature }) {
  if (!f.properties.notReal) return null;
  return (
    <strong className="not-real" data-testid="not-real">
      {f.properties.notReal} ({WARNING_STATUS_LABEL[f.properties.status]})
    </strong>
  );
}

export function FeedLine({ feed, now }: { feed: WarningFeedStatus; now: string }) {
  const age = ageMinutes(feed.dataAt, now);
  const name = `${WARNING_SOURCE_LABEL[feed.kind]} (${feed.label})`;
  if (feed.state === 'error')
    return (
      <li className="feed feed-error" data-feed={feed.id}>
        <span aria-hidden="true">✕</span> {name}: fel sedan {hhmm(feed.failingSince ?? undefined)} –{' '}
        {feed.reason}.{' '}
        {feed.dataAt
          ? `Visar senast hämtade (${formatAge(age ?? 0)} gamla).`
          : 'Inga varningar hämtade än.'}
      </li>
    );
  if (feed.state === 'pending')
    return (
      <li className="feed" data-feed={feed.id}>
        <span aria-hidden="true">…</span> {name}: hämtas…
      </li>
    );
  return (
    <li className="feed feed-ok" data-feed={feed.id}>
      <span aria-hidden="true">●</span> {name}: hämtat {hhmm(feed.lastOkAt ?? undefined)} ·{' '}
      {feed.count} {feed.count === 1 ? 'varning' : 'varningar'}
      {age !== null && age > 0 ? ` · data ${formatAge(age)} gamla` : ''}
    </li>
  );
}

/** Highest level first, then the newest. */
export function sortWarnings(fs: readonly WarningFeature[]): WarningFeature[] {
  return [...fs].sort(
    (a, b) =>
      warningLevelRank(b.properties.level) - warningLevelRank(a.properties.level) ||
      (b.properties.published ?? '').localeCompare(a.properties.published ?? ''),
  );
}

export function WarningList({
  collection,
  selected,
  onSelect,
  now,
  exercise,
}: {
  collection: WarningCollectionMessage | null;
  selected: string | null;
  onSelect: (id: string) => void;
  now: string;
  exercise: boolean;
}) {
  const features = sortWarnings(collection?.features ?? []);
  return (
    <section className="card warnings-card" aria-labelledby="warn-h">
      <h2 id="warn-h">{exercise ? 'Varningar i övningen' : 'Varningar från myndigheter'}</h2>
      {exercise && (
        <p className="muted">Övningsscenariots varningar – inga verkliga varningar visas här.</p>
      )}
      {!exercise && collection?.origin === 'off' && (
        <p className="muted">Inga varningskällor är inställda (WARNING_FEEDS).</p>
      )}
      {!exercise && collection && collection.feeds.length > 0 && (
        <ul className="feeds" aria-label="Källornas status">
          {collection.feeds.map((f) => (
            <FeedLine key={f.id} feed={f} now={now} />
          ))}
        </ul>
      )}
      {collection === null && <p className="muted">Hämtar varningar…</p>}
      {collection && features.length === 0 && <p className="muted">Inga varningar just nu.</p>}
      <ul className="warning-list" data-testid="warning-list">
        {features.map((f) => {
          const p = f.properties;
          return (
            <li
              key={f.id}
              className={`warning-item wl-${p.level}${p.notReal ? ' is-not-real' : ''}`}
              data-warning={f.id}
            >
              <button
                type="button"
                className="warning-pick"
                aria-pressed={selected === f.id}
                onClick={() => onSelect(f.id)}
              >
                <NotRealMark f={f} />
                <span className="warning-head">
                  <LevelBadge f={f} /> <span className="src">{WARNING_SOURCE_LABEL[p.source]}</span>
                </span>
                <strong className="warning-title">{p.headline}</strong>
                <span className="muted">
                  {p.onset ? `Från ${dayTime(p.onset)}` : 'Gäller nu'}
                  {p.expires ? ` till ${dayTime(p.expires)}` : ''} ·{' '}
                  {WARNING_STATUS_LABEL[p.status]}
                </span>
                <span className="muted">
                  {[...p.areaNames, ...(f.geometry ? [] : p.counties.map(countyLabel))].join(
                    ', ',
                  ) || 'Område saknas'}
                  {f.geometry ? '' : ' · inget område på kartan'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
