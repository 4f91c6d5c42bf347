/**
 * Uploads and reads of attachments and library documents (R215–R221; docs/protocol.md).
 *
 * An upload is the file as the request body with its command beside it in the query. In order:
 * size (413), type by content (415), the command decided against the current state with the
 * file's hash (any refusal: nothing is stored), the blob written durably, then the command
 * appended. A read names a hash and a space and is answered only when the reader sees a record
 * in that space that references it; any other hash, existing or not, gets the same 404.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type express from 'express';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/actor';
import { DelegableRole } from '../../shared/domain/vocabulary';
import { REAL_SPACE } from '../../shared/protocol';
import { HTTP_STATUS, isRefusal } from '../../shared/errors';
import { handleCommand } from '../../shared/handleCommand';
import { canSee, maySeeSpace } from '../../shared/visibility';
import { tableValues } from '../../shared/domain/table';
import { filesOf, mayReadDocument } from '../../shared/files/policy';
import { capability } from '../../shared/policy/capability';
import {
  ATTACHMENT_TYPES,
  DOCUMENT_TYPES,
  isImage,
  type MediaType,
} from '../../shared/files/model';
import { ATTACHMENT_WORDS, DOCUMENT_WORDS, sniffUpload } from '../../shared/files/sniff';
import type { CityState } from '../../shared/domain/state';
import type { Space } from '../space';
import { isHash, sha256, type BlobStore } from './blobStore';

export interface FileRouteDeps {
  spaces: ReadonlyMap<string, Space>;
  blobs: BlobStore;
  uploadMaxBytes: number;
}

const fail = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ error: { code, message } });

const UploadQuery = z
  .object({
    space: z.string().max(90).default(REAL_SPACE),
    /** The console's command id: a resend of the same upload is recognised, not stored twice. */
    id: z.string().min(8).max(100),
    /** The command's payload as JSON (everything but the file). */
    payload: z.string().max(20_000),
    actingFor: DelegableRole.optional(),
  })
  .strict();

const megabytes = (n: number) =>
  `${(n / 2 ** 20).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;

class TooLarge extends Error {}

/** The request body, at most `max` bytes; stops reading (and refuses) at the first byte over. */
function readBody(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(new TooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The record a reader may see that references `hash`, with its type and name, if any. */
export function visibleReference(
  s: CityState,
  actor: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
  hash: string,
): { mediaType: MediaType; name: string } | undefined {
  const f = filesOf(s);
  for (const a of tableValues(f.attachments))
    if (a.hash === hash && !a.removed && canSee(actor, a.audience)) return a;
  for (const d of tableValues(f.documents))
    if (d.hash === hash && mayReadDocument(actor, d)) return d;
  return undefined;
}

export function mountFileRoutes(
  app: express.Express,
  authenticate: RequestHandler,
  deps: FileRouteDeps,
): void {
  const upload =
    (command: 'attachment.add' | 'document.publish'): RequestHandler =>
    async (req, res, next) => {
      try {
        const q = UploadQuery.safeParse(req.query);
        if (!q.success) {
          req.resume();
          return fail(res, 400, 'INVALID', 'Ogiltiga parametrar (space, id, payload).');
        }
        let payload: unknown;
        try {
          payload = JSON.parse(q.data.payload);
        } catch {
          req.resume();
          return fail(res, 400, 'INVALID', 'Kommandots innehåll är inte giltig JSON.');
        }
        const actor = req.actor as Actor;
        const space = deps.spaces.get(q.data.space);
        if (!space) {
          req.resume();
          return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
        }
        if (!maySeeSpace(actor, space.state)) {
          req.resume();
          return fail(res, 403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
        }
        const who = q.data.actingFor ? { ...actor, actingFor: q.data.actingFor } : actor;
        // The command this request will submit, with its own payload, is asked about before the
        // file is read: who may not attach or publish costs the server no upload (R233).
        const may = capability(space.state, who, command, payload, new Date().toISOString());
        if (!may.allowed) {
          req.resume();
          return fail(res, HTTP_STATUS[may.reason.code], may.reason.code, may.reason.message);
        }
        let bytes: Buffer;
        try {
          bytes = await readBody(req, deps.uploadMaxBytes);
        } catch (err) {
          if (!(err instanceof TooLarge)) throw err;
          res.setHeader('Connection', 'close');
          return fail(
            res,
            413,
            'TOO_LARGE',
            `Filen är för stor. Största tillåtna storlek är ${megabytes(deps.uploadMaxBytes)}.`,
          );
        }
        const name =
          typeof (payload as { name?: unknown })?.name === 'string'
            ? (payload as { name: string }).name
            : '';
        const sniffed =
          command === 'attachment.add'
            ? sniffUpload(bytes, name, ATTACHMENT_TYPES, ATTACHMENT_WORDS)
            : sniffUpload(bytes, name, DOCUMENT_TYPES, DOCUMENT_WORDS);
        if (!sniffed.ok) return fail(res, 415, 'INVALID', sniffed.reason);
        const facts = {
          upload: {
            hash: sha256(bytes),
            mediaType: sniffed.mediaType,
            size: bytes.length,
            name,
          },
        };
        const cmd = { type: command, payload };
        // Decided first against the current state: a refused command stores nothing.
        const verdict = handleCommand(who, cmd, space.state, {
          now: new Date().toISOString(),
          newId: (p) => `${p}_${randomUUID()}`,
          ...facts,
        });
        if (isRefusal(verdict))
          return fail(res, HTTP_STATUS[verdict.code], verdict.code, verdict.message);
        await deps.blobs.put(space.name, facts.upload.hash, bytes);
        const outcome = await space.submit(who, `${actor.userId}:${q.data.id}`, cmd, facts);
        if (!outcome.ok)
          return fail(
            res,
            HTTP_STATUS[outcome.error.code],
            outcome.error.code,
            outcome.error.message,
          );
        res.status(201).json({
          ok: true,
          seq: outcome.seq,
          firstSeq: outcome.firstSeq,
          ...(outcome.duplicate ? { duplicate: true } : {}),
          hash: facts.upload.hash,
          mediaType: facts.upload.mediaType,
          size: facts.upload.size,
        });
      } catch (err) {
        next(err);
      }
    };

  app.post('/api/attachments', authenticate, upload('attachment.add'));
  app.post('/api/library/documents', authenticate, upload('document.publish'));

  app.get('/api/files/:hash', authenticate, async (req, res, next) => {
    try {
      const q = z
        .object({
          space: z.string().max(90).default(REAL_SPACE),
          download: z.literal('1').optional(),
        })
        .strict()
        .safeParse(req.query);
      const hash = String(req.params.hash);
      const notFound = () => fail(res, 404, 'NOT_FOUND', 'Filen finns inte.');
      if (!q.success || !isHash(hash)) return notFound();
      const actor = req.actor as Actor;
      const space = deps.spaces.get(q.data.space);
      // The same answer for a hidden file, an unknown one and a space one may not read (R219).
      if (!space || !maySeeSpace(actor, space.state)) return notFound();
      const ref = visibleReference(space.state, actor, hash);
      if (!ref) return notFound();
      const bytes = await deps.blobs.get(space.name, hash);
      if (!bytes) return notFound();
      const text = ref.mediaType.startsWith('text/');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Text is shown as text, never run: no scripts, no styles, no frames.
      if (text) res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      const ascii = ref.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      const disposition =
        q.data.download || !(isImage(ref.mediaType) || ref.mediaType === 'application/pdf' || text)
          ? 'attachment'
          : 'inline';
      res.setHeader(
        'Content-Disposition',
        `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(ref.name)}`,
      );
      res.setHeader('ETag', `"${hash}"`);
      res.type(text ? `${ref.mediaType}; charset=utf-8` : ref.mediaType).send(bytes);
    } catch (err) {
      next(err);
    }
  });
}
