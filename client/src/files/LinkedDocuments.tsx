/**
 * The library documents linked from an action card or one of its steps (R220): one tap opens
 * the PDF in the browser or the Markdown in the library screen. Documents always come from the
 * real space: the city's plans are the same inside an exercise.
 */
import { tableValues } from '../../../shared/domain/table';
import { filesOf } from '../../../shared/files/policy';
import type { LibraryDocument } from '../../../shared/files/model';
import { REAL_SPACE } from '../../../shared/protocol';
import type { CityState } from '../../../shared/domain/state';
import { useConsole } from '../store/console';
import { fileUrl } from './api';

export const liveDocuments = (s: CityState | undefined): LibraryDocument[] =>
  s ? tableValues(filesOf(s).documents).filter((d) => !d.retired) : [];

export function documentHref(d: LibraryDocument): string {
  return d.mediaType === 'application/pdf'
    ? fileUrl(REAL_SPACE, d.hash)
    : `#/bibliotek?dokument=${encodeURIComponent(d.id)}`;
}

/**
 * `ids` are the documents the card's step itself names (set in the card editor); the others are
 * those whose library entry says they support this card or step. Either way only documents the
 * reader sees in the library are listed.
 */
export function LinkedDocuments({
  cardId,
  stepId,
  ids = [],
}: {
  cardId: string;
  stepId?: string;
  ids?: readonly string[];
}) {
  const real = useConsole((s) => s.spaces[REAL_SPACE]);
  const docs = liveDocuments(real).filter(
    (d) =>
      ids.includes(d.id) ||
      d.links.some((l) => l.cardId === cardId && (stepId ? l.stepId === stepId : !l.stepId)),
  );
  if (docs.length === 0) return null;
  return (
    <p className="doc-links">
      {stepId ? 'Stöd: ' : 'Dokument: '}
      {docs.map((d, i) => (
        <span key={d.id}>
          {i > 0 && ', '}
          <a
            href={documentHref(d)}
            {...(d.mediaType === 'application/pdf' ? { target: '_blank', rel: 'noopener' } : {})}
            data-testid={`doc-link-${d.id}`}
          >
            {d.title} ({d.version})
          </a>
        </span>
      ))}
    </p>
  );
}
