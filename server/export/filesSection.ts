/**
 * The situation export's attachments and the library documents its running action cards link
 * to (R223). The state is already the reader's (redactState), so a confidential photo of
 * another district is not listed; the files themselves are read through /api/files (R219).
 */
import type { CityState } from '../../shared/domain/state';
import { tableValues } from '../../shared/domain/table';
import { filesOf } from '../../shared/files/policy';
import {
  ATTACHMENT_TARGET_LABEL,
  DOCUMENT_KIND_LABEL,
  MEDIA_TYPE_LABEL,
} from '../../shared/files/model';
import { lookup } from '../../shared/domain/keyed';
import { esc, fmtTime, table } from './htmlKit';
import { isDrawable } from '../../shared/files/model';
import type { BlobStore } from '../blobs/blobStore';

export function filesSection(s: CityState, images?: ReadonlyMap<string, string>): string {
  const f = filesOf(s);
  const attachments = tableValues(f.attachments).filter((a) => !a.removed);
  const cardIds = new Set(
    tableValues(s.cards?.instances ?? { buckets: {}, keys: [] }).map((i) => i.card.id),
  );
  const docs = tableValues(f.documents).filter(
    (d) => !d.retired && d.links.some((l) => cardIds.has(l.cardId)),
  );
  const parts: string[] = [];
  if (attachments.length)
    parts.push(
      `<section><h2>Bilagor</h2>${table(
        ['Tid', 'Till', 'Område', 'Fil', 'Bildtext', 'Av', 'SHA-256'],
        attachments.map((a) => [
          esc(fmtTime(a.at)),
          esc(ATTACHMENT_TARGET_LABEL[a.target]),
          esc(a.districtId ? (lookup(s.districts, a.districtId)?.name ?? a.districtId) : '–'),
          `${images?.has(a.hash) ? `<img class="attachment" src="${images.get(a.hash)!}" alt="${esc(a.caption ?? a.name)}" width="160"><br>` : ''}${esc(`${a.name} (${MEDIA_TYPE_LABEL[a.mediaType]})`)}`,
          esc(a.caption ?? ''),
          esc(a.by.name),
          `<span class="num">${esc(a.hash.slice(0, 12))}…</span>`,
        ]),
      )}</section>`,
    );
  if (docs.length)
    parts.push(
      `<section><h2>Planer och instruktioner kopplade till åtgärdskorten</h2>${table(
        ['Dokument', 'Slag', 'Version', 'Datum'],
        docs.map((d) => [
          esc(d.title),
          esc(DOCUMENT_KIND_LABEL[d.kind]),
          esc(d.version),
          esc(d.date),
        ]),
      )}</section>`,
    );
  return parts.join('\n');
}

/** At most this many photos, each at most this large, are drawn in the export itself. */
const MAX_IMAGES = 24;
const MAX_IMAGE_BYTES = 2 * 2 ** 20;

/** The newest drawable photos of the (already redacted) state as data: URIs, by hash. */
export async function attachmentImages(
  blobs: BlobStore,
  s: CityState,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const photos = tableValues(filesOf(s).attachments)
    .filter((a) => !a.removed && isDrawable(a.mediaType) && a.size <= MAX_IMAGE_BYTES)
    .slice(-MAX_IMAGES);
  for (const a of photos) {
    if (out.has(a.hash)) continue;
    const bytes = await blobs.get(s.space, a.hash).catch(() => undefined);
    if (bytes) out.set(a.hash, `data:${a.mediaType};base64,${bytes.toString('base64')}`);
  }
  return out;
}
