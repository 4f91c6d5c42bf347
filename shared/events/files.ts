/** Events of attachments and the document library (R215–R224). */
import { z } from 'zod';
import { Id } from './schemas';
import { Level, Role } from '../domain/vocabulary';
import { AttachmentTarget, BlobHash, DocumentKind, DocumentLink, MediaType } from '../files/model';

const Upload = {
  hash: BlobHash,
  mediaType: MediaType,
  size: z.number().int().positive(),
  name: z.string().min(1).max(200),
};

const DocumentMeta = {
  title: z.string().min(1).max(200),
  kind: DocumentKind,
  version: z.string().min(1).max(40),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  levels: z.array(Level).max(3),
  links: z.array(DocumentLink).max(100),
};

export const FILE_EVENTS = {
  'attachment.added': z.object({
    attachmentId: Id,
    target: AttachmentTarget,
    targetId: Id,
    districtId: Id.optional(),
    eventId: Id.optional(),
    caption: z.string().max(300).optional(),
    ...Upload,
  }),
  'attachment.removed': z.object({ attachmentId: Id }),
  'document.published': z.object({
    documentId: Id,
    roles: z.array(Role).max(20),
    ...DocumentMeta,
    ...Upload,
  }),
  'document.updated': z.object({
    documentId: Id,
    title: DocumentMeta.title.optional(),
    kind: DocumentKind.optional(),
    version: DocumentMeta.version.optional(),
    date: DocumentMeta.date.optional(),
    levels: DocumentMeta.levels.optional(),
    links: DocumentMeta.links.optional(),
  }),
  'document.retired': z.object({ documentId: Id }),
} as const;
