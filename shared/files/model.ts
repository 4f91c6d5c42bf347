/**
 * Files in the log: attachments (bilagor) on district reports, map markers and log entries, and
 * the document library (dokumentbiblioteket) of the city's plans and instructions. The bytes
 * live in a blob store (server/blobs/), named by their SHA-256; the log holds only the hash
 * and what the file is, so the log stays the truth about who attached what and when.
 */
import { z } from 'zod';
import { Level, Role, LEVELS, type Role as RoleT } from '../domain/vocabulary';
import type { ActorRef, Audience } from '../domain/refs';
import { emptyTable, type Table } from '../domain/table';

/** What an upload may be, decided from its first bytes (shared/files/sniff.ts), R215. */
export const MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
  'text/markdown',
  'text/plain',
] as const;
export const MediaType = z.enum(MEDIA_TYPES);
export type MediaType = z.infer<typeof MediaType>;

export const MEDIA_TYPE_LABEL: Record<MediaType, string> = {
  'image/jpeg': 'JPEG-bild',
  'image/png': 'PNG-bild',
  'image/webp': 'WebP-bild',
  'image/heic': 'HEIC-bild',
  'application/pdf': 'PDF',
  'text/markdown': 'Markdown',
  'text/plain': 'Text',
};

/** Attachments may be photos, PDFs or text; library documents only PDF or Markdown (R220). */
export const ATTACHMENT_TYPES: readonly MediaType[] = MEDIA_TYPES;
export const DOCUMENT_TYPES: readonly MediaType[] = ['application/pdf', 'text/markdown'];

export const isImage = (t: MediaType): boolean => t.startsWith('image/');
/** Images a browser can draw as a thumbnail (HEIC is kept and downloadable, not drawn). */
export const isDrawable = (t: MediaType): boolean => isImage(t) && t !== 'image/heic';

/** A SHA-256 in lower-case hex: the blob's name. */
export const BlobHash = z.string().regex(/^[0-9a-f]{64}$/, 'Ogiltig kontrollsumma.');

export const FileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  // Control characters and path separators never reach a header or a download name.
  .transform((s) =>
    [...s].map((c) => (c < ' ' || c === '\u007f' || c === '/' || c === '\\' ? '_' : c)).join(''),
  );

/** What an attachment hangs on. */
export const ATTACHMENT_TARGETS = ['report', 'marker', 'log'] as const;
export const AttachmentTarget = z.enum(ATTACHMENT_TARGETS);
export type AttachmentTarget = z.infer<typeof AttachmentTarget>;
export const ATTACHMENT_TARGET_LABEL: Record<AttachmentTarget, string> = {
  report: 'Lägesrapport',
  marker: 'Kartmarkering',
  log: 'Loggpost',
};

export interface Attachment {
  id: string;
  target: AttachmentTarget;
  targetId: string;
  /** The district the target belongs to, when it has one (for the confidential audience). */
  districtId?: string;
  eventId?: string;
  hash: string;
  mediaType: MediaType;
  size: number;
  name: string;
  caption?: string;
  /** Who may see it: the target's audience, narrowed to its district when confidential (R219). */
  audience?: Audience;
  at: string;
  by: ActorRef;
  removed?: { at: string; by: ActorRef };
}

/** The kinds of plan the library holds (security programme, crisis management plan …). */
export const DOCUMENT_KINDS = [
  'security_programme',
  'crisis_plan',
  'continuity_plan',
  'contact_routine',
  'instruction',
  'other',
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;
export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  security_programme: 'Säkerhetsprogram',
  crisis_plan: 'Krisledningsplan',
  continuity_plan: 'Kontinuitetsplan',
  contact_routine: 'Kontaktrutin',
  instruction: 'Instruktion',
  other: 'Övrigt',
};

/** A card, or one step of it, that points to a document. */
export const DocumentLink = z
  .object({
    cardId: z.string().min(1).max(60),
    stepId: z.string().min(1).max(40).optional(),
  })
  .strict();
export type DocumentLink = z.infer<typeof DocumentLink>;

export interface LibraryDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  /** The document's own version ("2.1", "2020–2023"), as the plan names it. */
  version: string;
  /** The date the plan was adopted or issued (YYYY-MM-DD). */
  date: string;
  hash: string;
  mediaType: MediaType;
  size: number;
  name: string;
  /** Roles it is for; empty means everyone (the crisis leadership always sees all, R221). */
  roles: RoleT[];
  /** Levels it is meant for; empty means every level. */
  levels: z.infer<typeof Level>[];
  links: DocumentLink[];
  at: string;
  by: ActorRef;
  retired?: { at: string; by: ActorRef };
}

export interface FilesState {
  attachments: Table<Attachment>;
  documents: Table<LibraryDocument>;
}

export const emptyFilesState = (): FilesState => ({
  attachments: emptyTable(),
  documents: emptyTable(),
});

/** The audience of a library document: its roles, or everyone. */
export const documentAudience = (roles: readonly RoleT[]): Audience | undefined =>
  roles.length > 0 ? { roles: [...roles] } : undefined;

export { LEVELS, Role };

/** The bytes the server received for a command, hashed and sniffed before it is decided. */
export interface UploadFacts {
  hash: string;
  mediaType: MediaType;
  size: number;
  name: string;
}
