/**
 * A card's versions, newest first (R236): each with its number, who saved it and when (the
 * shipped version says so), and what changed from the version before in plain Swedish. Read
 * only. The live state keeps the newest CARD_VERSIONS_KEPT versions; an older one is in the log,
 * and the oldest kept version says so rather than guess what changed.
 */
import { REAL_SPACE } from '../../../../shared/protocol';
import {
  CARD_VERSIONS_KEPT,
  libraryCard,
  versionHistory,
  type VersionEntry,
} from '../../../../shared/cards';
import { documentOf } from '../../../../shared/files/policy';
import { useConsole } from '../../store/console';
import { dayTime } from '../../format';

function VersionItem({ v, newest }: { v: VersionEntry; newest: boolean }) {
  const n = v.card.version;
  return (
    <li className="cardhist-item" data-testid={`history-v${n}`}>
      <h3>
        Version {n}
        {newest && <span className="cardhist-now"> (gällande)</span>}
      </h3>
      <p className="cardhist-meta">
        {v.at ? (
          <>
            Sparad av {v.byName ?? 'okänd'} <time dateTime={v.at}>{dayTime(v.at)}</time>
          </>
        ) : (
          'Levereras med konsolen'
        )}{' '}
        · {v.card.steps.length} steg
      </p>
      {v.changes === null ? (
        <p className="cardhist-none">
          {n === 1
            ? 'Första versionen.'
            : `Versionen före finns i loggen (här visas de ${CARD_VERSIONS_KEPT} senaste).`}
        </p>
      ) : v.changes.length === 0 ? (
        <p className="cardhist-none">Samma innehåll som versionen före.</p>
      ) : (
        <ul className="cardhist-changes" aria-label={`Ändringar i version ${n}`}>
          {v.changes.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The id of the history's heading, which the editor's "Visa versionshistorik" focuses. */
export const HISTORY_HEADING_ID = 'cardhist-h';

export function CardHistory({ cardId }: { cardId: string }) {
  const real = useConsole((s) => s.spaces[REAL_SPACE]);
  if (!real) return null;
  const lib = libraryCard(real, cardId);
  if (!lib) return null;
  const docTitle = (id: string) => {
    const d = documentOf(real, id);
    return d ? `${d.title} (${d.version})` : `okänt dokument ${id}`;
  };
  const versions = versionHistory(real, cardId, docTitle);
  const retired = lib.record?.retired;
  return (
    <section
      className="card cardhist"
      aria-labelledby={HISTORY_HEADING_ID}
      data-testid="card-history"
    >
      <h2 id={HISTORY_HEADING_ID} tabIndex={-1}>
        Versionshistorik: {lib.card.title}
      </h2>
      {retired && (
        <p className="cardhist-retired">
          <span aria-hidden="true">✕</span> Avvecklat (version {retired.version}) av{' '}
          {retired.by.name} <time dateTime={retired.at}>{dayTime(retired.at)}</time>
          {retired.reason ? `: ${retired.reason}` : '.'}
        </p>
      )}
      <ol className="cardhist-list" aria-label="Versioner, nyaste först">
        {versions.map((v, i) => (
          <VersionItem key={v.card.version} v={v} newest={i === 0} />
        ))}
      </ol>
    </section>
  );
}
