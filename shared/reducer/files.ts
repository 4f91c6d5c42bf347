/** Appliers of attachments and library documents (R217–R221). */
import type { EventData, StoredEvent } from '../events';
import type { FILE_EVENTS } from '../events/files';
import type { CityState } from '../domain/state';
import { tableSet, tableUpdate } from '../domain/table';
import { emptyFilesState, type FilesState } from '../files/model';

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type FileAppliers = {
  [K in keyof typeof FILE_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

const withFiles = (s: CityState, f: (x: FilesState) => FilesState): CityState => {
  const before = s.files ?? emptyFilesState();
  const after = f(before);
  return after === before ? s : { ...s, files: after };
};

export const fileAppliers: FileAppliers = {
  'attachment.added': (s, d, m) =>
    withFiles(s, (f) => ({
      ...f,
      attachments: tableSet(f.attachments, d.attachmentId, {
        id: d.attachmentId,
        target: d.target,
        targetId: d.targetId,
        ...(d.districtId ? { districtId: d.districtId } : {}),
        ...(d.eventId ? { eventId: d.eventId } : {}),
        ...(d.caption ? { caption: d.caption } : {}),
        hash: d.hash,
        mediaType: d.mediaType,
        size: d.size,
        name: d.name,
        ...(m.audience ? { audience: m.audience } : {}),
        at: m.at,
        by: m.actor,
      }),
    })),
  'attachment.removed': (s, d, m) =>
    withFiles(s, (f) => {
      const attachments = tableUpdate(f.attachments, d.attachmentId, (a) =>
        a.removed ? a : { ...a, removed: { at: m.at, by: m.actor } },
      );
      return attachments === f.attachments ? f : { ...f, attachments };
    }),
  'document.published': (s, d, m) =>
    withFiles(s, (f) => ({
      ...f,
      documents: tableSet(f.documents, d.documentId, {
        id: d.documentId,
        title: d.title,
        kind: d.kind,
        version: d.version,
        date: d.date,
        hash: d.hash,
        mediaType: d.mediaType,
        size: d.size,
        name: d.name,
        roles: d.roles,
        levels: d.levels,
        links: d.links,
        at: m.at,
        by: m.actor,
      }),
    })),
  'document.updated': (s, d) =>
    withFiles(s, (f) => {
      const { documentId, ...changes } = d;
      const documents = tableUpdate(f.documents, documentId, (doc) => ({
        ...doc,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      }));
      return documents === f.documents ? f : { ...f, documents };
    }),
  'document.retired': (s, d, m) =>
    withFiles(s, (f) => {
      const documents = tableUpdate(f.documents, d.documentId, (doc) =>
        doc.retired ? doc : { ...doc, retired: { at: m.at, by: m.actor } },
      );
      return documents === f.documents ? f : { ...f, documents };
    }),
};
