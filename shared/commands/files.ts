/**
 * Attachments and the document library (R215–R224). The two commands that bring a file take
 * its hash, type and size from the server's upload route (DecideContext.upload), never from
 * the payload: a console cannot point an attachment at bytes it did not send.
 */
import { z } from 'zod';
import { defineCommand } from './define';
import { draft } from '../events';
import { Id } from '../events/schemas';
import { refuse } from '../errors';
import { allow, forbid, isReadOnly, when } from '../policy/predicates';
import { Level, Role } from '../domain/vocabulary';
import {
  ATTACHMENT_TYPES,
  AttachmentTarget,
  DOCUMENT_TYPES,
  DocumentKind,
  DocumentLink,
  FileName,
  documentAudience,
} from '../files/model';
import {
  attachmentAudience,
  attachmentOf,
  documentOf,
  mayAttach,
  mayKeepLibrary,
  mayRemoveAttachment,
  targetFacts,
} from '../files/policy';

const NO_UPLOAD = refuse(
  'INVALID',
  'Filen saknas. Ladda upp den med formuläret, så följer den med kommandot.',
);

export const addAttachment = defineCommand({
  label: 'Bifoga fil',
  payload: z
    .object({
      target: AttachmentTarget,
      targetId: Id,
      name: FileName,
      caption: z.string().trim().max(300).optional(),
      /** Seen only by the record's district and the crisis leadership (R219). */
      confidential: z.boolean().default(false),
    })
    .strict(),
  authorize: (a, p, s) =>
    when(
      mayAttach(a, targetFacts(s, p.target, p.targetId)),
      isReadOnly(a)
        ? 'Du har läsbehörighet och kan inte bifoga filer.'
        : 'Du kan bara bifoga filer till ditt eget områdes rapporter, markeringar och loggposter.',
    ),
  decide: (p, s, ctx) => {
    const t = targetFacts(s, p.target, p.targetId);
    if (!t)
      return refuse(
        'NOT_FOUND',
        p.target === 'log'
          ? 'Loggposten finns inte (eller är för gammal för att få bilagor).'
          : p.target === 'report'
            ? 'Lägesrapporten finns inte.'
            : 'Markeringen finns inte.',
      );
    const up = ctx.upload;
    if (!up) return NO_UPLOAD;
    if (!ATTACHMENT_TYPES.includes(up.mediaType))
      return refuse('INVALID', 'Filtypen kan inte bifogas.');
    const audience = attachmentAudience(t, p.confidential, ctx.actor);
    if (audience === 'impossible')
      return refuse(
        'INVALID',
        'En sekretessmarkerad bilaga hör till ett stadsdelsområde eller en enhet.',
      );
    return [
      draft(
        'attachment.added',
        {
          attachmentId: ctx.newId('att'),
          target: p.target,
          targetId: p.targetId,
          ...(t.districtId ? { districtId: t.districtId } : {}),
          ...(t.eventId ? { eventId: t.eventId } : {}),
          ...(p.caption ? { caption: p.caption } : {}),
          hash: up.hash,
          mediaType: up.mediaType,
          size: up.size,
          name: p.name,
        },
        audience,
      ),
    ];
  },
});

export const removeAttachment = defineCommand({
  label: 'Ta bort bilaga',
  payload: z.object({ attachmentId: Id }).strict(),
  authorize: (a, p, s) => {
    const att = attachmentOf(s, p.attachmentId);
    if (!att) return allow;
    return when(
      mayRemoveAttachment(a, att),
      'Endast den som bifogade filen eller krisledningen kan ta bort den.',
    );
  },
  decide: (p, s) => {
    const att = attachmentOf(s, p.attachmentId);
    if (!att) return refuse('NOT_FOUND', 'Bilagan finns inte.');
    if (att.removed) return refuse('CONFLICT', 'Bilagan är redan borttagen.');
    return [draft('attachment.removed', { attachmentId: att.id }, att.audience)];
  },
});

const Title = z.string().trim().min(1, 'Ange en titel.').max(200);
const Version = z.string().trim().min(1, 'Ange version.').max(40);
const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ange datum som ÅÅÅÅ-MM-DD.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Datumet finns inte.');
const Levels = z.array(Level).max(3).default([]);
const Links = z.array(DocumentLink).max(100).default([]);

const LIBRARY_KEEPERS =
  'Endast säkerhetschefen och systemadministratören kan ändra i dokumentbiblioteket.';

export const publishDocument = defineCommand({
  label: 'Lägg till dokument',
  payload: z
    .object({
      title: Title,
      kind: DocumentKind,
      version: Version,
      date: DateOnly,
      name: FileName,
      roles: z.array(Role).max(20).default([]),
      levels: Levels,
      links: Links,
    })
    .strict(),
  authorize: (a, _p, s, now) => when(mayKeepLibrary(a, s, now), LIBRARY_KEEPERS),
  decide: (p, _s, ctx) => {
    const up = ctx.upload;
    if (!up) return NO_UPLOAD;
    if (!DOCUMENT_TYPES.includes(up.mediaType))
      return refuse('INVALID', 'Dokumentbiblioteket tar bara emot PDF och Markdown.');
    const roles = [...new Set(p.roles)];
    return [
      draft(
        'document.published',
        {
          documentId: ctx.newId('doc'),
          title: p.title,
          kind: p.kind,
          version: p.version,
          date: p.date,
          roles,
          levels: [...new Set(p.levels)],
          links: p.links,
          hash: up.hash,
          mediaType: up.mediaType,
          size: up.size,
          name: p.name,
        },
        documentAudience(roles),
      ),
    ];
  },
});

export const updateDocument = defineCommand({
  label: 'Ändra dokument',
  payload: z
    .object({
      documentId: Id,
      title: Title.optional(),
      kind: DocumentKind.optional(),
      version: Version.optional(),
      date: DateOnly.optional(),
      levels: z.array(Level).max(3).optional(),
      links: z.array(DocumentLink).max(100).optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) => when(mayKeepLibrary(a, s, now), LIBRARY_KEEPERS),
  decide: (p, s) => {
    const d = documentOf(s, p.documentId);
    if (!d) return refuse('NOT_FOUND', 'Dokumentet finns inte.');
    if (d.retired) return refuse('CONFLICT', 'Dokumentet är tillbakadraget.');
    return [draft('document.updated', p, documentAudience(d.roles))];
  },
});

export const retireDocument = defineCommand({
  label: 'Dra tillbaka dokument',
  payload: z.object({ documentId: Id }).strict(),
  authorize: (a, _p, s, now) => (mayKeepLibrary(a, s, now) ? allow : forbid(LIBRARY_KEEPERS)),
  decide: (p, s) => {
    const d = documentOf(s, p.documentId);
    if (!d) return refuse('NOT_FOUND', 'Dokumentet finns inte.');
    if (d.retired) return refuse('CONFLICT', 'Dokumentet är redan tillbakadraget.');
    return [draft('document.retired', { documentId: d.id }, documentAudience(d.roles))];
  },
});

export const FILE_COMMANDS = {
  'attachment.add': addAttachment,
  'attachment.remove': removeAttachment,
  'document.publish': publishDocument,
  'document.update': updateDocument,
  'document.retire': retireDocument,
} as const;
